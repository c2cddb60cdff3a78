import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase } from './database.ts';
import { DataDirectoryLockedError } from './data-directory-lock.ts';

const DATABASE_MODULE = path.join(import.meta.dirname, 'database.ts');

/** Another process that opens the embedded database in `dataDir` and keeps it open until killed. */
async function holdInAnotherProcess(dataDir: string): Promise<ChildProcess> {
  const script = `const { openDatabase } = await import(${JSON.stringify(DATABASE_MODULE)});
    await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
    console.log('open');
    setInterval(() => {}, 60_000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('open')) resolve();
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', () => reject(new Error(`The holder stopped:\n${output}`)));
  });
  return child;
}

async function killed(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Opens and closes the database, and how long it took to open. */
async function openAndClose(dataDir: string): Promise<number> {
  const started = Date.now();
  const database = await openDatabase({ dataDir });
  const took = Date.now() - started;
  await database.close();
  return took;
}

describe('the lock on the embedded database’s directory', () => {
  const directories: string[] = [];
  const children: ChildProcess[] = [];
  const dataDirectory = () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-lock-'));
    directories.push(directory);
    return directory;
  };
  after(() => {
    for (const child of children) child.kill('SIGKILL');
    for (const directory of directories) fs.rmSync(directory, { recursive: true, force: true });
  });

  test('a lock file left by an earlier version does not block the start, whatever process id or host it names', async () => {
    for (const holder of [
      // A container's first process is PID 1, alive in every container: the one that wrote this is gone.
      { pid: 1, host: os.hostname() },
      // This very process is alive, yet did not write it.
      { pid: process.pid, host: os.hostname() },
      { pid: 4_000_000, host: os.hostname() },
      { pid: 1, host: 'a-host-renamed-since' },
    ]) {
      const dataDir = dataDirectory();
      fs.writeFileSync(path.join(dataDir, 'pglite.lock'), JSON.stringify(holder));
      await openAndClose(dataDir);
      assert.equal(fs.existsSync(path.join(dataDir, 'pglite.lock')), false, `released after ${JSON.stringify(holder)}`);
    }
  });

  test('a live holder in another process blocks the start at once, naming the lock and what to do', async () => {
    const dataDir = dataDirectory();
    const holder = await holdInAnotherProcess(dataDir);
    children.push(holder);
    const started = Date.now();
    await assert.rejects(openDatabase({ dataDir }), (error: Error) => {
      assert.ok(error instanceof DataDirectoryLockedError);
      assert.equal(
        error.message,
        `The embedded database in ${path.join(dataDir, 'pglite')} is in use by another process, which holds its lock ${path.join(dataDir, 'pglite.lock')}. ` +
          'Only one process may use it: stop the other one, or set DATABASE_URL to use a PostgreSQL server. ' +
          'There is no need to delete the lock: it is freed within 30 seconds of its process stopping, however it stopped.',
      );
      return true;
    });
    assert.ok(Date.now() - started < 5_000, `refused after ${Date.now() - started} ms`);
    await killed(holder);
  });

  test('the lock of a process killed while holding it is taken over once it goes stale, without anyone deleting it', async () => {
    const dataDir = dataDirectory();
    const holder = await holdInAnotherProcess(dataDir);
    children.push(holder);
    await killed(holder);
    assert.ok(fs.existsSync(path.join(dataDir, 'pglite.lock')), 'kill -9 leaves the lock behind');
    const took = await openAndClose(dataDir);
    assert.ok(took < 40_000, `opened after ${took} ms`);
  });

  test('two opens in one process: the second is refused', async () => {
    const dataDir = dataDirectory();
    const first = await openDatabase({ dataDir });
    try {
      await assert.rejects(openDatabase({ dataDir }), DataDirectoryLockedError);
    } finally {
      await first.close();
    }
  });
});
