import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { DEMO_DESIGNATED_LEADERS } from '../../src/seed/designation-demo.ts';
import { EXAMPLE_AGREEMENTS, EXAMPLE_ENQUIRIES, EXAMPLE_LEADERS, EXAMPLE_USERS } from '../../src/seed/examples.ts';
import { freePort, startServer, stopServer, waitUntilRunning, type Server } from '../support/server-process.ts';

const postgresUrl = process.env.TEST_DATABASE_URL;
/** src/seed/demo.ts: the named leaders and this many invented ones. */
const INVENTED_LEADERS = 60;

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

describe(
  'two development instances started together on an empty PostgreSQL database',
  { skip: postgresUrl ? false : 'needs a PostgreSQL server (TEST_DATABASE_URL)' },
  () => {
    const name = `s2s_race_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
    const servers: Server[] = [];
    let admin: pg.Client;

    before(async () => {
      admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
    });
    after(async () => {
      for (const server of servers) server.process.kill('SIGKILL');
      await Promise.all(servers.map((server) => server.exited));
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    test('both start: one migrates and seeds while the other waits, and the data is there once', async () => {
      const env = async () => ({
        DATABASE_URL: withDatabase(postgresUrl!, name),
        SEED_DEMO_DATA: 'true',
        PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      });
      servers.push(startServer(await env()), startServer(await env()));
      await Promise.all(servers.map((server) => waitUntilRunning(server, 300_000)));

      const database = new pg.Client({ connectionString: withDatabase(postgresUrl!, name) });
      await database.connect();
      try {
        const counted = async (sql: string) => (await database.query<{ n: number }>(sql)).rows[0]!.n;
        assert.equal(await counted('select count(*)::int as n from alliances'), 1);
        assert.equal(
          await counted('select count(*)::int as n from leaders'),
          Object.keys(EXAMPLE_LEADERS).length + INVENTED_LEADERS + DEMO_DESIGNATED_LEADERS,
        );
        assert.equal(await counted('select count(*)::int as n from users'), Object.keys(EXAMPLE_USERS).length);
        assert.equal(await counted('select count(*)::int as n from enquiries'), Object.keys(EXAMPLE_ENQUIRIES).length);
        assert.equal(
          await counted('select count(*)::int as n from agreements'),
          Object.keys(EXAMPLE_AGREEMENTS).length,
        );
        assert.ok((await counted('select count(*)::int as n from schools')) > 20_000);
      } finally {
        await database.end();
      }
      // The other found everything there: it loaded nothing, and printed no passwords of its own.
      const seeders = (pattern: RegExp) => servers.filter((server) => pattern.test(server.output())).length;
      assert.equal(seeders(/Loaded \d+ postcodes/), 1, 'one instance loaded the postcodes');
      assert.equal(seeders(/Loaded \d+ schools/), 1, 'one instance loaded the schools');
      assert.equal(seeders(/Added \d+ demo system leaders/), 1, 'one instance added the demo leaders');
      assert.equal(
        seeders(/Demo accounts \(these passwords are shown only now/),
        1,
        'one instance created the demo accounts and printed their passwords',
      );
      for (const server of servers) assert.equal(await stopServer(server), 0, server.output());
    });
  },
);
