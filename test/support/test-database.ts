import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { MIGRATIONS_FOLDER, openDatabase, type DatabaseHandle } from '../../src/db/database.ts';
import { seedReferenceData } from '../../src/seed/reference-data.ts';

export const TEST_ALLIANCE = 'south-liverpool';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * A test's database, and a way to reach the same database over another connection, as a second
 * instance of the app would: a new pool on PostgreSQL, the same in-process client on PGlite.
 */
export type TestDatabase = DatabaseHandle & {
  openAnotherConnection(): Promise<DatabaseHandle>;
  /** On PostgreSQL, the database's URL, for another process to use; PGlite's is this process's alone. */
  url: string | undefined;
};

/**
 * A fresh, migrated database with the reference data (every school, the alliance), for one test file.
 * Building one takes seconds, so a template is built once per version of the migrations and seed
 * inputs, then copied: a PGlite data directory on disk, or a PostgreSQL template database when
 * TEST_DATABASE_URL is set.
 */
export async function freshTestDatabase(): Promise<TestDatabase> {
  const postgresUrl = process.env.TEST_DATABASE_URL;
  return postgresUrl ? freshPostgresDatabase(postgresUrl) : freshPgliteDatabase();
}

function templateVersion(): string {
  const hash = crypto.createHash('sha256');
  // Everything the seed reads or runs: the data, the seed, and the importers that load the data.
  const inputs = [
    MIGRATIONS_FOLDER,
    path.join(root, 'reference-data'),
    path.join(root, 'src/seed'),
    path.join(root, 'src/features/postcodes'),
    path.join(root, 'src/features/schools'),
    path.join(root, 'src/platform/csv.ts'),
    path.join(root, 'src/platform/calendar'),
    path.join(root, 'src/platform/geography'),
    path.join(root, 'src/db/bulk.ts'),
    path.join(root, 'src/features/specialisms/specialisms.service.ts'),
  ].flatMap(filesIn);
  for (const file of inputs) hash.update(path.relative(root, file)).update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

/** A file, or every file under a directory except tests, in a stable order. */
function filesIn(entry: string): string[] {
  if (fs.statSync(entry).isFile()) return [entry];
  return fs
    .readdirSync(entry, { recursive: true, encoding: 'utf8' })
    .filter((file) => !file.endsWith('.test.ts'))
    .sort()
    .map((file) => path.join(entry, file))
    .filter((file) => fs.statSync(file).isFile());
}

async function seedTemplate(database: DatabaseHandle): Promise<void> {
  await database.migrate();
  await seedReferenceData(database.db, { allianceSlug: TEST_ALLIANCE });
}

/**
 * A data directory (for DATA_DIR) holding a copy of the migrated, seeded template: for tests that
 * run a command-line tool as a separate process. The caller removes it.
 */
export async function templateDataDirectoryCopy(): Promise<string> {
  const template = await pgliteTemplate();
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-cli-'));
  fs.cpSync(path.join(template, 'pglite'), path.join(copy, 'pglite'), { recursive: true });
  return copy;
}

async function pgliteTemplate(): Promise<string> {
  const templates = path.join(root, '.cache/test-databases');
  const template = path.join(templates, `template-${templateVersion()}`);
  if (!fs.existsSync(template)) {
    // Built aside and renamed into place, so a test file running at the same time never sees half of one.
    const building = fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-template-'));
    const database = await openDatabase({ dataDir: building });
    await seedTemplate(database);
    await database.close();
    fs.mkdirSync(templates, { recursive: true });
    try {
      fs.renameSync(building, template);
    } catch {
      fs.cpSync(building, `${template}.partial-${process.pid}`, { recursive: true });
      try {
        fs.renameSync(`${template}.partial-${process.pid}`, template);
      } catch {
        // Another test file finished its template first: use that one.
      }
      fs.rmSync(building, { recursive: true, force: true });
    }
  }
  return template;
}

async function freshPgliteDatabase(): Promise<TestDatabase> {
  const template = await pgliteTemplate();
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'pglite-test-'));
  fs.cpSync(path.join(template, 'pglite'), path.join(copy, 'pglite'), { recursive: true });
  const client = await PGlite.create(path.join(copy, 'pglite'));
  const handle = await openDatabase({ pglite: client });
  return {
    ...handle,
    url: undefined,
    // PGlite is one connection in this process: a second "instance" shares it (closing it leaves it open).
    openAnotherConnection: async () => ({ ...handle, close: async () => {} }),
    async close() {
      await handle.close();
      fs.rmSync(copy, { recursive: true, force: true });
    },
  };
}

async function freshPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  const templateName = `s2s_template_${templateVersion()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // One test file builds the template while the others wait for it.
    await admin.query('select pg_advisory_lock(7246002)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [templateName]);
    if (exists.rowCount === 0) {
      await admin.query(`create database ${templateName}`);
      const template = await openDatabase({ databaseUrl: withDatabase(serverUrl, templateName), poolSize: 1 });
      try {
        await seedTemplate(template);
      } catch (error) {
        await template.close();
        await admin.query(`drop database ${templateName}`);
        throw error;
      }
      await template.close();
    }
    await admin.query('select pg_advisory_unlock(7246002)');
    const name = `s2s_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${name} template ${templateName}`);
    const handle = await openDatabase({ databaseUrl: withDatabase(serverUrl, name), poolSize: 4 });
    return {
      ...handle,
      url: withDatabase(serverUrl, name),
      openAnotherConnection: () => openDatabase({ databaseUrl: withDatabase(serverUrl, name), poolSize: 4 }),
      async close() {
        await handle.close();
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        // The pool's end() resolves once each connection is told to close, not once it has: a drop
        // "with (force)" in between kills it, and its error lands in whichever test ran last.
        for (let attempt = 0; attempt < 100; attempt++) {
          const { rows } = await dropper.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (rows[0]!.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  } finally {
    await admin.end();
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
