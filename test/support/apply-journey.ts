import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { applicationRequests, applications } from '../../src/features/designation/applications.tables.ts';
import { outboxMessages } from '../../src/platform/outbox/outbox.tables.ts';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import type { DesignationType } from '../../src/features/leaders/leaders.model.ts';
import { person } from './people.ts';
import { cookiesFrom, openForm, submitForm, type TestApp } from './test-app.ts';

/** A recruitment round open now for the designation (all year), opened by a coordinator if there is none: its id. */
export async function openRound(t: TestApp, type: DesignationType): Promise<number> {
  const open = (await t.app.services.recruitmentRounds.current()).find(
    (round) => round.open && round.designationType === type,
  );
  if (open) return open.id;
  const coordinator = await person(t, { roles: ['coordinator'], signedIn: false });
  const round = await t.app.services.recruitmentRounds.open(coordinator.user, {
    designationType: type,
    opensOn: '2026-09-01',
    closesOn: null,
    note: '',
    specialismIds: [],
  });
  assert.ok(round.ok);
  return round.value;
}

/** A browser's cookies across a journey: each response's cookies replace the ones of the same name. */
export type Jar = Record<string, string>;

/** Opens the page as the browser holding the jar, fills in the form, and posts it; the jar keeps the cookies. */
export async function answer(
  t: TestApp,
  jar: Jar,
  url: string,
  fields: Record<string, string | string[]>,
): Promise<LightMyRequestResponse> {
  const form = await openForm(t.app, url, jar);
  Object.assign(jar, form.cookies);
  const response = await submitForm(t.app, url, fields, { csrfToken: form.csrfToken, cookies: jar });
  Object.assign(jar, cookiesFrom(response));
  return response;
}

export async function emailsTo(t: TestApp, to: string) {
  const all = await t.database.db.select().from(outboxMessages).orderBy(asc(outboxMessages.id));
  return all.filter((message) => message.recipient === to);
}

/** The single-use link in the latest email to the address, as a path. */
export async function linkIn(t: TestApp, to: string, path: RegExp = /\/application-requests\/[\w-]{43}/) {
  const emails = await emailsTo(t, to);
  const match = path.exec(emails.at(-1)?.body ?? '');
  assert.ok(match, `an email to ${to} with a link`);
  return match[0];
}

export const REFEREES = {
  lineManager: {
    name: 'Hana Okafor',
    email: 'hana.okafor@palmerston.example',
    jobTitle: 'Headteacher',
    organisation: 'Palmerston School',
  },
  supportedLeader: {
    name: 'Rhys Bell',
    email: 'rhys.bell@banks-road.example',
    jobTitle: 'Head of maths',
    organisation: 'Banks Road Primary School',
  },
  head: { name: 'Hana Okafor', email: 'hana.okafor@palmerston.example' },
  chair: { name: 'Imogen Shaw', email: 'imogen.shaw@palmerston.example' },
};

const prefixed = (prefix: string, person: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(person).map(([key, value]) => [`${prefix}${key[0]!.toUpperCase()}${key.slice(1)}`, value]),
  );

/**
 * An SLE's application answered page by page through the real app, up to check your answers, as
 * `applicant` (an email address). Returns the browser's jar, holding the application's cookie.
 */
export async function answerSleApplication(t: TestApp, applicant: { name: string; email: string }): Promise<Jar> {
  const roundId = await openRound(t, 'sle');
  const jar: Jar = {};
  const go = async (url: string, fields: Record<string, string | string[]>) => {
    const response = await answer(t, jar, url, fields);
    assert.equal(response.statusCode, 303, `${url}: ${response.statusCode} ${response.body.slice(0, 500)}`);
    return String(response.headers.location);
  };
  assert.equal(await go('/apply/designation', { roundId: String(roundId) }), `/apply/your-details?round=${roundId}`);
  assert.equal(await go(`/apply/your-details?round=${roundId}`, applicant), '/apply/school');
  assert.equal(await go('/apply/school', { school: String(EXAMPLE_SCHOOLS.palmerston.urn) }), '/apply/role');
  assert.equal(
    await go('/apply/role', {
      role: 'middle-leader',
      jobTitle: 'Head of English',
      yearsInRole: '3',
      leadershipYears: '5',
    }),
    '/apply/other-alliance',
  );
  assert.equal(await go('/apply/other-alliance', { designatedElsewhere: 'no' }), '/apply/specialisms');
  let next = await go('/apply/specialisms', { specialisms: ['English'], phases: ['secondary'] });
  while (next.startsWith('/apply/evidence/'))
    next = await go(next, { evidence: 'I led our English department’s work with three schools; results rose.' });
  assert.equal(next, '/apply/referees');
  assert.equal(
    await go('/apply/referees', {
      ...prefixed('lineManager', REFEREES.lineManager),
      ...prefixed('supportedLeader', REFEREES.supportedLeader),
    }),
    '/apply/consent',
  );
  assert.equal(
    await go('/apply/consent', { ...prefixed('head', REFEREES.head), ...prefixed('chair', REFEREES.chair) }),
    '/apply/check',
  );
  return jar;
}

/** An SLE's application sent through the real app, with its four requests: its id and the first request's. */
export async function applicationSentThroughForms(
  t: TestApp,
  applicant = { name: 'Sample Applicant', email: 'sample.applicant@palmerston.example' },
): Promise<{ id: number; requestId: number }> {
  const jar = await answerSleApplication(t, applicant);
  const sent = await answer(t, jar, '/apply/check', {});
  assert.equal(sent.statusCode, 303, 'the application was sent');
  const [row] = await t.database.db.select().from(applications).where(eq(applications.applicantEmail, applicant.email));
  const [request] = await t.database.db
    .select()
    .from(applicationRequests)
    .where(eq(applicationRequests.applicationId, row!.id))
    .orderBy(asc(applicationRequests.id));
  return { id: row!.id, requestId: request!.id };
}

/** Every single-use link emailed to the address, oldest first. */
export async function linksIn(t: TestApp, to: string): Promise<string[]> {
  return (await emailsTo(t, to)).flatMap((email) => email.body.match(/\/application-requests\/[\w-]{43}/g) ?? []);
}
