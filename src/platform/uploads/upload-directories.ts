import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

/**
 * Each uploaded file lives in a directory of its own under the system's temporary directory, and may
 * hold personal data (a roster names people). A process that is killed cannot delete its files, so
 * each directory is locked by the process that made it (proper-lockfile: `<directory>.lock`, kept
 * fresh while the process runs), and at start-up every upload directory whose lock is not held is
 * removed. Instances sharing a host (and its temporary directory) keep each other's files.
 */
const PREFIX = 's2s-upload-';
const LOCK_SUFFIX = '.lock';
/** A lock not refreshed for this long was left by a process that stopped (proper-lockfile's default). */
const STALE_MILLISECONDS = 10_000;

const releases = new Map<string, () => void>();

/** Makes a new upload directory, readable only by this user, locked by this process until removed. */
export function makeUploadDirectory(): string {
  for (;;) {
    const directory = path.join(os.tmpdir(), `${PREFIX}${crypto.randomBytes(9).toString('hex')}`);
    // The lock first, then the directory: a sweep never finds the directory without its lock.
    let release: () => void;
    try {
      // A sweep that took the lock for stale and removed the directory has already removed the file:
      // the request then fails to read it, and the person is asked to upload it again.
      release = lockfile.lockSync(directory, { realpath: false, stale: STALE_MILLISECONDS, onCompromised: () => {} });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') continue;
      throw error;
    }
    try {
      fs.mkdirSync(directory, { mode: 0o700 });
    } catch (error) {
      release();
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    releases.set(directory, release);
    return directory;
  }
}

export function removeUploadDirectory(directory: string): void {
  fs.rmSync(directory, { recursive: true, force: true });
  const release = releases.get(directory);
  releases.delete(directory);
  try {
    release?.();
  } catch {
    // Already released: a sweep took it for stale.
  }
}

/**
 * Removes the upload directories (and their locks) that no running process holds: those of a
 * process that was killed or crashed, and those of versions before the lock. Returns how many.
 */
export function removeLeftoverUploads(): number {
  const temporary = os.tmpdir();
  let removed = 0;
  for (const name of fs.readdirSync(temporary)) {
    if (!name.startsWith(PREFIX)) continue;
    const directory = path.join(temporary, name.endsWith(LOCK_SUFFIX) ? name.slice(0, -LOCK_SUFFIX.length) : name);
    if (lockfile.checkSync(directory, { realpath: false, stale: STALE_MILLISECONDS })) continue;
    if (name.endsWith(LOCK_SUFFIX)) {
      // A lock with its directory is removed with that directory, below or above.
      if (!fs.existsSync(directory)) fs.rmSync(path.join(temporary, name), { recursive: true, force: true });
      continue;
    }
    fs.rmSync(directory, { recursive: true, force: true });
    fs.rmSync(`${directory}${LOCK_SUFFIX}`, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
