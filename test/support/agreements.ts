import { hashPassword } from '../../src/features/accounts/passwords.ts';
import type { ObjectiveFields } from '../../src/features/agreements/agreement-content.repository.ts';
import type { AgreementKind } from '../../src/features/agreements/agreements.tables.ts';
import { saveLeader } from '../../src/features/leaders/leaders.service.ts';
import { activeSpecialisms } from '../../src/features/specialisms/specialisms.service.ts';
import type { CurrentUser, Role } from '../../src/platform/access.ts';
import { EXAMPLE_LEADERS, EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { GOOD_PASSWORD, sessionCookiesFor } from './accounts.ts';
import type { TestApp } from './test-app.ts';

export type LeaderKey = keyof typeof EXAMPLE_LEADERS;

/** The named example leaders, saved as the roster import saves them; their ids by key. */
export async function addExampleLeaders(t: TestApp, ...keys: LeaderKey[]): Promise<Record<LeaderKey, number>> {
  const alliance = await t.app.services.alliances.current();
  const ids = {} as Record<LeaderKey, number>;
  await t.database.db.transaction(async (tx) => {
    for (const key of keys) {
      const outcome = await saveLeader(tx, alliance.id, EXAMPLE_LEADERS[key], t.clock.now());
      if (!outcome.ok) throw new Error(`Leader ${key}: ${outcome.problems.map((problem) => problem.message).join('; ')}`);
      ids[key] = outcome.leaderId;
    }
  });
  return ids;
}

let counter = 0;

/** A person signed in with these roles, linked to a school or a leader: the service's view of them, and a browser's cookies. */
export type Person = { user: CurrentUser; cookies: Record<string, string>; password: string };

export async function person(t: TestApp, details: { roles: Role[]; name?: string; jobTitle?: string; schoolUrn?: number | null; leaderId?: number | null; email?: string }): Promise<Person> {
  counter++;
  const alliance = await t.app.services.alliances.current();
  const email = details.email ?? `person-${counter}@agreements.example`;
  const name = details.name ?? `Person ${counter}`;
  const jobTitle = details.jobTitle ?? 'Headteacher';
  const created = await t.database.db.transaction(async (tx) =>
    t.app.services.users.ensureUser(tx, alliance, { email, name, jobTitle, roles: details.roles, schoolUrn: details.schoolUrn ?? null, leaderId: details.leaderId ?? null, passwordHash: await hashPassword(GOOD_PASSWORD) }),
  );
  const user: CurrentUser = { id: created.id, email, name, jobTitle, roles: details.roles, schoolUrn: details.schoolUrn ?? null, leaderId: details.leaderId ?? null, sessionId: 0 };
  return { user, cookies: await sessionCookiesFor(t, created), password: GOOD_PASSWORD };
}

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

/** A placement's terms as the form takes them: a new head, half a day a week for a year. */
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
};

export const AN_OBJECTIVE: ObjectiveFields = {
  objective: 'Pupils reason confidently in maths',
  baseline: '48% of Year 6 reached the expected standard in reasoning',
  successMeasure: 'At least 65% reach it in the summer assessments',
};

/** Deployment terms for the service: `overrides` change any of them. */
export async function deploymentTerms(t: TestApp, overrides: Partial<Parameters<TestApp['app']['services']['agreementEditing']['saveDeploymentTerms']>[2]> = {}) {
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

/**
 * An agreement ready to sign, made through the services as a coordinator would: started, its terms
 * saved and one objective added. Defaults: Amira Hussain (SLE, Palmerston) for Banks Road.
 */
export async function readyAgreement(
  t: TestApp,
  coordinator: CurrentUser,
  options: { kind?: AgreementKind; leaderId: number; schoolUrn?: number; terms?: Partial<Awaited<ReturnType<typeof deploymentTerms>>> },
): Promise<number> {
  const kind = options.kind ?? 'sle-deployment';
  const created = await t.app.services.agreements.create(coordinator, { kind, leaderId: options.leaderId, supportedSchoolUrn: options.schoolUrn ?? EXAMPLE_SCHOOLS.bankRoad.urn });
  if (!created.ok) throw new Error(created.problems.map((problem) => problem.message).join('; '));
  const id = created.value.id;
  const saved =
    kind === 'sle-deployment'
      ? await t.app.services.agreementEditing.saveDeploymentTerms(coordinator, id, await deploymentTerms(t, options.terms))
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
        });
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  const objective = await t.app.services.agreementEditing.addObjective(coordinator, id, AN_OBJECTIVE);
  if (!objective.ok) throw new Error(JSON.stringify(objective));
  return id;
}

/**
 * The values a browser would send from a page's forms as they stand: text and hidden inputs, ticked
 * radios and checkboxes, selected options and textareas (the CSRF token left out). Names that
 * repeat (checkboxes) become arrays.
 */
export function formFields(html: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const decoded = value.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const existing = fields[name];
    fields[name] = existing === undefined ? decoded : [...(Array.isArray(existing) ? existing : [existing]), decoded];
  };
  const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const type = attribute(tag, 'type') ?? 'text';
    if (!name || name === '_csrf') continue;
    if ((type === 'radio' || type === 'checkbox') && !/\schecked\b/.test(tag)) continue;
    add(name, attribute(tag, 'value') ?? '');
  }
  for (const [, tag, body] of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(body!)?.[1];
    if (selected !== undefined) add(attribute(tag!, 'name')!, selected);
  }
  for (const [, tag, body] of html.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) add(attribute(tag!, 'name')!, body!);
  return fields;
}
