import type { RequestKind } from '../features/designation/applications.model.ts';
import type { CurrentUser } from '../platform/access.ts';
import type { Services } from '../services.ts';
import { DEMO_ANSWERS, demoEvidence, SCHOOL_PEOPLE, type DemoApplicant } from './designation-demo-applicants.ts';

/** A staff account as the services see the person signed in with it; undefined if it is not there. */
export async function demoActor(services: Services, email: string): Promise<CurrentUser | undefined> {
  const alliance = await services.alliances.current();
  const account = await services.userDirectory.findByEmail(email);
  if (!account) return undefined;
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    jobTitle: account.jobTitle,
    roles: await services.userDirectory.rolesOf(account.id, alliance.id),
    schoolUrn: null,
    leaderId: null,
    sessionId: 0,
  };
}

const fail = (what: string, detail: unknown): never => {
  throw new Error(`Demo designation: ${what}: ${JSON.stringify(detail)}`);
};

/**
 * The applicant's side of the journey, through the service the /apply pages call: started in the
 * round, answered page by page, and sent unless it is to stay started. Its id.
 */
export async function applyAs(services: Services, applicant: DemoApplicant, roundId: number): Promise<number> {
  const started = await services.applications.start({ roundId, name: applicant.name, email: applicant.email });
  if (!started.ok) return fail(`starting ${applicant.name}'s application`, started.message);
  const current = async () =>
    (await services.applications.byToken(started.token)) ?? fail('the application behind its link', applicant.name);
  const application = await current();
  await services.applications.answer(application, {
    schoolUrn: applicant.schoolUrn,
    jobTitle: applicant.jobTitle,
    role: applicant.role,
    yearsInRole: applicant.yearsInRole,
    leadershipYears: applicant.leadershipYears,
    otherAlliance: '',
  });
  const active = await services.specialisms.active();
  const specialismIds = applicant.specialisms.map(
    (name) => active.find((specialism) => specialism.name === name)?.id ?? fail('no such specialism', name),
  );
  await services.applications.chooseSpecialisms(application, specialismIds, applicant.phases);
  if (applicant.stage === 'started') return application.id;
  const criteria = (await services.designationRules.criteria())[application.designationType];
  for (const [index, criterion] of criteria.entries())
    await services.applications.saveEvidence(application, criterion.id, demoEvidence(applicant, index));
  const school = await services.schools.find(applicant.schoolUrn);
  const organisation = school?.name ?? '';
  const { head, chair } = SCHOOL_PEOPLE[applicant.schoolUrn] ?? fail('no head and chair for the school', applicant);
  await services.applications.namePeople(application, {
    'line-manager-reference': { ...head, organisation },
    'supported-leader-reference': applicant.supportedLeader,
    'head-consent': { name: head.name, email: head.email, jobTitle: 'Headteacher', organisation },
    'chair-consent': { name: chair.name, email: chair.email, jobTitle: 'Chair of governors', organisation },
  });
  const sent = await services.applications.send(await current());
  if (!sent.ok) fail(`sending ${applicant.name}'s application`, sent.problems);
  return application.id;
}

const REQUEST_LINK = /\/application-requests\/([\w-]{43})/g;

/**
 * The referees and consenters answer by the links emailed to them. The links are read from the
 * emails as an administrator reads them on Staff > Emails (the service keeps only their hashes),
 * newest first, so each person's latest links are the ones that still work.
 */
export async function answerRequests(
  services: Services,
  administrator: CurrentUser,
  applicant: DemoApplicant,
  kinds: readonly RequestKind[],
): Promise<void> {
  if (kinds.length === 0) return;
  const { head, chair } = SCHOOL_PEOPLE[applicant.schoolUrn]!;
  const recipients = new Set([head.email, chair.email, applicant.supportedLeader.email]);
  const listed = (await services.outboxAdmin.list(administrator, { page: 1 })) ?? fail('reading emails', 'refused');
  const waiting = new Set(kinds);
  for (const message of listed.messages.filter((each) => recipients.has(each.recipient))) {
    const email = await services.outboxAdmin.find(administrator, message.id);
    for (const [, token] of (email?.email.body ?? '').matchAll(REQUEST_LINK)) {
      const link = await services.applicationRequests.byLink(token);
      if (!link.ok || !waiting.has(link.request.kind) || link.application.applicantName !== applicant.name) continue;
      const consent = link.request.kind === 'head-consent' || link.request.kind === 'chair-consent';
      const answered = await services.applicationRequests.answerByLink(token, {
        answerText: DEMO_ANSWERS[link.request.kind],
        supports: true,
        releaseDays: consent ? 15 : null,
      });
      if (!answered.ok) fail(`answering ${link.request.kind} for ${applicant.name}`, answered.reason);
      waiting.delete(link.request.kind);
    }
  }
  if (waiting.size > 0) fail(`no emailed link for ${applicant.name}`, [...waiting]);
}
