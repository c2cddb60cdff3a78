import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { accountTokens } from './accounts.tables.ts';
import { type AccountTokenPurpose } from './accounts.model.ts';

export type AccountTokenRow = typeof accountTokens.$inferSelect;
export type NewAccountToken = typeof accountTokens.$inferInsert;

export async function insertAccountToken(db: Executor, token: NewAccountToken): Promise<void> {
  await db.insert(accountTokens).values(token);
}

export async function findAccountToken(
  db: Executor,
  tokenHash: string,
  purpose: AccountTokenPurpose,
): Promise<AccountTokenRow | undefined> {
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)));
  return row;
}

/**
 * Marks the link used, unless it was used already: of two requests racing with the same link, only
 * one gets true.
 */
export async function useAccountToken(db: Executor, id: number, at: Date): Promise<boolean> {
  const used = await db
    .update(accountTokens)
    .set({ usedAt: at })
    .where(and(eq(accountTokens.id, id), isNull(accountTokens.usedAt)))
    .returning({ id: accountTokens.id });
  return used.length > 0;
}

/** Retires the user's unused links of this purpose: only the newest link works. */
export async function retireAccountTokens(
  db: Executor,
  userId: number,
  purpose: AccountTokenPurpose,
  at: Date,
): Promise<void> {
  await db
    .update(accountTokens)
    .set({ usedAt: at })
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
}

export async function countAccountTokensSince(
  db: Executor,
  userId: number,
  purpose: AccountTokenPurpose,
  since: Date,
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(accountTokens)
    .where(
      and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), gte(accountTokens.createdAt, since)),
    );
  return row?.count ?? 0;
}
