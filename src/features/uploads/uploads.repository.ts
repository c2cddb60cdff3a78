import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { users } from '../accounts/accounts.tables.ts';
import { importLocks } from './uploads.tables.ts';

export type ImportLockRow = typeof importLocks.$inferSelect;

/**
 * Takes the lock when nobody holds it, or when its holder's time ran out; one statement, so two
 * requests (or two instances) asking at once cannot both get it. True when it was taken.
 */
export async function claimImportLock(db: Executor, lock: ImportLockRow): Promise<boolean> {
  const claimed = await db
    .insert(importLocks)
    .values(lock)
    .onConflictDoUpdate({
      target: importLocks.key,
      set: { holder: lock.holder, userId: lock.userId, acquiredAt: lock.acquiredAt, expiresAt: lock.expiresAt },
      setWhere: lt(importLocks.expiresAt, lock.acquiredAt),
    })
    .returning({ key: importLocks.key });
  return claimed.length > 0;
}

export async function releaseImportLock(db: Executor, key: string, holder: string): Promise<void> {
  await db.delete(importLocks).where(and(eq(importLocks.key, key), eq(importLocks.holder, holder)));
}

/** Who holds the lock now, for the message to whoever is refused. */
export async function findImportLock(db: Executor, key: string) {
  const [row] = await db
    .select({ acquiredAt: importLocks.acquiredAt, expiresAt: importLocks.expiresAt, userName: sql<string | null>`${users.name}` })
    .from(importLocks)
    .leftJoin(users, eq(users.id, importLocks.userId))
    .where(eq(importLocks.key, key));
  return row;
}
