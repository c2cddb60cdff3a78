import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApp } from '../../app.ts';
import { buildTestApp } from '../../../test/support/test-app.ts';
import { freshTestDatabase } from '../../../test/support/test-database.ts';
import { SESSION_COOKIE } from '../identity/session-cookie.ts';

describe('health checks for whatever runs the service', () => {
  test('liveness and readiness both answer while the database does', async () => {
    const t = await buildTestApp();
    try {
      const live = await t.app.inject({ url: '/health' });
      assert.equal(live.statusCode, 200);
      assert.deepEqual(live.json(), { status: 'ok' });
      assert.equal(live.headers['cache-control'], 'no-store');
      const ready = await t.app.inject({ url: '/health/ready' });
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { status: 'ready' });
    } finally {
      await t.close();
    }
  });

  test('without its database the process is still alive, and not ready', async () => {
    const t = await buildTestApp();
    const database = await freshTestDatabase();
    const app = await createApp({ config: t.config, db: database.db, clock: t.clock, mailer: undefined });
    await app.ready();
    await database.close();
    try {
      // A stale session cookie must not make liveness ask the database either.
      assert.equal(
        (await app.inject({ url: '/health', cookies: { [SESSION_COOKIE]: app.signCookie('a-session-long-gone') } }))
          .statusCode,
        200,
      );
      const ready = await app.inject({ url: '/health/ready' });
      assert.equal(ready.statusCode, 503);
      assert.deepEqual(ready.json(), { status: 'unavailable', reason: 'The database does not answer' });
    } finally {
      await app.close();
      await t.close();
    }
  });
});
