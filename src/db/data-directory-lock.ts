import fs from 'node:fs';
import os from 'node:os';

export class DataDirectoryLockedError extends Error {}

/**
 * PGlite does not lock its data directory, and two processes writing one directory corrupt it.
 * A lock file beside the directory names the process that holds it; a lock whose process has
 * ended is stale and taken over. Returns the function that releases the lock.
 */
export function acquireDataDirectoryLock(directory: string): () => void {
  const lockPath = `${directory}.lock`;
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, mine, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder && isAlive(holder)) {
        throw new DataDirectoryLockedError(
          `The embedded database in ${directory} is already open in process ${holder.pid} on ${holder.host}. ` +
            'Only one process may use it: stop the other one, or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirectoryLockedError(`Could not lock ${directory}: another process keeps taking the lock.`);
}

type Holder = { pid: number; host: string };

function readHolder(lockPath: string): Holder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(holder: Holder): boolean {
  // A lock written on another host (a shared volume) cannot be checked from here: respect it.
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
