import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { EXAMPLE_ENQUIRIES } from '../../src/seed/examples.ts';
import { freshTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { freePort, startServer, stopServer, waitUntilRunning, type Server } from '../support/server-process.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';

const postgresUrl = process.env.TEST_DATABASE_URL;

/** A school's enquiry as an alliance website sends it, from a contact whose details are this test's alone. */
function enquiryFrom(index: number) {
  return {
    ...EXAMPLE_ENQUIRIES.banksRoadMaths,
    contactName: `Outage Contact ${index}`,
    contactEmail: `outage-contact-${index}@outage-school.example`,
  };
}

type Answer = { status: number; body: string; retryAfter: string | null; reference?: string };

describe(
  'the database going away while the app runs',
  { skip: postgresUrl ? false : 'needs a PostgreSQL server (TEST_DATABASE_URL)' },
  () => {
    let database: TestDatabase;
    let proxy: TcpProxy;
    let server: Server;
    let base: string;
    let admin: pg.Client;

    before(async () => {
      database = await freshTestDatabase();
      proxy = await TcpProxy.start(TcpProxy.targetOf(postgresUrl!));
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      server = startServer({
        DATABASE_URL: proxy.urlFor(database.url!),
        SEED_DEMO_DATA: 'false',
        PORT: String(port),
        ENQUIRY_RATE_LIMIT_PER_HOUR: '100000',
      });
      await waitUntilRunning(server);
      admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
    });
    after(async () => {
      server?.process.kill('SIGKILL');
      await admin?.end();
      await proxy?.cut();
      await database?.close();
    });

    const ask = async (path: string, init: RequestInit = {}): Promise<Answer> => {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, init);
      } catch (error) {
        throw new Error(
          `No answer to ${path} (${String((error as Error).cause)}); the server's exit code is ${server.process.exitCode}. Its output:\n${server.output()}`,
        );
      }
      const body = await response.text();
      return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
    };
    const send = async (index: number): Promise<Answer> => {
      const answer = await ask('/api/enquiries', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(enquiryFrom(index)),
      });
      return answer.status === 201
        ? { ...answer, reference: (JSON.parse(answer.body) as { reference: string }).reference }
        : answer;
    };
    const terminateBackends = () =>
      admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
    const answers: Answer[] = [];

    test('backends terminated under load: the process lives, requests fail with 503 (never 500), and later ones succeed', async () => {
      let next = 0;
      const requests = 240;
      const worker = async () => {
        while (next < requests) {
          const index = next++;
          const kind = index % 3;
          answers.push(
            kind === 0
              ? await send(index)
              : await ask(kind === 1 ? '/system-leaders?q=maths' : '/api/system-leaders?type=sle'),
          );
        }
      };
      const load = Promise.all(Array.from({ length: 8 }, worker));
      for (let round = 0; round < 4; round++) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await terminateBackends();
      }
      await load;
      assert.equal(server.process.exitCode, null, `the process died:\n${server.output()}`);
      const statuses = new Set(answers.map((answer) => answer.status));
      assert.deepEqual(
        [...statuses].filter((status) => ![200, 201, 503].includes(status)),
        [],
        `unexpected answers: ${[...statuses]}`,
      );
      assert.ok(!/Unhandled 'error' event/.test(server.output()));
      const afterwards = await send(10_000);
      assert.equal(afterwards.status, 201, afterwards.body);
      answers.push(afterwards);
    });

    test('while the database cannot be reached: pages and the API answer 503, liveness stays up, readiness goes down', async () => {
      await proxy.cut();
      try {
        const page = await ask('/system-leaders?q=a-search-never-made');
        assert.equal(page.status, 503);
        assert.match(page.body, /Sorry, the service is unavailable/);
        assert.match(page.body, /South Liverpool Schools Together/, 'drawn in the alliance’s layout');
        assert.equal(page.retryAfter, '30');

        const api = await send(20_000);
        assert.equal(api.status, 503);
        assert.deepEqual(JSON.parse(api.body), {
          errors: [{ field: 'body', message: 'The service is unavailable just now; try again in a few minutes' }],
        });
        answers.push(api);

        assert.deepEqual(await ask('/health'), { status: 200, body: '{"status":"ok"}', retryAfter: null });
        const readiness = await ask('/health/ready');
        assert.equal(readiness.status, 503);
        assert.deepEqual(JSON.parse(readiness.body), { status: 'unavailable', reason: 'The database does not answer' });
        assert.equal(server.process.exitCode, null);
      } finally {
        await proxy.restore();
      }
    });

    test('once the database is back the instance recovers by itself, with nothing half-written and no personal data in its log', async () => {
      const deadline = Date.now() + 20_000;
      while ((await ask('/health/ready')).status !== 200) {
        assert.ok(Date.now() < deadline, 'not ready again within 20 s');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const recovered = await send(30_000);
      assert.equal(recovered.status, 201, recovered.body);
      answers.push(recovered);
      assert.equal((await ask('/system-leaders?q=maths')).status, 200);

      // Each enquiry confirmed is there whole (its acknowledgement and notification queued with it);
      // each refused with 503 left nothing behind, unless PostgreSQL committed it as its connection went.
      const { rows } = await admin.query<{ reference: string; contact_email: string; emails: number }>(
        `select e.reference, e.contact_email, (select count(*)::int from outbox_messages m where m.body like '%' || e.reference || '%') as emails
         from enquiries e where e.contact_email like '%@outage-school.example'`,
      );
      const stored = new Map(rows.map((row) => [row.reference, row]));
      const confirmed = answers.filter((answer) => answer.status === 201);
      for (const answer of confirmed)
        assert.ok(stored.has(answer.reference!), `confirmed ${answer.reference} but not stored`);
      for (const row of rows) assert.equal(row.emails, 2, `${row.reference} was stored without its emails`);
      assert.ok(
        rows.length - confirmed.length <= 2,
        `${rows.length - confirmed.length} enquiries stored that were refused`,
      );

      const log = server.output();
      assert.match(log, /the database does not answer/, 'the outage is in the log');
      assert.doesNotMatch(log, /outage-school\.example|Outage Contact/, 'no contact’s details in the log');
      assert.doesNotMatch(log, /params:/, 'no query parameters in the log');
      assert.equal(await stopServer(server), 0);
    });
  },
);
