import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { freshTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { freePort, startServer, stopServer, waitUntilRunning, type Server } from '../support/server-process.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

const postgresUrl = process.env.TEST_DATABASE_URL;

describe('starting when PostgreSQL does not answer', () => {
  const running: Server[] = [];
  after(() => {
    for (const server of running) server.process.kill('SIGKILL');
  });

  test('a server that never answers: one line naming the host and the cause, tries for DATABASE_WAIT_SECONDS, then exits 1', async () => {
    const closedPort = await freePort();
    const started = Date.now();
    const server = startServer({
      DATABASE_URL: `postgres://app:secret-password@127.0.0.1:${closedPort}/s2s`,
      DATABASE_WAIT_SECONDS: '2',
      PORT: String(await freePort()),
    });
    running.push(server);
    assert.equal(await server.exited, 1);
    const took = Date.now() - started;
    const lines = server.output().trim().split('\n');
    assert.deepEqual(lines, [
      `PostgreSQL at 127.0.0.1:${closedPort} (database s2s) is not answering (connect ECONNREFUSED 127.0.0.1:${closedPort}); trying again for up to 2 s`,
      `Could not reach PostgreSQL at 127.0.0.1:${closedPort} (database s2s) within 2 s: connect ECONNREFUSED 127.0.0.1:${closedPort}. ` +
        'Check that the server is running and that DATABASE_URL names it; DATABASE_WAIT_SECONDS sets how long to wait.',
    ]);
    assert.ok(took >= 2_000, `gave up after ${took} ms, before trying for 2 s`);
  });

  test(
    'a server that answers late, within DATABASE_WAIT_SECONDS: the start carries on as soon as it answers',
    { skip: postgresUrl ? false : 'needs a PostgreSQL server (TEST_DATABASE_URL)' },
    async () => {
      const database: TestDatabase = await freshTestDatabase();
      const proxy = await TcpProxy.start(TcpProxy.targetOf(postgresUrl!), { port: await freePort(), listening: false });
      try {
        const server = startServer({
          DATABASE_URL: proxy.urlFor(database.url!),
          DATABASE_WAIT_SECONDS: '60',
          SEED_DEMO_DATA: 'false',
          PORT: String(await freePort()),
        });
        running.push(server);
        while (!/is not answering/.test(server.output())) {
          assert.equal(server.process.exitCode, null, server.output());
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await proxy.restore();
        await waitUntilRunning(server, 30_000);
        assert.equal(server.output().match(/is not answering/g)?.length, 1, 'said once, not at every try');
        assert.equal(await stopServer(server), 0);
      } finally {
        await proxy.cut();
        await database.close();
      }
    },
  );
});
