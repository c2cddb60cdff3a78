import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.ts';
import { findSchoolByUrn } from '../../src/features/schools/schools.repository.ts';
import { makeUploadDirectory, removeUploadDirectory } from '../../src/platform/uploads/upload-directories.ts';
import { person } from '../support/people.ts';
import { buildTestApp, openForm } from '../support/test-app.ts';
import { templateDataDirectoryCopy } from '../support/test-database.ts';
import { freePort, startServer, stopServer, waitUntilRunning } from '../support/server-process.ts';
import { submitUpload } from '../support/uploads.ts';

const root = path.resolve(import.meta.dirname, '../..');
const postgresUrl = process.env.TEST_DATABASE_URL;
const ROSTER =
  'Name,Email,Home school URN,Designation,Designation date\nAfter Crash,after.crash@school.example,104748,SLE,01/09/2024\n';
const EXTRACT = path.join(root, 'test/fixtures/schools-extract.csv');
/** How the holder's connection is known in pg_stat_activity, to see it gone. */
const HOLDER_NAME = 's2s-crashed-import';

/** Another process that opens the database, takes the import lock of `key`, says so, and never finishes. */
async function holdImportLockInAnotherProcess(
  database: { databaseUrl: string } | { dataDir: string },
  key: string,
): Promise<ChildProcess> {
  const script = `const { openDatabase } = await import(${JSON.stringify(path.join(root, 'src/db/database.ts'))});
    const { ImportLocks } = await import(${JSON.stringify(path.join(root, 'src/platform/uploads/uploads.service.ts'))});
    const { systemClock } = await import(${JSON.stringify(path.join(root, 'src/platform/clock.ts'))});
    const database = await openDatabase(JSON.parse(process.env.HOLDER_DATABASE));
    void new ImportLocks(database.db, systemClock).runExclusive(${JSON.stringify(key)}, null, () => {
      console.log('holding');
      return new Promise(() => setInterval(() => {}, 60_000));
    });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    env: { ...process.env, HOLDER_DATABASE: JSON.stringify(database) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('holding')) resolve();
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', () => reject(new Error(`The holder stopped:\n${output}`)));
  });
  return child;
}

async function killNine(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('an import whose process was killed while it ran', () => {
  const children: ChildProcess[] = [];
  after(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  test(
    'on PostgreSQL: its lock ends with its connection, and the next upload is imported at once',
    { skip: postgresUrl ? false : 'needs a PostgreSQL server (TEST_DATABASE_URL)' },
    async () => {
      const t = await buildTestApp();
      try {
        const coordinator = await person(t, { roles: ['coordinator'] });
        const allianceId = (await t.app.services.alliances.current()).id;
        const url = new URL(t.database.url!);
        url.searchParams.set('application_name', HOLDER_NAME);
        const holder = await holdImportLockInAnotherProcess({ databaseUrl: url.toString() }, `roster:${allianceId}`);
        children.push(holder);
        const upload = async () =>
          submitUpload(
            t.app,
            '/staff/leaders/roster',
            { field: 'roster', filename: 'roster.csv', content: ROSTER },
            await openForm(t.app, '/staff/leaders/roster', coordinator.cookies),
          );
        assert.equal((await upload()).statusCode, 409, 'refused while the other import runs');

        await killNine(holder);
        const killedAt = Date.now();
        // The server ends the session when the operating system closes the dead process's socket.
        const admin = new pg.Client({ connectionString: t.database.url });
        await admin.connect();
        try {
          while (
            (
              await admin.query<{ n: number }>(
                'select count(*)::int as n from pg_stat_activity where application_name = $1',
                [HOLDER_NAME],
              )
            ).rows[0]!.n > 0
          ) {
            assert.ok(Date.now() - killedAt < 5_000, 'the dead holder’s session is still open after 5 s');
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        } finally {
          await admin.end();
        }
        const imported = await upload();
        assert.equal(imported.statusCode, 303, imported.body.slice(0, 400));
        assert.ok(Date.now() - killedAt < 5_000, `imported ${Date.now() - killedAt} ms after the kill`);
      } finally {
        await t.close();
      }
    },
  );

  test('on the embedded database: the next import (npm run import:schools) is not held up by it', async () => {
    const dataDir = await templateDataDirectoryCopy();
    try {
      const holder = await holdImportLockInAnotherProcess({ dataDir }, 'schools');
      children.push(holder);
      await killNine(holder);
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'src/features/schools/schools.import.cli.ts', EXTRACT],
        {
          cwd: root,
          env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
          encoding: 'utf8',
        },
      );
      assert.equal(run.status, 0, run.stderr);
      const database = await openDatabase({ dataDir });
      try {
        assert.ok(await findSchoolByUrn(database.db, 999801), 'the extract’s new schools were added');
      } finally {
        await database.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('uploaded files left in the temporary directory', () => {
  test('those of a process that was killed are removed when the server starts; those of a running process are kept', async () => {
    const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-temporary-'));
    const dataDir = await templateDataDirectoryCopy();
    const leaveUpload = (name: string) => {
      fs.mkdirSync(path.join(temporary, name));
      fs.writeFileSync(path.join(temporary, name, 'upload'), ROSTER);
      return path.join(temporary, name);
    };
    // As a version before the lock left it, and as a process killed mid-upload leaves it: a lock no longer refreshed.
    const earlier = leaveUpload('s2s-upload-Xy12Ab');
    const killed = leaveUpload('s2s-upload-0123456789abcdef0123');
    fs.mkdirSync(`${killed}.lock`);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(`${killed}.lock`, aMinuteAgo, aMinuteAgo);
    // A running process's upload: this one's, locked and kept fresh while it lasts.
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = temporary;
    const live = makeUploadDirectory();
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    fs.writeFileSync(path.join(live, 'upload'), ROSTER);

    const server = startServer({
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      TMPDIR: temporary,
      SEED_DEMO_DATA: 'false',
    });
    try {
      await waitUntilRunning(server);
      assert.equal(fs.existsSync(earlier), false, 'the earlier version’s upload is gone');
      assert.equal(fs.existsSync(killed), false, 'the killed process’s upload is gone');
      assert.equal(fs.existsSync(`${killed}.lock`), false, 'and its lock');
      assert.ok(fs.existsSync(path.join(live, 'upload')), 'the running process’s upload is kept');
      assert.match(server.output(), /Removed 2 uploaded files left by a process that stopped/);
      assert.equal(await stopServer(server), 0);
    } finally {
      server.process.kill('SIGKILL');
      removeUploadDirectory(live);
      fs.rmSync(temporary, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
