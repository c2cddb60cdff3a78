import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/database.ts';
import { ImportFileError, type ImportProgress } from '../../platform/imports.ts';
import {
  freshTestDatabase,
  templateDataDirectoryCopy,
  type TestDatabase,
} from '../../../test/support/test-database.ts';
import { openDatabase } from '../../db/database.ts';
import { systemClock } from '../../platform/clock.ts';
import { recordImportLock } from '../../platform/uploads/uploads.repository.ts';
import { ImportLocks } from '../../platform/uploads/uploads.service.ts';
import { SCHOOLS_IMPORT_LOCK } from './schools-upload.service.ts';
import { importSchools, SHIPPED_SCHOOLS_FILE } from './schools.import.ts';
import { findSchoolByUrn, type SchoolRow } from './schools.repository.ts';
import { schools } from './schools.tables.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures');
const EXTRACT = path.join(fixtures, 'schools-extract.csv');
const GIAS = path.join(fixtures, 'gias-edubasealldata.csv');

/** The seed loads every open school in the shipped register. */
const SHIPPED_OPEN_SCHOOLS = 22_010;

async function school(database: DatabaseHandle, urn: number): Promise<SchoolRow> {
  const row = await findSchoolByUrn(database.db, urn);
  assert.ok(row, `URN ${urn} is in the register`);
  return row;
}

async function countOpen(database: DatabaseHandle): Promise<number> {
  const [row] = await database.db
    .select({ count: sql<number>`count(*)::int` })
    .from(schools)
    .where(eq(schools.status, 'open'));
  return row!.count;
}

function assertNear(actual: number | null, expected: number, what: string): void {
  assert.ok(actual !== null && Math.abs(actual - expected) < 0.00001, `${what}: ${actual} is not ${expected}`);
}

describe('importing the register extract', () => {
  let database: DatabaseHandle;
  before(async () => (database = await freshTestDatabase()));
  after(() => database.close());

  test('adds new schools, updates changed ones and rejects bad rows with their line numbers', async () => {
    const report = await importSchools(database.db, EXTRACT);
    assert.deepEqual(report, {
      format: 'extract',
      encoding: 'utf-8',
      full: false,
      read: 12,
      added: 4,
      changed: 2,
      unchanged: 1,
      closed: 0,
      rejected: [
        { line: 8, message: 'URN ‘abc’ is not a number' },
        { line: 9, message: 'open_date ‘30-02-2021’ is not a date (DD-MM-YYYY)' },
        { line: 10, message: 'lat and lng must be given together (found lat/lng ‘53.4’, ‘’)' },
        { line: 11, message: 'lat/lng ‘0’, ‘0’ is not a place in Great Britain' },
        { line: 12, message: 'No school name (name is empty)' },
      ],
      unlocated: [],
    });
    assert.equal((await school(database, 104516)).town, 'Garston');
    assert.equal((await school(database, 104557)).status, 'closed', 'the extract’s status column closes a school');
    assert.equal(await findSchoolByUrn(database.db, 999805), undefined, 'a rejected row is not imported');
  });

  test('places each school by its coordinates, else its grid reference, else its postcode, else its outcode', async () => {
    const byCoordinates = await school(database, 999801);
    assert.deepEqual(
      [byCoordinates.latitude, byCoordinates.longitude, byCoordinates.locationSource],
      [53.367117, -2.929299, 'coordinates'],
    );
    assert.equal(byCoordinates.openDate, '2025-09-01');

    // 336119, 387249 is Matthew Arnold Primary School's grid reference; ONS: 53.378213, -2.961741.
    const byGrid = await school(database, 999802);
    assertNear(byGrid.latitude, 53.378213, 'latitude from the grid');
    assertNear(byGrid.longitude, -2.961741, 'longitude from the grid');
    assert.deepEqual(
      [byGrid.easting, byGrid.northing, byGrid.locationSource, byGrid.openDate],
      [336119, 387249, 'grid-reference', '2025-09-01'],
    );

    const byPostcode = await school(database, 999803);
    assert.deepEqual(
      [byPostcode.postcode, byPostcode.latitude, byPostcode.longitude, byPostcode.locationSource],
      ['L8 9UB', 53.378213, -2.961741, 'postcode'],
    );

    // L8 9ZZ is no postcode; the centre of L8's postcodes is 53.390147, -2.964162.
    const byOutcode = await school(database, 999804);
    assert.deepEqual(
      [byOutcode.name, byOutcode.latitude, byOutcode.longitude, byOutcode.locationSource],
      ['Fixture Outcode Primary School, Toxteth', 53.390147, -2.964162, 'outcode'],
    );
  });

  test('importing the same file again changes nothing, not even the time of the last update', async () => {
    const before = await school(database, 104516);
    const report = await importSchools(database.db, EXTRACT);
    assert.deepEqual(
      [report.read, report.added, report.changed, report.unchanged, report.closed, report.rejected.length],
      [12, 0, 0, 7, 0, 5],
    );
    assert.deepEqual(await school(database, 104516), before);
  });

  test('a full import marks closed every open school the file leaves out, and deletes none', async () => {
    const aldgate = await school(database, 100000);
    const report = await importSchools(database.db, EXTRACT, { full: true });
    // Open before: the shipped 22,010, less Matthew Arnold (closed by the file), plus the 4 added. The
    // file lists 6 of them as open: Palmerston, Banks Road and the 4 fixtures.
    assert.equal(report.closed, SHIPPED_OPEN_SCHOOLS - 1 + 4 - 6);
    assert.deepEqual([report.added, report.changed, report.unchanged], [0, 0, 7]);
    assert.equal(await countOpen(database), 6);
    const closedAldgate = await school(database, 100000);
    assert.equal(closedAldgate.status, 'closed');
    assert.ok(closedAldgate.updatedAt > aldgate.updatedAt, 'closing a school records when');
    const [all] = await database.db.select({ count: sql<number>`count(*)::int` }).from(schools);
    assert.equal(all!.count, SHIPPED_OPEN_SCHOOLS + 4, 'no school was deleted');

    const again = await importSchools(database.db, EXTRACT, { full: true });
    assert.deepEqual([again.added, again.changed, again.closed], [0, 0, 0]);
  });

  test('schools listed as open again reopen', async () => {
    const report = await importSchools(database.db, SHIPPED_SCHOOLS_FILE);
    // Every shipped school but Palmerston changes: 22,007 reopen, Matthew Arnold reopens, Banks Road moves back to Liverpool.
    assert.deepEqual([report.added, report.changed, report.unchanged], [0, SHIPPED_OPEN_SCHOOLS - 1, 1]);
    assert.equal(await countOpen(database), SHIPPED_OPEN_SCHOOLS + 4);
    assert.equal((await school(database, 100000)).status, 'open');
  });
});

