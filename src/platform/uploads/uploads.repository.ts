import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { users } from '../identity/identity.tables.ts';
import { importLocks } from './uploads.tables.ts';

export type ImportLockRow = typeof importLocks.$inferSelect;

/**
 * Records who holds the lock of `key` now; called only by the lock's holder, so any row already there
 * was left by a holder that died, and is replaced.
 */
export async function recordImportLock(db: Executor, lock: ImportLockRow): Promise<void> {
  await db
    .insert(importLocks)
    .values(lock)
    .onConflictDoUpdate({
      target: importLocks.key,
      set: { holder: lock.holder, userId: lock.userId, acquiredAt: lock.acquiredAt },
    });
}

export async function clearImportLock(db: Executor, key: string, holder: string): Promise<void> {
  await db.delete(importLocks).where(and(eq(importLocks.key, key), eq(importLocks.holder, holder)));
}

/** Who holds the lock now, for the message to whoever is refused. */
export async function findImportLock(db: Executor, key: string) {
  const [row] = await db
    .select({ acquiredAt: importLocks.acquiredAt, userName: sql<string | null>`${users.name}` })
    .from(importLocks)
    .leftJoin(users, eq(users.id, importLocks.userId))
    .where(eq(importLocks.key, key));
  return row;
}
