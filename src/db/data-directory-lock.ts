import fs from 'node:fs';
import lockfile from 'proper-lockfile';

export class DataDirectoryLockedError extends Error {}

/**
 * A lock its holder refreshes every REFRESH_MILLISECONDS; one not refreshed for STALE_MILLISECONDS was
 * left by a process that has stopped, however it stopped (kill -9, a power cut), and is taken over.
 * Unlike a process id written in a file, this cannot be fooled by a reused id (every container's
 * first process is PID 1) or a changed host name, and works on a volume shared between hosts.
 */
// Long enough to outlast the seconds PGlite's start-up holds the event loop (creating a database
// blocks it, so the lock cannot be refreshed meanwhile): at 10 seconds a busy machine saw a live
// holder's lock taken as stale.
const STALE_MILLISECONDS = 30_000;
const REFRESH_MILLISECONDS = 2_000;
/** How often a process that finds the lock held looks at it again. */
const POLL_MILLISECONDS = 250;

/**
 * PGlite does not lock its data directory, and two processes writing one directory corrupt it. The
 * lock is a directory beside it (`pglite.lock`, made atomically with mkdir) kept fresh by its holder
 * (proper-lockfile). A lock found held is watched: refreshed means a live holder, and start-up stops
 * with a message at once; left alone for STALE_MILLISECONDS means its holder died, and it is taken.
 * `onLost` is called if the lock is taken from this process (removed by hand, or the process stalled
 * for longer than STALE_MILLISECONDS and another took it over). Returns the function that releases it.
 */
export async function acquireDataDirectoryLock(
  directory: string,
  onLost: (error: Error) => void,
): Promise<() => Promise<void>> {
  const lockPath = `${directory}.lock`;
  removeLockOfEarlierVersions(lockPath);
  const options = {
    lockfilePath: lockPath,
    realpath: false,
    stale: STALE_MILLISECONDS,
    update: REFRESH_MILLISECONDS,
    onCompromised: onLost,
  };
  const deadline = Date.now() + STALE_MILLISECONDS + REFRESH_MILLISECONDS;
  let firstSeen: number | undefined;
  for (;;) {
    try {
      const release = await lockfile.lock(directory, options);
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await release();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      const refreshedAt = modifiedAt(lockPath);
      firstSeen ??= refreshedAt;
      if ((refreshedAt !== undefined && refreshedAt !== firstSeen) || Date.now() > deadline)
        throw lockedError(directory, lockPath);
      await new Promise((resolve) => setTimeout(resolve, POLL_MILLISECONDS));
    }
  }
}

function lockedError(directory: string, lockPath: string): DataDirectoryLockedError {
  return new DataDirectoryLockedError(
    `The embedded database in ${directory} is in use by another process, which holds its lock ${lockPath}. ` +
      'Only one process may use it: stop the other one, or set DATABASE_URL to use a PostgreSQL server. ' +
      `There is no need to delete the lock: it is freed within ${STALE_MILLISECONDS / 1000} seconds of its process stopping, however it stopped.`,
  );
}

function modifiedAt(lockPath: string): number | undefined {
  try {
    return fs.statSync(lockPath).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Earlier versions wrote the lock as a file naming a process id and host, which could not tell a
 * reused process id from the holder. Such a file is never a live lock of this version: it is removed.
 */
function removeLockOfEarlierVersions(lockPath: string): void {
  try {
    if (fs.lstatSync(lockPath).isFile()) fs.rmSync(lockPath, { force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
