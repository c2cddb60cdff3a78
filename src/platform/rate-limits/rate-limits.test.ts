import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../app.ts';
import { EXAMPLE_ENQUIRIES } from '../../seed/examples.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { rateLimitCounters } from './rate-limits.tables.ts';

const HOUR = 60 * 60_000;

describe('rate limits shared by every instance of the app', () => {
  let t: TestApp;
  let second: DatabaseHandle;
  let other: FastifyInstance;
  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '2' } });
    second = await t.database.openAnotherConnection();
    other = await createApp({ config: t.config, db: second.db, clock: t.clock, mailer: undefined });
  });
  after(async () => {
    await other.close();
    await second.close();
    await t.close();
  });

  const post = (app: FastifyInstance) =>
    app.inject({ method: 'POST', url: '/api/enquiries', payload: EXAMPLE_ENQUIRIES.banksRoadMaths });

  test('a second instance refuses an address that used up its allowance at the first', async () => {
    assert.equal((await post(t.app)).statusCode, 201);
    assert.equal((await post(t.app)).statusCode, 201);
    const refused = await post(other);
    assert.equal(refused.statusCode, 429, 'the allowance is not multiplied by the number of instances');
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.equal((await post(t.app)).statusCode, 429);
  });

  test('each route counts apart, and a new window starts a new count', async () => {
    const form = await other.inject({ method: 'POST', url: '/request-support', payload: {} });
    assert.notEqual(form.statusCode, 429, 'the form is not refused for what the API used');

    t.clock.advance(HOUR);
    assert.equal((await post(other)).statusCode, 201);
  });

  test('counters whose window has ended are removed by the clean-up', async () => {
    const keys = async () => (await t.database.db.select().from(rateLimitCounters)).map((row) => row.key);
    assert.ok((await keys()).some((key) => key.startsWith('POST /api/enquiries|')));
    t.clock.advance(HOUR + 1000);
    assert.ok((await t.app.services.rateLimits.removeEnded()) >= 1);
    assert.deepEqual(await keys(), []);
  });
});
