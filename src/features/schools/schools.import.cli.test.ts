import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { systemClock } from '../../platform/clock.ts';
import { findAlliance } from '../../platform/alliance/alliance.service.ts';
import { ImportLocks } from '../../platform/uploads/uploads.service.ts';
import { freshTestDatabase, TEST_ALLIANCE, templateDataDirectoryCopy } from '../../../test/support/test-database.ts';
import { importSchoolsFromCommandLine } from './schools-register.import.ts';
import { findSchoolByUrn } from './schools.repository.ts';
import { schools } from './schools.tables.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures');
const GIAS = path.join(fixtures, 'gias-edubasealldata.csv');
const EXTRACT = fs.readFileSync(path.join(fixtures, 'schools-extract.csv'), 'utf8');
const SHIPPED_OPEN_SCHOOLS = 22_010;
const cli = path.join(import.meta.dirname, 'schools.import.cli.ts');

const countOpen = async (database: DatabaseHandle) =>
  (
    await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(schools)
      .where(eq(schools.status, 'open'))
  )[0]!.n;
const registerEvents = (database: DatabaseHandle) =>
  database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'school-register'));

function fileOf(name: string, content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'schools-cli-file-')), name);
  fs.writeFileSync(file, content);
  return file;
}

describe('npm run import:schools has the upload’s checks', () => {
  let dataDir: string;
  before(async () => (dataDir = await templateDataDirectoryCopy()));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ALLIANCE: TEST_ALLIANCE },
      encoding: 'utf8',
    });
  async function inDatabase<T>(work: (database: DatabaseHandle) => Promise<T>): Promise<T> {
    const database = await openDatabase({ dataDir });
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  }

  test('a header-only file is refused; a full import closes nothing until --close names how many it closes', async () => {
    const headerOnly = run(fileOf('header-only.csv', `${EXTRACT.split('\n')[0]}\n`), '--full');
    assert.equal(headerOnly.status, 1, headerOnly.stderr);
    assert.match(headerOnly.stderr, /Nothing was imported: The file has a header row but no schools/);

    const unconfirmed = run(GIAS);
    assert.equal(unconfirmed.status, 1, unconfirmed.stderr);
    const asked =
      /would mark closed ([\d,]+) open schools the file does not list\.\nIf that is right, run it again with --close (\d+) \(or --yes\)\./.exec(
        unconfirmed.stderr,
      );
    assert.ok(asked, unconfirmed.stderr);
    const closes = Number(asked[2]);
    assert.ok(closes > 20_000);
    const wrong = run(GIAS, '--close', String(closes - 1));
    assert.equal(wrong.status, 1, wrong.stderr);
    assert.match(wrong.stderr, new RegExp(`You gave --close ${closes - 1}\\.`));
    await inDatabase(async (database) => {
      assert.equal(await countOpen(database), SHIPPED_OPEN_SCHOOLS, 'no school was closed');
      assert.deepEqual(await registerEvents(database), [], 'nothing went on the record');
    });

    const confirmed = run(GIAS, '--close', String(closes));
    assert.equal(confirmed.status, 0, confirmed.stderr);
    assert.match(
      confirmed.stdout,
      new RegExp(`${closes.toLocaleString('en-GB')} schools not in the file marked closed`),
    );
    await inDatabase(async (database) => {
      assert.ok((await countOpen(database)) < 20);
      const events = await registerEvents(database);
      assert.equal(events.length, 1, 'the run is one event on the record');
      assert.equal(events[0]!.actorUserId, null);
      assert.equal(events[0]!.action, 'imported');
      assert.equal((events[0]!.after as { closed: number }).closed, closes);
    });
  });

  test('a row with the wrong number of fields, or a file cut off mid-row, is refused whole', () => {
    const [header, first, second, ...rest] = EXTRACT.split('\n');
    const extraField = run(fileOf('extra.csv', [header, first, `${second},surplus`, ...rest].join('\n')));
    assert.equal(extraField.status, 1, extraField.stderr);
    assert.match(extraField.stderr, /Nothing was imported: Line 3 has 17 fields; the header has 16/);
    const cutOff = run(fileOf('cut-off.csv', `${[header, first, second].join('\n')}\n999801,"New School, Half`));
    assert.equal(cutOff.status, 1, cutOff.stderr);
    assert.match(cutOff.stderr, /Nothing was imported: Line 4: a quoted cell is never closed/);
  });
});

describe('the command line’s import, called directly', () => {
  let database: DatabaseHandle;
  let allianceId: number;
  before(async () => {
    database = await freshTestDatabase();
    allianceId = (await findAlliance(database.db, TEST_ALLIANCE))!.id;
  });
  after(() => database.close());
  const locks = () => new ImportLocks(database.db, systemClock);
  const request = (file: string, extra: { close?: number; yes?: boolean; full?: boolean } = {}) => ({
    allianceId,
    file,
    full: extra.full ?? false,
    close: extra.close,
    yes: extra.yes ?? false,
    at: () => new Date(),
  });

  test('a file cut off mid-row changes nothing, though its earlier rows are good', async () => {
    const [header, first] = EXTRACT.split('\n');
    const file = fileOf('cut.csv', `${header}\n${first}\n999801,"Half`);
    const outcome = await importSchoolsFromCommandLine(database.db, locks(), request(file, { yes: true }));
    assert.equal(outcome.kind, 'refused');
    assert.equal(await findSchoolByUrn(database.db, 999801), undefined);
    assert.deepEqual(await registerEvents(database), []);
  });

  test('--yes goes ahead whatever it closes, as one event', async () => {
    const outcome = await importSchoolsFromCommandLine(database.db, locks(), request(GIAS, { yes: true }));
    assert.equal(outcome.kind, 'imported');
    assert.ok(outcome.kind === 'imported' && outcome.report.closed > 20_000);
    assert.equal((await registerEvents(database)).length, 1);
  });
});
