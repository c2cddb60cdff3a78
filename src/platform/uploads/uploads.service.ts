import crypto from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { takeSessionLock } from '../../db/session-locks.ts';
import type { Clock } from '../clock.ts';
import { clearImportLock, findImportLock, recordImportLock } from './uploads.repository.ts';
import { removeUploadDirectory } from './upload-directories.ts';
import type { UploadedFile } from './uploads.multipart.ts';

/** Someone else's import is running: who started it (when known), and when. */
export type ImportBusy = { userName: string | null; since: Date };

export type Exclusive<T> = { ok: true; value: T } | { ok: false; busy: ImportBusy };

/**
 * One import of a kind at a time. Two at once would each read the register as it was and write over
 * the other's changes, and the second would report changes the first had made. The lock is a session
 * lock (an advisory lock on PostgreSQL, so instances sharing the database respect it too), which ends
 * with its holder: an import that crashed, or whose process was killed, holds up no one. A row in
 * `import_locks` records who holds it, for the message; a request that finds it held is refused at
 * once rather than queued.
 */
export class ImportLocks {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async runExclusive<T>(key: string, userId: number | null, work: () => Promise<T>): Promise<Exclusive<T>> {
    const now = this.clock.now();
    const lock = await takeSessionLock(this.db, `import:${key}`);
    if (!lock) {
      const held = await findImportLock(this.db, key);
      return { ok: false, busy: { userName: held?.userName ?? null, since: held?.acquiredAt ?? now } };
    }
    const holder = crypto.randomBytes(16).toString('hex');
    try {
      await recordImportLock(this.db, { key, holder, userId, acquiredAt: now });
      try {
        return { ok: true, value: await work() };
      } finally {
        // A record left behind (the database gone meanwhile) misleads no one: it is read only while
        // the lock is held, and its next holder overwrites it first.
        await clearImportLock(this.db, key, holder).catch(() => {});
      }
    } finally {
      await lock.release();
    }
  }
}

/** How long an inspected file waits for its confirmation before it is deleted. */
const PENDING_MINUTES = 30;

type Pending<T> = { file: UploadedFile; ownerId: number; expiresAt: number; details: T };

/**
 * Uploaded files waiting for a person to confirm what will happen to them (a full import of schools
 * that will close some). Held on this instance's disk, in memory, for one person: behind a load
 * balancer, the confirmation must come back to the same instance (sticky sessions); if it does not,
 * the person is asked to upload the file again. Nothing is kept longer than PENDING_MINUTES, and
 * everything is deleted when the service stops.
 */
export class PendingUploads<T> {
  private readonly entries = new Map<string, Pending<T>>();

  constructor(private readonly clock: Clock) {}

  /** Takes charge of the file (the request will no longer delete it) and returns its token. */
  hold(file: UploadedFile, ownerId: number, details: T): string {
    this.sweep();
    const token = crypto.randomBytes(18).toString('base64url');
    this.entries.set(token, {
      file,
      ownerId,
      details,
      expiresAt: this.clock.now().getTime() + PENDING_MINUTES * 60_000,
    });
    return token;
  }

  /** The file and what was found in it, if the token is the person's and has not expired. */
  peek(token: string, ownerId: number): { file: UploadedFile; details: T } | undefined {
    this.sweep();
    const entry = this.entries.get(token);
    return entry && entry.ownerId === ownerId ? { file: entry.file, details: entry.details } : undefined;
  }

  /** Forgets the file and deletes it from disk. */
  discard(token: string): void {
    const entry = this.entries.get(token);
    if (!entry) return;
    this.entries.delete(token);
    removeUploadDirectory(entry.file.directory);
  }

  clear(): void {
    for (const token of [...this.entries.keys()]) this.discard(token);
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [token, entry] of this.entries) if (entry.expiresAt < now) this.discard(token);
  }
}
