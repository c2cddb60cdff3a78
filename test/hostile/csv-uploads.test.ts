import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { buildTestApp, openForm, type TestApp } from '../support/test-app.ts';
import { submitUpload } from '../support/uploads.ts';
import { errorSummary } from '../support/html.ts';
import { person, type Person } from '../support/people.ts';
import { leaders } from '../../src/features/leaders/leaders.tables.ts';

const ROSTER_HEADER = 'Name,Email,Home school URN,Designation,Designation date\n';

/**
 * Files built to make a CSV parser work for minutes: each must be refused at once, with a 4xx that
 * says why, through the real upload routes and at the default upload limits.
 */
describe('CSV uploads made to stall the parser', () => {
  let t: TestApp;
  let admin: Person;
  const countLeaders = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(leaders))[0]!.n;

  before(async () => {
    t = await buildTestApp();
    admin = await person(t, { roles: ['administrator', 'coordinator'] });
  });
  after(() => t.close());

  async function post(url: string, field: string, filename: string, content: Buffer | string) {
    const form = await openForm(t.app, url, admin.cookies);
    const started = performance.now();
    const response = await submitUpload(t.app, url, { field, filename, content }, form);
    return { status: response.statusCode, summary: errorSummary(response.body), ms: performance.now() - started };
  }

  test('a 60 KB roster of a header, a quote and 60,000 line breaks is refused in seconds, not minutes', async () => {
    const leaders = await countLeaders();
    const roster = `${ROSTER_HEADER}"${'\n'.repeat(60_000)}`;
    assert.ok(roster.length > 60_000);
    const refused = await post('/staff/leaders/roster', 'roster', 'roster.csv', roster);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.summary, [
      {
        href: '#roster',
        text: 'Nothing was imported. Line 2: a row is longer than 32,768 characters, which no row of this file should be; a quote may be missing',
      },
    ]);
    assert.ok(refused.ms < 5000, `took ${Math.round(refused.ms)} ms`);
    assert.equal(await countLeaders(), leaders);
  });

  test('a small .gz register that expands to one 20 MB line is refused at once', async () => {
    const file = zlib.gzipSync(`URN,EstablishmentName\n${'1'.repeat(20 * 1024 * 1024)}\n`);
    assert.ok(file.length < 64 * 1024, `${file.length} bytes`);
    const refused = await post('/staff/schools/import', 'register', 'edubasealldata.csv.gz', file);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.summary, [
      {
        href: '#register',
        text: 'This file cannot be imported. Line 2: a row is longer than 32,768 characters, which no row of this file should be; a quote may be missing',
      },
    ]);
    assert.ok(refused.ms < 5000, `took ${Math.round(refused.ms)} ms`);
  });

  test('a .gz roster that expands past 64 MB is refused before its rows are held in memory', async () => {
    const leaders = await countLeaders();
    const row = 'Ann Example,ann@example.org,104748,SLE,01/09/2024\n';
    const file = zlib.gzipSync(ROSTER_HEADER + row.repeat(Math.ceil((65 * 1024 * 1024) / row.length)));
    const refused = await post('/staff/leaders/roster', 'roster', 'roster.csv.gz', file);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.summary, [
      {
        href: '#roster',
        text: 'Nothing was imported. The file expands to more than 64 MB when unzipped, more than this service reads',
      },
    ]);
    assert.equal(await countLeaders(), leaders);
  });
});
