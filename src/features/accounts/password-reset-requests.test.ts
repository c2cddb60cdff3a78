import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createApp } from '../../app.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { person } from '../../../test/support/people.ts';
import { passwordResetRequests } from './accounts.tables.ts';

describe('forgot-password requests, answered by a job', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  const mailTo = (email: string) =>
    t.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, email));

  async function askForReset(email: string): Promise<LightMyRequestResponse> {
    const form = await openForm(t.app, '/forgot-password');
    return submitForm(t.app, '/forgot-password', { email }, form);
  }

  /** What a visitor sees of the answer, without what differs on every response (the time, nonces, the count). */
  const seen = (response: LightMyRequestResponse) => {
    const { date: _date, 'x-ratelimit-remaining': _remaining, ...headers } = response.headers;
    const csp = String(headers['content-security-policy']).replace(/'nonce-[^']+'/g, "'nonce'");
    return {
      status: response.statusCode,
      headers: { ...headers, 'content-security-policy': csp },
      body: response.body,
    };
  };

  test('the form only queues the request, and answers the same for an address with an account and one without', async () => {
    const known = await person(t, { signedIn: false, roles: ['coordinator'] });
    const forKnown = await askForReset(known.email);
    const forUnknown = await askForReset('nobody.here@alliance.example');
    assert.deepEqual(seen(forKnown), seen(forUnknown));
    assert.equal(forKnown.statusCode, 303);
    assert.equal(forKnown.headers.location, '/forgot-password/sent');

    const queued = await t.database.db.select().from(passwordResetRequests);
    assert.deepEqual(
      queued.map((request) => request.email),
      [known.email, 'nobody.here@alliance.example'],
      'one row each, and nothing else done yet',
    );
    assert.deepEqual(await mailTo(known.email), [], 'no email until the job runs');

    assert.equal(await t.app.services.accountLinks.drainResetRequests(), 2);
    const sent = await mailTo(known.email);
    assert.equal(sent.length, 1, 'the reset email arrives for the known address');
    assert.equal(sent[0]!.kind, 'password-reset');
    assert.match(sent[0]!.body, /http:\/\/localhost:3000\/reset-password\?token=/);
    assert.deepEqual(await mailTo('nobody.here@alliance.example'), [], 'no email for an unknown address');
    assert.deepEqual(await t.database.db.select().from(passwordResetRequests), [], 'answered requests are deleted');
  });

  test('a deactivated account gets no email, and two instances draining together answer each request once', async () => {
    const active = await person(t, { signedIn: false, roles: ['coordinator'] });
    const gone = await person(t, { signedIn: false, roles: ['coordinator'] });
    await t.app.services.userDirectory.update(t.database.db, gone.id, { deactivatedAt: t.clock.now() });
    for (const email of [active.email, gone.email]) assert.equal((await askForReset(email)).statusCode, 303);

    const second = await t.database.openAnotherConnection();
    const other = await createApp({ config: t.config, db: second.db, clock: t.clock, mailer: undefined });
    try {
      const answered = await Promise.all([
        t.app.services.accountLinks.drainResetRequests(),
        other.services.accountLinks.drainResetRequests(),
      ]);
      assert.equal(answered[0] + answered[1], 2, JSON.stringify(answered));
    } finally {
      await other.close();
      await second.close();
    }
    assert.equal((await mailTo(active.email)).length, 1);
    assert.equal((await mailTo(gone.email)).length, 0);
  });
});
