import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { leaderAccounts } from './leaders.tables.ts';

/** Links the account to a leader record, or unlinks it (`leaderId` null). */
export async function setLeaderOfAccount(db: Executor, userId: number, leaderId: number | null): Promise<void> {
  if (leaderId === null) {
    await db.delete(leaderAccounts).where(eq(leaderAccounts.userId, userId));
    return;
  }
  await db
    .insert(leaderAccounts)
    .values({ userId, leaderId })
    .onConflictDoUpdate({ target: leaderAccounts.userId, set: { leaderId } });
}

/** Each account's leader record, for those linked to one. */
export async function findLeadersOfAccounts(db: Executor, userIds: number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select().from(leaderAccounts).where(inArray(leaderAccounts.userId, userIds));
  return new Map(rows.map((row) => [row.userId, row.leaderId]));
}

/** The staff accounts linked to a leader: usually none or one. */
export async function findUsersLinkedTo(db: Executor, leaderId: number) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, deactivatedAt: users.deactivatedAt })
    .from(leaderAccounts)
    .innerJoin(users, eq(users.id, leaderAccounts.userId))
    .where(eq(leaderAccounts.leaderId, leaderId))
    .orderBy(asc(users.id));
}
