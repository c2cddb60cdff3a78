import { and, eq, gt, lt, ne, or } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { sessions, users } from './identity.tables.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;

export async function insertSession(db: Executor, session: NewSession): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(session).returning();
  if (!row) throw new Error('Insert returned no session');
  return row;
}

export async function findSessionWithUser(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  return row;
}

export async function touchSession(db: Executor, id: number, lastSeenAt: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt }).where(eq(sessions.id, id));
}

/** Records activity on a session that has not gone idle (seen since `idleSince`) or passed its limit; false if it had. */
export async function touchLiveSession(db: Executor, id: number, now: Date, idleSince: Date): Promise<boolean> {
  const touched = await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, id), gt(sessions.lastSeenAt, idleSince), gt(sessions.expiresAt, now)))
    .returning({ id: sessions.id });
  return touched.length > 0;
}

export async function deleteSession(db: Executor, id: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of the user, but for `exceptSessionId` when given (the one making the change). */
export async function deleteSessionsOfUser(db: Executor, userId: number, exceptSessionId?: number): Promise<void> {
  const condition =
    exceptSessionId === undefined
      ? eq(sessions.userId, userId)
      : and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId));
  await db.delete(sessions).where(condition);
}

/** Deletes sessions that have ended (past their limit, or idle since before `idleSince`) but were never seen again. */
export async function deleteEndedSessions(db: Executor, now: Date, idleSince: Date): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleSince)));
}
