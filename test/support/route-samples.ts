import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { agreementObjectives } from '../../src/features/agreements/agreements.tables.ts';
import { specialisms } from '../../src/features/specialisms/specialisms.tables.ts';
import type { RouteSummary } from '../../src/platform/access.ts';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { readyAgreement, signedAgreement } from './agreements.ts';
import { applicationSentThroughForms } from './apply-journey.ts';
import { sentApplication } from './applications.ts';
import { receiveEnquiry } from './enquiries.ts';
import { addExampleLeaders, addLeader } from './leaders.ts';
import { person } from './people.ts';
import type { TestApp } from './test-app.ts';

/** A route's path with each parameter replaced by `value(parameter)`, the parameter's name without the colon. */
export function fillPath(path: string, value: (parameter: string) => string): string {
  if (path === '/assets/*') return '/assets/app.css';
  return path.replace(/:([A-Za-z]+)/g, (_, parameter: string) => value(parameter));
}

/**
 * Real records for every route parameter (an enquiry, a leader, agreements in their states, a
 * pairing, a visit and a logged visit), so a request with them reaches a handler that finds something.
 * Returns the URL of a route with those records in it.
 */
export async function routeSamples(t: TestApp): Promise<{ urlFor(route: RouteSummary): string; leaderId: number }> {
  const target = await person(t, { signedIn: false, roles: ['coordinator'], name: 'Sample Target' });
  const [specialism] = await t.database.db.select().from(specialisms).where(eq(specialisms.name, 'SEN'));
  const enquiry = await receiveEnquiry(t, t.clock.now().toISOString());
  const leaderId = await addLeader(t, { name: 'Sample Leader' });
  const leaders = await addExampleLeaders(t, 'amiraHussain', 'benCarter');
  const coordinator = await person(t, { roles: ['coordinator'] });
  const deployment = await readyAgreement(t, coordinator.user, { leaderId: leaders.amiraHussain });
  const placement = await readyAgreement(t, coordinator.user, {
    kind: 'lle-placement',
    leaderId: leaders.benCarter,
    schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
  });
  const pairing = await t.app.services.agreementEditing.addPairing(coordinator.user, placement, {
    leaderSchoolRole: 'Deputy',
    leaderSchoolName: null,
    supportedSchoolRole: 'Deputy',
    supportedSchoolName: null,
    specialismId: specialism!.id,
    halfDays: 4,
  });
  assert.ok(pairing.ok);
  const [objective] = await t.database.db.select().from(agreementObjectives).orderBy(agreementObjectives.id).limit(1);
  const signed = await signedAgreement(t, coordinator, {
    leaderId: leaders.amiraHussain,
    schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    terms: { startDate: '2026-09-07', endDate: '2027-07-16' },
  });
  const context = (await t.app.services.delivery.open(coordinator.user, signed)) as Parameters<
    typeof t.app.services.delivery.planVisit
  >[1];
  const visit = await t.app.services.delivery.planVisit(coordinator.user, context, {
    date: '2027-01-15',
    startMinutes: null,
    length: 'half-day',
    place: 'The school',
    pairingId: null,
  });
  const logged = await t.app.services.delivery.logDelivery(coordinator.user, context, {
    date: '2026-11-16',
    pairingId: null,
    halfDays: 1,
    minutes: null,
    countedHalfDays: 1,
    activities: ['coaching'],
    notes: '',
    sharedWith: 'everyone',
    progress: [],
  });
  assert.ok(visit.ok && logged.ok);
  // Removing a criterion deletes it, so the walks remove a criterion of their own, not the one they edit.
  const [criterion, criterionToRemove] = (await t.app.services.designationRules.criteria()).sle;
  const round = await t.app.services.recruitmentRounds.open(coordinator.user, {
    designationType: 'sle',
    opensOn: '2026-09-01',
    closesOn: null,
    note: '',
    specialismIds: [],
  });
  assert.ok(criterion && criterionToRemove && round.ok);
  // An application on a panel, for Staff > Applications and the panel's pages.
  const application = await sentApplication(t, {
    schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    withoutEvidenceFor: [criterionToRemove.id],
  });
  const panelId = await t.app.services.panels.create(coordinator.user, {
    meetsOn: '2026-11-23',
    hearing: 'application',
    note: '',
  });
  const panel = await t.app.services.panels.view(coordinator.user, panelId);
  assert.ok(panel && (await t.app.services.panels.addApplication(coordinator.user, panel, application.id)).ok);
  // A member who has not scored, for the removal's confirmation page.
  const member = await person(t, { roles: ['panel-member'], name: 'Sample Panel Member' });
  assert.ok((await t.app.services.panels.addMember(coordinator.user, panel, member.id)).ok);

  const alliance = await t.app.services.alliances.current();
  const [sampleDesignation] = (await t.app.services.leaders.find(alliance.id, leaderId))!.designations;
  const review = await t.app.services.designationReviews.openEarlyReview(
    coordinator.user,
    sampleDesignation!.id,
    'criteria-not-met',
    'A sample early review',
  );
  assert.ok(review.ok);
  // An application sent through the journey, for its references' and consents' staff actions.
  const applied = await applicationSentThroughForms(t);

  const byPrefix: Array<[RegExp, Record<string, string>]> = [
    [/\/pairings\//, { id: String(placement), pairingId: String(pairing.value) }],
    [/\/(visits|delivery)\//, { id: String(signed), visitId: String(visit.value), logId: String(logged.value) }],
    [/^\/staff\/users\//, { id: String(target.id) }],
    [/^\/staff\/specialisms\//, { id: String(specialism!.id) }],
    [/^\/staff\/designation-settings\/criteria\/:id\/remove$/, { id: String(criterionToRemove.id) }],
    [/^\/staff\/designation-settings\/criteria\//, { id: String(criterion.id) }],
    [/^\/staff\/recruitment-rounds\//, { id: String(round.value) }],
    [
      /^\/staff\/leaders\/:id\/designations\/:designationId\//,
      { id: String(leaderId), designationId: String(sampleDesignation!.id) },
    ],
    [/^\/staff\/designation-reviews\/early\//, { designationId: String(sampleDesignation!.id) }],
    [/^\/staff\/designation-reviews\//, { id: String(review.value) }],
    [/^\/staff\/applications\/:id\/requests\//, { id: String(applied.id), requestId: String(applied.requestId) }],
    [/^\/staff\/(leaders|release-ledger)\/|^(\/api)?\/system-leaders\//, { id: String(leaderId) }],
    [/^\/staff\/agreements\//, { id: String(deployment) }],
    [/^\/staff\/applications\//, { id: String(application.id) }],
    [/^\/staff\/panels\//, { id: String(panelId), applicationId: String(application.id), userId: String(member.id) }],
  ];
  const shared: Record<string, string> = {
    date: '2026-12-24',
    firstDay: '2026-09-03',
    reference: enquiry.reference,
    objectiveId: String(objective!.id),
    number: '1',
    leaderId: String(leaders.amiraHussain),
    startYear: '2026',
    kind: 'mid-point',
    type: 'sle',
    proposalId: '1',
    criterionId: String(criterion.id),
    // A token shaped like a real one (which are emailed, never in the URL of a page to sample).
    token: 'A'.repeat(43),
    id: '1',
  };
  return {
    leaderId: leaders.amiraHussain,
    urlFor(route) {
      const specific = byPrefix.find(([pattern]) => pattern.test(route.path))?.[1] ?? {};
      return fillPath(route.path, (parameter) => specific[parameter] ?? shared[parameter] ?? '1');
    },
  };
}