describe('importing a GIAS edubasealldata file', () => {
  let database: DatabaseHandle;
  before(async () => (database = await freshTestDatabase()));
  after(() => database.close());

  test('reads Windows-1252, uses type, trust, Ofsted rating and pupil numbers, and closes what GIAS lists as closed', async () => {
    const report = await importSchools(database.db, GIAS);
    assert.deepEqual(
      { ...report, unlocated: undefined },
      {
        format: 'gias',
        encoding: 'windows-1252',
        full: true,
        read: 16,
        added: 4,
        changed: 5,
        unchanged: 0,
        // Every open school in the register but the 5 the file lists: 4 open, and St Anne's, which the
        // file itself closes (a change, not a school missing from the file).
        closed: SHIPPED_OPEN_SCHOOLS - 5,
        rejected: [
          { line: 12, message: 'No URN' },
          { line: 13, message: 'URN ‘10474X’ is not a number' },
          { line: 14, message: 'No school name (EstablishmentName is empty)' },
          { line: 15, message: 'OpenDate ‘31-02-2020’ is not a date (DD-MM-YYYY)' },
          { line: 16, message: 'Easting and Northing must be given together (found Easting/Northing ‘338261’, ‘’)' },
          {
            line: 17,
            message:
              'NumberOfPupils ‘about 200’ is not a whole number; Easting/Northing ‘9999999’, ‘385986’ is not a grid reference in Great Britain',
          },
          { line: 18, message: 'URN 104748 is listed again (first on line 2)' },
        ],
        unlocated: undefined,
      },
    );
    assert.deepEqual(report.unlocated, [
      { line: 10, message: 'URN 999903 has no coordinates, grid reference or known postcode' },
    ]);

    const palmerston = await school(database, 104748);
    assert.deepEqual(
      { ...palmerston, latitude: undefined, longitude: undefined, updatedAt: undefined },
      {
        urn: 104748,
        name: 'Palmerston School',
        phase: 'Not applicable',
        typeOfEstablishment: 'Community special school',
        localAuthorityCode: '341',
        localAuthorityName: 'Liverpool',
        postcode: 'L17 6AU',
        town: 'Liverpool',
        easting: 338261,
        northing: 385986,
        latitude: undefined,
        longitude: undefined,
        locationSource: 'grid-reference',
        localAuthorityDistrictCode: 'E08000012',
        status: 'open',
        gender: 'Mixed',
        openDate: null,
        closeDate: null,
        trustName: null,
        trustReference: null,
        ofstedRating: 'Good',
        numberOfPupils: 137,
        updatedAt: undefined,
      },
    );
    assertNear(palmerston.latitude, 53.367117, 'Palmerston’s latitude');
    assertNear(palmerston.longitude, -2.929299, 'Palmerston’s longitude');

    assert.equal((await school(database, 104624)).name, 'St Mary’s Church of England Primary School, West Derby');
    const becket = await school(database, 138950);
    assert.deepEqual(
      [becket.name, becket.trustReference, becket.trustName, becket.typeOfEstablishment],
      [
        'St Thomas à Becket Catholic Secondary School, A Voluntary Academy',
        '5219',
        'Bishop Fixture Catholic Academy Trust',
        'Academy converter',
      ],
    );
    assert.equal((await school(database, 148296)).name, 'North Star 82°');

    const stAnnes = await school(database, 104622);
    assert.deepEqual([stAnnes.status, stAnnes.closeDate], ['closed', '2024-08-31']);
    const longClosed = await school(database, 104490);
    assert.deepEqual([longClosed.status, longClosed.closeDate], ['closed', '2003-08-31']);
  });

  test('places schools without a grid reference by postcode, then outcode', async () => {
    const proposed = await school(database, 999901);
    assert.deepEqual(
      [proposed.status, proposed.postcode, proposed.latitude, proposed.longitude, proposed.locationSource],
      ['open', 'L19 8JZ', 53.347754, -2.890527, 'postcode'],
    );
    const byOutcode = await school(database, 999902);
    assert.deepEqual(
      [byOutcode.latitude, byOutcode.longitude, byOutcode.locationSource],
      [53.378657, -2.942297, 'outcode'],
    );
    const nowhere = await school(database, 999903);
    assert.deepEqual(
      [nowhere.latitude, nowhere.longitude, nowhere.locationSource, nowhere.postcode, nowhere.numberOfPupils],
      [null, null, null, null, null],
    );
  });

  test('stores no head teacher’s name', async () => {
    const file = fs.readFileSync(GIAS, 'latin1');
    for (const name of [
      'Hermione',
      'Fixturehead',
      'Fenwick',
      'Quillfeather',
      'Ottoline',
      'Brackenfixture',
      'Lavinia',
      'Stroud-Fixture',
      'Peregrine',
    ]) {
      assert.ok(file.includes(name), `the file names ${name}`);
      const [found] = await database.db
        .select({ count: sql<number>`count(*)::int` })
        .from(schools)
        .where(sql`${schools}::text ilike ${`%${name}%`}`);
      assert.equal(found!.count, 0, `${name} is stored`);
    }
  });

  test('importing it again changes nothing', async () => {
    const before = await school(database, 104748);
    const report = await importSchools(database.db, GIAS);
    assert.deepEqual(
      [report.read, report.added, report.changed, report.unchanged, report.closed, report.rejected.length],
      [16, 0, 0, 9, 0, 7],
    );
    assert.deepEqual(await school(database, 104748), before);
  });

  test('the extract imported over it keeps what only GIAS knows', async () => {
    await importSchools(database.db, EXTRACT);
    const palmerston = await school(database, 104748);
    assert.deepEqual(
      [palmerston.typeOfEstablishment, palmerston.numberOfPupils, palmerston.status],
      ['Community special school', 137, 'open'],
    );
    assert.equal(palmerston.locationSource, 'coordinates', 'the extract’s own coordinates now place it');
  });
});

