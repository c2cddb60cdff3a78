import { asc, eq } from 'drizzle-orm';
import type { ObjectiveFields } from '../../src/features/agreements/agreement-content.repository.ts';
import type { AgreementKind } from '../../src/features/agreements/agreements.model.ts';
import { leaderSpecialisms } from '../../src/features/leaders/leaders.tables.ts';
import { activeSpecialisms } from '../../src/features/specialisms/specialisms.service.ts';
import { versionFingerprint } from '../../src/features/agreements/agreement-signing.service.ts';
import type { CurrentUser } from '../../src/platform/access.ts';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { person, type Person } from './people.ts';
import type { TestApp } from './test-app.ts';

export async function specialismId(t: TestApp, name: string): Promise<number> {
  const alliance = await t.app.services.alliances.current();
  const found = (await activeSpecialisms(t.database.db, alliance.id)).find((specialism) => specialism.name === name);
  if (!found) throw new Error(`No specialism ${name}`);
  return found.id;
}

/** A deployment's terms as the form takes them: 10 days of maths from January to July 2027, for a fee. */
export const DEPLOYMENT_FORM = {
  days: '10',
  visitPattern: 'Every other Tuesday morning',
  'startDate-day': '11',
  'startDate-month': '1',
  'startDate-year': '2027',
  'endDate-day': '16',
  'endDate-month': '7',
  'endDate-year': '2027',
  fundingType: 'fee',
  fee: '1,500',
};

/** A placement's terms as the form takes them: a new head, half a day a week for a year, without funding. */
export const PLACEMENT_FORM = {
  commissioningBody: 'local-authority',
  commissioningBodyName: 'Liverpool City Council',
  supportedHeadName: 'Tom Okafor',
  priorityReasons: ['new-head'],
  focus: 'Setting the school’s priorities and leading its first self-evaluation',
  intensity: '0.5',
  'startDate-day': '11',
  'startDate-month': '1',
  'startDate-year': '2027',
  'endDate-day': '14',
  'endDate-month': '1',
  'endDate-year': '2028',
  fundingType: 'none',
};

export const AN_OBJECTIVE: ObjectiveFields = {
  objective: 'Pupils reason confidently in maths',
  baseline: '48% of Year 6 reached the expected standard in reasoning',
  successMeasure: 'At least 65% reach it in the summer assessments',
};

/** Deployment terms for the service: `overrides` change any of them. */
export async function deploymentTerms(
  t: TestApp,
  overrides: Partial<Parameters<TestApp['app']['services']['agreementEditing']['saveDeploymentTerms']>[2]> = {},
) {
  return {
    focusSpecialismId: await specialismId(t, 'Maths'),
    halfDays: 20,
    visitPattern: 'Every other Tuesday morning',
    startDate: '2027-01-11',
    endDate: '2027-07-16',
    fundingType: 'fee' as const,
    feePence: 150_000,
    exchangeDescription: null,
    exchangeHalfDays: null,
    ...overrides,
  };
}

/** Maths when the leader holds it, else the first specialism they hold: a deployment's focus must be one of theirs. */
async function focusHeldBy(t: TestApp, leaderId: number): Promise<number> {
  const maths = await specialismId(t, 'Maths');
  const held = await t.database.db
    .select({ id: leaderSpecialisms.specialismId })
    .from(leaderSpecialisms)
    .where(eq(leaderSpecialisms.leaderId, leaderId))
    .orderBy(asc(leaderSpecialisms.specialismId));
  return held.some((row) => row.id === maths) ? maths : (held[0]?.id ?? maths);
}

/**
 * An agreement ready to sign, made through the services as a coordinator would: started, its terms
 * saved and one objective added. Defaults: Amira Hussain (SLE, Palmerston) for Banks Road.
 */
