import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../../db/database.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { bankHolidays } from '../../platform/calendar/bank-holidays.tables.ts';
import { TEST_ALLIANCE, templateDataDirectoryCopy } from '../../../test/support/test-database.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../../test/fixtures/bank-holidays-2029.json');
const cli = path.join(import.meta.dirname, 'bank-holidays.import.cli.ts');

describe('npm run import:bank-holidays', () => {
  let dataDir: string;
  before(async () => (dataDir = await templateDataDirectoryCopy()));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ALLIANCE: TEST_ALLIANCE },
      encoding: 'utf8',
    });
  async function inDatabase() {
    const database = await openDatabase({ dataDir });
    try {
      const [count] = await database.db.select({ n: sql<number>`count(*)::int` }).from(bankHolidays);
      const events = await database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'bank-holidays-imported'));
      return { holidays: count!.n, events };
    } finally {
      await database.close();
    }
  }

  test('a malformed file is refused whole, and nothing changes', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bank-holidays-cli-')), 'bank-holidays.json');
    fs.writeFileSync(file, JSON.stringify({ 'england-and-wales': { events: [{ title: '', date: '2029-01-01' }] } }));
    const refused = run(file);
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stderr, /Nothing was imported: Event 1 of "england-and-wales" has no title/);
    assert.equal(run().status, 2, 'no file named');
    assert.deepEqual(await inDatabase(), { holidays: 91, events: [] });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  test('prints how many dates were added and the last known; a second run adds none', async () => {
    const first = run(FIXTURE);
    assert.equal(first.status, 0, first.stderr);
    assert.match(
      first.stdout,
      /Read 9 bank holidays: 8 added\. Bank holidays are now known until Wednesday 26 December 2029\./,
    );
    const again = run(FIXTURE);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /Read 9 bank holidays: 0 added\./);
    const { holidays, events } = await inDatabase();
    assert.equal(holidays, 99);
    assert.equal(events.length, 2, 'each run is one event on the record');
    assert.equal(events[0]!.actorUserId, null);
  });
});
