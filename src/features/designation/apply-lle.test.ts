import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { summaryListRows } from '../../../test/support/html.ts';
import { answer, emailsTo, openRound, REFEREES, type Jar } from '../../../test/support/apply-journey.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { applicationRequests, applications } from './applications.tables.ts';

let t: TestApp;
before(async () => (t = await buildTestApp()));
after(() => t.close());

test('an LLE applies: the chair gives the reference and the consent, and a change returns to check your answers', async () => {
  const roundId = await openRound(t, 'lle');
  const jar: Jar = {};
  const go = async (url: string, fields: Record<string, string | string[]>) => {
    const response = await answer(t, jar, url, fields);
    assert.equal(response.statusCode, 303, `${url}: ${response.body.slice(0, 300)}`);
    return String(response.headers.location);
  };
  await go(`/apply/your-details?round=${roundId}`, {
    name: 'Grace Ekwueme',
    email: 'grace.ekwueme@banks-road.example',
  });
  await go('/apply/school', { school: String(EXAMPLE_SCHOOLS.bankRoad.urn) });
  assert.equal(
    await go('/apply/role', {
      role: 'acting-headteacher',
      jobTitle: 'Acting headteacher',
      yearsInRole: '3',
      leadershipYears: '3',
    }),
    '/apply/headship',
  );
  await go('/apply/headship', {
    yearsStaying: '4',
    governorsSupport: 'yes',
    seniorStaffCover: 'yes',
    coachingBeyondSchool: 'yes',
  });
  await go('/apply/other-alliance', {
    designatedElsewhere: 'yes',
    otherAllianceName: 'Wirral Schools Alliance',
    registeredBy: 'this-alliance',
  });
  let next = await go('/apply/specialisms', { specialisms: [], phases: ['primary'] });
  while (next.startsWith('/apply/evidence/'))
    next = await go(next, { evidence: 'Coached four new heads across Sefton.' });
  const chair = { name: 'Imogen Shaw', email: 'imogen.shaw@banks-road.example' };
  await go('/apply/referees', {
    lineManagerName: chair.name,
    lineManagerEmail: chair.email,
    lineManagerJobTitle: 'Chair of governors',
    lineManagerOrganisation: 'Banks Road Primary School',
    supportedLeaderName: REFEREES.supportedLeader.name,
    supportedLeaderEmail: REFEREES.supportedLeader.email,
    supportedLeaderJobTitle: 'Headteacher',
    supportedLeaderOrganisation: 'Matthew Arnold Primary School',
  });
  // Named a head for consent while applying in an SLE round, then back to the LLE round: the head is not asked.
  const sleRound = await openRound(t, 'sle');
  assert.equal(await go('/apply/designation?change=yes', { roundId: String(sleRound) }), '/apply/check');
  await go('/apply/consent', {
    headName: 'Someone',
    headEmail: 'someone@banks-road.example',
    chairName: 'x',
    chairEmail: 'x@y.example',
  });
  assert.equal(await go('/apply/designation?change=yes', { roundId: String(roundId) }), '/apply/check');
  assert.equal(await go('/apply/consent', { chairName: chair.name, chairEmail: chair.email }), '/apply/check');

  const check = await t.app.inject({ url: '/apply/check', cookies: jar });
  const rows = Object.fromEntries(summaryListRows(check.body));
  assert.match(rows['Reference: your chair of governors']!, /Imogen Shaw/);
  assert.equal(rows['Release consent: your headteacher'], undefined, 'a head does not consent to their own release');
  assert.match(rows['Another alliance']!, /Wirral Schools Alliance \(this alliance registers you\)/);
  assert.equal(
    await go('/apply/role?change=yes', {
      role: 'headteacher',
      jobTitle: 'Headteacher',
      yearsInRole: '4',
      leadershipYears: '4',
    }),
    '/apply/check',
  );

  assert.equal(await go('/apply/check', {}), '/apply/sent');
  const [row] = await t.database.db.select().from(applications).where(eq(applications.applicantName, 'Grace Ekwueme'));
  assert.match(row!.reference!, /^LLE-/);
  assert.equal(row!.role, 'headteacher');
  const requests = await t.database.db
    .select()
    .from(applicationRequests)
    .where(eq(applicationRequests.applicationId, row!.id));
  assert.deepEqual(requests.map((request) => request.kind).sort(), [
    'chair-consent',
    'line-manager-reference',
    'supported-leader-reference',
  ]);
  assert.equal((await emailsTo(t, chair.email)).length, 2, 'the chair is asked for a reference and for consent');
  assert.equal((await emailsTo(t, 'someone@banks-road.example')).length, 0);
});