describe('importing the whole register', () => {
  let database: DatabaseHandle;
  before(async () => (database = await freshTestDatabase()));
  after(() => database.close());

  test('re-importing the shipped 22,010 schools changes none of them, and reports progress on the way', async () => {
    const progress: ImportProgress[] = [];
    const started = Date.now();
    const report = await importSchools(database.db, SHIPPED_SCHOOLS_FILE, {}, (step) => progress.push(step));
    const seconds = (Date.now() - started) / 1000;
    assert.deepEqual(
      [report.read, report.added, report.changed, report.unchanged, report.rejected.length],
      [22_010, 0, 0, 22_010, 0],
    );
    // The two schools the extract gives no postcode or position (see ../shared/data/README.md).
    assert.deepEqual(
      report.unlocated.map((problem) => problem.message),
      [
        'URN 143762 has no coordinates, grid reference or known postcode',
        'URN 149075 has no coordinates, grid reference or known postcode',
      ],
    );
    assert.deepEqual(
      progress.map((step) => step.rowsRead),
      [2000, 4000, 6000, 8000, 10000, 12000, 14000, 16000, 18000, 20000, 22000],
    );
    assert.ok(
      progress.every(
        (step, index) =>
          step.fraction > 0 && step.fraction <= 1 && (index === 0 || step.fraction >= progress[index - 1]!.fraction),
      ),
    );
    assert.ok(seconds < 30, `took ${seconds} s`);
    // GIAS's stand-in for an unknown opening date is not stored as a date (Cambridge School's is 01-01-1900).
    assert.equal((await school(database, 100382)).openDate, null);
  });
});

