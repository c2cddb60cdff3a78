import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { enquiries } from '../src/features/enquiries/enquiries.tables.ts';
import { proposals } from '../src/features/proposals/proposals.tables.ts';
import { parseId } from '../src/platform/ids.ts';
import { parseDaysToHalfDays, parsePoundsToPence } from '../src/platform/units.ts';
import { EXAMPLE_ENQUIRIES } from '../src/seed/examples.ts';
import { receiveEnquiry } from './support/enquiries.ts';
import { person, type Person } from './support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from './support/test-app.ts';

const TOO_BIG = '99999999999';

describe('ids and numbers from outside are bounded before any query', () => {
  let t: TestApp;
  let coordinator: Person;
  let reference: string;
  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } });
    coordinator = await person(t, { roles: ['coordinator'] });
    reference = (await receiveEnquiry(t, t.clock.now().toISOString())).reference;
  });
  after(() => t.close());

  test('one parseId: 1 to the largest database integer, nothing else', () => {
    assert.equal(parseId('2147483647'), 2147483647);
    assert.equal(parseId(2147483647), 2147483647);
    for (const value of ['2147483648', TOO_BIG, '0', '-1', '1e3', '1.5', '', ' 1', 2 ** 31, 0.5, null])
      assert.equal(parseId(value), undefined, String(value));
    assert.equal(parseDaysToHalfDays(TOO_BIG), undefined);
    assert.equal(parsePoundsToPence(TOO_BIG), undefined);
  });

  test('a leaderId too big for the database is a 400 on the API, and no enquiry is stored', async () => {
    const before = (await t.database.db.select({ n: count() }).from(enquiries))[0]!.n;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      payload: { ...EXAMPLE_ENQUIRIES.banksRoadMaths, leaderId: Number(TOO_BIG) },
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(response.json().errors, [
      { field: 'leaderId', message: 'leaderId must be the number of a leader in the directory' },
    ]);
    assert.equal((await t.database.db.select({ n: count() }).from(enquiries))[0]!.n, before);
  });

  test('route parameters too big for the database are "not found"', async () => {
    for (const url of [
      `/staff/enquiries/${TOO_BIG}`,
      `/staff/leaders/${TOO_BIG}`,
      `/staff/agreements/${TOO_BIG}`,
      `/staff/users/${TOO_BIG}`,
      `/staff/release-ledger/${TOO_BIG}`,
      `/system-leaders/${TOO_BIG}`,
    ]) {
      const response = await t.app.inject({ url, cookies: coordinator.cookies });
      assert.ok([403, 404].includes(response.statusCode), `${url}: ${response.statusCode}`);
    }
  });

  test('proposing a leader or withdrawing a proposal with an id too big is refused, and nothing changes', async () => {
    const matching = `/staff/enquiries/${reference}/matching`;
    const session = await openForm(t.app, matching, coordinator.cookies);
    const proposed = await submitForm(
      t.app,
      `/staff/enquiries/${reference}/proposals`,
      { leaderIds: TOO_BIG },
      session,
    );
    assert.equal(proposed.statusCode, 400);
    const withdrawn = await submitForm(
      t.app,
      `/staff/enquiries/${reference}/proposals/${TOO_BIG}/withdraw`,
      {},
      session,
    );
    assert.equal(withdrawn.statusCode, 404);
    assert.equal((await t.database.db.select({ n: count() }).from(proposals))[0]!.n, 0);
  });
});