export async function readyAgreement(
  t: TestApp,
  coordinator: CurrentUser,
  options: {
    kind?: AgreementKind;
    leaderId: number;
    schoolUrn?: number;
    terms?: Partial<Awaited<ReturnType<typeof deploymentTerms>>>;
  },
): Promise<number> {
  const kind = options.kind ?? 'sle-deployment';
  const created = await t.app.services.agreements.create(coordinator, {
    kind,
    leaderId: options.leaderId,
    supportedSchoolUrn: options.schoolUrn ?? EXAMPLE_SCHOOLS.bankRoad.urn,
  });
  if (!created.ok) throw new Error(created.problems.map((problem) => problem.message).join('; '));
  const id = created.value.id;
  const saved =
    kind === 'sle-deployment'
      ? await t.app.services.agreementEditing.saveDeploymentTerms(
          coordinator,
          id,
          await deploymentTerms(t, { focusSpecialismId: await focusHeldBy(t, options.leaderId), ...options.terms }),
        )
      : await t.app.services.agreementEditing.savePlacementTerms(coordinator, id, {
          commissioningBody: 'local-authority',
          commissioningBodyName: 'Liverpool City Council',
          supportedHeadName: 'Tom Okafor',
          priorityReasons: ['new-head'],
          focus: 'Setting the school’s priorities',
          intensityHalfDaysPerWeek: 1,
          intensityReason: null,
          startDate: '2027-01-11',
          endDate: '2028-01-14',
          endPointReason: null,
          fundingType: 'none',
          feePence: null,
          exchangeDescription: null,
          exchangeHalfDays: null,
        });
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  const objective = await t.app.services.agreementEditing.addObjective(coordinator, id, AN_OBJECTIVE);
  if (!objective.ok) throw new Error(JSON.stringify(objective));
  return id;
}

/** Who signs for each party of an agreement: a school contact of each school, and the alliance's coordinator. */
export type Signatories = { supportedSchool: Person; homeSchool: Person; coordinator: Person };

/** Signs the agreement's current version for every party through the signing service, which locks it. */
export async function signEveryParty(t: TestApp, id: number, signatories: Signatories): Promise<void> {
  const version = (await t.app.services.agreements.find(signatories.coordinator.user, id))!.version;
  const fingerprint = versionFingerprint(version);
  for (const [who, party, capacity] of [
    [signatories.supportedSchool.user, 'supported-school', 'head'],
    [signatories.homeSchool.user, 'home-school', 'head'],
    [signatories.coordinator.user, 'alliance', 'alliance'],
  ] as const) {
    const signed = await t.app.services.agreementSigning.sign(who as CurrentUser, id, {
      party,
      capacity,
      headName: null,
      fingerprint,
    });
    if (!signed.ok) throw new Error(`Signing for ${party}: ${JSON.stringify(signed)}`);
  }
}

/**
 * A signed agreement, made as people make one: readyAgreement(), then signed for each party through
 * the signing service. The signatories are the ones given, or a new school contact of each school
 * with the coordinator. `prepare` runs before signing (to add staff pairings to a placement, say).
 */
export async function signedAgreement(
  t: TestApp,
  coordinator: Person,
  options: Parameters<typeof readyAgreement>[2] & {
    signatories?: Omit<Signatories, 'coordinator'>;
    prepare?: (id: number) => Promise<void>;
  },
): Promise<number> {
  const id = await readyAgreement(t, coordinator.user, options);
  if (options.prepare) await options.prepare(id);
  const agreement = (await t.app.services.agreements.find(coordinator.user, id))!;
  const signatories = {
    coordinator,
    supportedSchool:
      options.signatories?.supportedSchool ??
      (await person(t, { roles: ['school-contact'], schoolUrn: agreement.supportedSchool.urn })),
    homeSchool:
      options.signatories?.homeSchool ??
      (await person(t, { roles: ['school-contact'], schoolUrn: agreement.homeSchool.urn })),
  };
  await signEveryParty(t, id, signatories);
  return id;
}

export type AgreementState = 'draft' | 'signed' | 'varying' | 'withdrawn';

/**
 * An agreement in each state a person meets one in, made as people make it: a draft ready to sign
 * (readyAgreement), signed by every party (signedAgreement), signed and then being varied, or a draft
 * withdrawn.
 */
export async function agreementIn(
  t: TestApp,
  state: AgreementState,
  coordinator: Person,
  options: Parameters<typeof signedAgreement>[2],
): Promise<number> {
  if (state === 'draft') return readyAgreement(t, coordinator.user, options);
  if (state === 'withdrawn') {
    const id = await readyAgreement(t, coordinator.user, options);
    const withdrawn = await t.app.services.agreements.withdraw(coordinator.user, id, 'Not wanted after all');
    if (!withdrawn.ok) throw new Error(JSON.stringify(withdrawn));
    return id;
  }
  const id = await signedAgreement(t, coordinator, options);
  if (state === 'varying') {
    const varied = await t.app.services.agreementEditing.startVariation(
      coordinator.user,
      id,
      'The school asked for more',
    );
    if (!varied.ok) throw new Error(JSON.stringify(varied));
  }
  return id;
}