describe('files that cannot be imported', () => {
  let database: TestDatabase;
  before(async () => (database = await freshTestDatabase()));
  after(() => database.close());

  test('a missing file, or one with a header neither GIAS nor the extract has, is refused before anything changes', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'schools-'));
    await assert.rejects(
      importSchools(database.db, path.join(directory, 'nowhere.csv')),
      (error) => error instanceof ImportFileError && /There is no file/.test(error.message),
    );
    fs.writeFileSync(path.join(directory, 'other.csv'), 'school,postcode\nPalmerston,L17 6AU\n');
    await assert.rejects(
      importSchools(database.db, path.join(directory, 'other.csv'), { full: true }),
      /names no columns this importer knows.*found school,postcode/,
    );
    assert.equal(await countOpen(database), SHIPPED_OPEN_SCHOOLS);
  });

  test('a file that breaks off inside a quoted cell changes nothing at all', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'schools-')), 'broken.csv');
    fs.writeFileSync(
      file,
      'urn,name,postcode\n999990,Fixture New School,L17 6AU\n104748,"Palmerston School, renamed\n',
    );
    await assert.rejects(importSchools(database.db, file, { full: true }), /Line 3: a quoted cell is never closed/);
    assert.equal(await findSchoolByUrn(database.db, 999990), undefined);
    assert.equal(await countOpen(database), SHIPPED_OPEN_SCHOOLS);
  });

  test('npm run import:schools exits with status 1 and says why', () => {
    const cli = path.join(import.meta.dirname, 'schools.import.cli.ts');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schools-cli-'));
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
      });
    const missing = run([path.join(dataDir, 'missing.csv')]);
    assert.equal(missing.status, 1, missing.stderr);
    assert.match(missing.stderr, /There is no file .*missing\.csv/);
    const postcodes = run([path.join(fixtures, 'postcodes-sample.csv'), '--full']);
    assert.equal(postcodes.status, 1, postcodes.stderr);
    assert.match(postcodes.stderr, /names no columns this importer knows/);
    const usage = run(['--everything', GIAS]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /Usage: npm run import:schools -- FILE\.csv \[--full\]/);
    assert.deepEqual(fs.readdirSync(dataDir), [], 'no database was opened');
  });

  test(
    'npm run import:schools waits for no one: with another import of schools running it changes nothing and says so',
    { skip: process.env.TEST_DATABASE_URL ? false : 'another instance shares the database only on PostgreSQL' },
    async () => {
      // Another instance's import, holding the lock on the same database while the command runs.
      let finish!: () => void;
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const other = new ImportLocks(database.db, systemClock).runExclusive(SCHOOLS_IMPORT_LOCK, null, () => {
        holding();
        return new Promise<void>((resolve) => (finish = resolve));
      });
      await held;
      try {
        const cli = path.join(import.meta.dirname, 'schools.import.cli.ts');
        const run = spawnSync(process.execPath, ['--import', 'tsx', cli, EXTRACT], {
          env: { ...process.env, DATABASE_URL: database.url },
          encoding: 'utf8',
        });
        assert.equal(run.status, 1, run.stderr);
        assert.match(
          run.stderr,
          /Nothing was imported: another import of schools is running \(started from the command line at .+\)\. Try again when it has finished\./,
        );
        assert.equal(await findSchoolByUrn(database.db, 999801), undefined, 'the extract’s new schools were not added');
      } finally {
        finish();
        await other;
      }
    },
  );

  test('npm run import:schools is not held up by an import that died: the record it left is replaced, and the file imported', async () => {
    const dataDir = await templateDataDirectoryCopy();
    try {
      const crashed = await openDatabase({ dataDir });
      await recordImportLock(crashed.db, {
        key: SCHOOLS_IMPORT_LOCK,
        holder: 'an-upload-that-crashed',
        userId: null,
        acquiredAt: new Date(),
      });
      await crashed.close();
      const cli = path.join(import.meta.dirname, 'schools.import.cli.ts');
      const run = spawnSync(process.execPath, ['--import', 'tsx', cli, EXTRACT], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      const after = await openDatabase({ dataDir });
      try {
        assert.ok(await findSchoolByUrn(after.db, 999801), 'the extract’s new schools were added');
      } finally {
        await after.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
