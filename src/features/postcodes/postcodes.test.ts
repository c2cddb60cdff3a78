import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import type { DatabaseHandle } from '../../db/database.ts';
import { ImportFileError, type ImportProgress } from '../../platform/imports.ts';
import { freshTestDatabase } from '../../../test/support/test-database.ts';
import { normaliseOutcode, normalisePostcode, outcodeOf } from './postcodes.format.ts';
import { importPostcodes } from './postcodes.import.ts';
import { countOutcodes, countPostcodes, findOutcode, findPostcode } from './postcodes.repository.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures');
const SAMPLE = path.join(fixtures, 'postcodes-sample.csv');

test('writes postcodes as Royal Mail does, whatever the spacing and case', () => {
  assert.equal(normalisePostcode('l176au'), 'L17 6AU');
  assert.equal(normalisePostcode('  L17   6AU '), 'L17 6AU');
  assert.equal(normalisePostcode('sw1a2aa'), 'SW1A 2AA');
  assert.equal(normalisePostcode('EC3A 5DE'), 'EC3A 5DE');
  assert.equal(normalisePostcode('L17'), undefined);
  assert.equal(normalisePostcode('Liverpool'), undefined);
  assert.equal(normaliseOutcode(' l17 '), 'L17');
  assert.equal(normaliseOutcode('L17 6AU'), undefined);
  assert.equal(outcodeOf('SW1A 2AA'), 'SW1A');
});

describe('importing postcodes', () => {
  let database: DatabaseHandle;
  before(async () => (database = await freshTestDatabase()));
  after(() => database.close());

  test('the seed loads every outcode in England and the postcodes of Merseyside and Halton', async () => {
    assert.equal(await countOutcodes(database.db), 2323);
    assert.equal(await countPostcodes(database.db), 64287);
    assert.deepEqual(await findPostcode(database.db, 'L17 6AU'), {
      postcode: 'L17 6AU',
      outcode: 'L17',
      localAuthorityDistrictCode: 'E08000012',
      easting: 338261,
      northing: 385986,
      latitude: 53.367117,
      longitude: -2.929299,
    });
    assert.equal((await findOutcode(database.db, 'L17'))?.postcodeCount, 755);
  });

  test('adds new postcodes, normalises them, converts grid references and refuses rows it cannot place', async () => {
    const progress: ImportProgress[] = [];
    const report = await importPostcodes(database.db, SAMPLE, (step) => progress.push(step));
    assert.deepEqual(report, {
      kind: 'postcodes',
      read: 8,
      written: 3,
      unchanged: 1,
      rejected: [
        { line: 6, message: '‘NOT A POSTCODE’ is not a postcode' },
        { line: 7, message: 'lat/lng ‘91.5’, ‘-2.23’ is not a place in Great Britain' },
        { line: 8, message: 'lat and lng must be given together (found lat/lng ‘53.48’, ‘’)' },
        { line: 9, message: 'no position: neither lat/lng nor easting/northing is given' },
      ],
    });
    assert.deepEqual(progress, [], 'eight rows are too few to report progress');

    assert.equal((await findPostcode(database.db, 'SW1A 2AA'))?.outcode, 'SW1A');
    const oldham = await findPostcode(database.db, 'OL9 9QE');
    // The ONS directory gives 53.530160, -2.157473 for this grid reference.
    assert.ok(
      Math.abs(oldham!.latitude - 53.53016) < 0.000005 && Math.abs(oldham!.longitude - -2.157473) < 0.000005,
      JSON.stringify(oldham),
    );
    assert.equal(await findPostcode(database.db, 'M1 1AF'), undefined);
  });

  test('loading the same file again, gzipped, changes nothing', async () => {
    const gzipped = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'postcodes-')), 'postcodes-sample.csv.gz');
    fs.writeFileSync(gzipped, zlib.gzipSync(fs.readFileSync(SAMPLE)));
    const report = await importPostcodes(database.db, gzipped);
    assert.deepEqual([report.read, report.written, report.unchanged, report.rejected.length], [8, 0, 4, 4]);
    assert.equal(await countPostcodes(database.db), 64287 + 3);
  });

  test('a file of outcodes is known by its header and updates the outcodes', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outcodes-')), 'outcodes.csv');
    fs.writeFileSync(
      file,
      'outcode,lat,lng,easting,northing,postcode_count,main_lad_code\nl17,53.378657,-2.942297,337413,387281,756,E08000012\n',
    );
    assert.deepEqual(await importPostcodes(database.db, file), {
      kind: 'outcodes',
      read: 1,
      written: 1,
      unchanged: 0,
      rejected: [],
    });
    assert.equal((await findOutcode(database.db, 'L17'))?.postcodeCount, 756);
  });

  test('refuses a missing file, an empty one, and one whose header it does not know', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'postcodes-'));
    await assert.rejects(
      importPostcodes(database.db, path.join(directory, 'nowhere.csv')),
      (error) => error instanceof ImportFileError && /There is no file/.test(error.message),
    );
    fs.writeFileSync(path.join(directory, 'empty.csv'), '');
    await assert.rejects(importPostcodes(database.db, path.join(directory, 'empty.csv')), /is empty/);
    fs.writeFileSync(path.join(directory, 'other.csv'), 'pcd,lat,long\nL17 6AU,53.36,-2.92\n');
    await assert.rejects(
      importPostcodes(database.db, path.join(directory, 'other.csv')),
      /names no columns this importer knows.*found pcd,lat,long/,
    );
  });
});

describe('npm run import:postcodes', () => {
  test('exits with a message and status 1 when the file cannot be imported, before touching any database', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'postcodes-cli-'));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'postcodes.import.cli.ts'), path.join(dataDir, 'missing.csv')],
      {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
      },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /There is no file .*missing\.csv/);
    assert.deepEqual(fs.readdirSync(dataDir), [], 'no database was created');
  });
});
