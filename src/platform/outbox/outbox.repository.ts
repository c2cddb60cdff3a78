import { and, asc, eq, inArray, isNull, lte, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { outboxMessages } from './outbox.tables.ts';

export type OutboxMessageRow = typeof outboxMessages.$inferSelect;
export type NewOutboxMessage = Pick<
  typeof outboxMessages.$inferInsert,
  'kind' | 'dedupeKey' | 'recipient' | 'replyTo' | 'subject' | 'body' | 'nextAttemptAt'
>;

/** Inserts the message; returns false (and inserts nothing) when its dedupe key was used before. */
export async function insertOutboxMessage(db: Executor, message: NewOutboxMessage): Promise<boolean> {
  const inserted = await db
    .insert(outboxMessages)
    .values(message)
    .onConflictDoNothing()
    .returning({ id: outboxMessages.id });
  return inserted.length > 0;
}

/**
 * Takes up to `limit` messages that are due and not held by another sender, holding them until
 * `claimUntil`. SKIP LOCKED lets several instances claim at once without taking the same message.
 */
export async function claimDueMessages(
  db: Executor,
  now: Date,
  claimUntil: Date,
  limit: number,
): Promise<OutboxMessageRow[]> {
  const due = db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.status, 'pending'),
        lte(outboxMessages.nextAttemptAt, now),
        or(isNull(outboxMessages.claimedUntil), lt(outboxMessages.claimedUntil, now)),
      ),
    )
    .orderBy(asc(outboxMessages.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db.update(outboxMessages).set({ claimedUntil: claimUntil }).where(inArray(outboxMessages.id, due)).returning();
}

export async function markMessageSent(db: Executor, id: number, sentAt: Date): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status: 'sent', sentAt, claimedUntil: null, attempts: sql`${outboxMessages.attempts} + 1`, lastError: null })
    .where(eq(outboxMessages.id, id));
}

export async function recordFailedAttempt(
  db: Executor,
  id: number,
  failure: { error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .update(outboxMessages)
    .set({
      status: failure.retryAt ? 'pending' : 'failed',
      attempts: sql`${outboxMessages.attempts} + 1`,
      lastError: failure.error.slice(0, 2000),
      nextAttemptAt: failure.retryAt ?? undefined,
      claimedUntil: null,
    })
    .where(eq(outboxMessages.id, id));
}
