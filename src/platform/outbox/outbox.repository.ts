import { and, asc, count, desc, eq, inArray, isNull, lte, lt, or, sql } from 'drizzle-orm';
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

/** What the list of emails shows: never the body, which only the message's own page reads. */
const listedColumns = {
  id: outboxMessages.id,
  kind: outboxMessages.kind,
  recipient: outboxMessages.recipient,
  subject: outboxMessages.subject,
  status: outboxMessages.status,
  attempts: outboxMessages.attempts,
  lastError: outboxMessages.lastError,
  nextAttemptAt: outboxMessages.nextAttemptAt,
  createdAt: outboxMessages.createdAt,
  sentAt: outboxMessages.sentAt,
};
export type ListedOutboxMessage = { [K in keyof typeof listedColumns]: OutboxMessageRow[K] };

const statusIs = (status: OutboxMessageRow['status'] | undefined) =>
  status ? eq(outboxMessages.status, status) : undefined;

/** One page of messages, newest first (by id: the order they were queued in). */
export async function listOutboxMessages(
  db: Executor,
  filter: { status?: OutboxMessageRow['status']; limit: number; offset: number },
): Promise<{ total: number; messages: ListedOutboxMessage[] }> {
  const [counted] = await db.select({ total: count() }).from(outboxMessages).where(statusIs(filter.status));
  const messages = await db
    .select(listedColumns)
    .from(outboxMessages)
    .where(statusIs(filter.status))
    .orderBy(desc(outboxMessages.id))
    .limit(filter.limit)
    .offset(filter.offset);
  return { total: counted?.total ?? 0, messages };
}

export async function findOutboxMessage(db: Executor, id: number): Promise<OutboxMessageRow | undefined> {
  const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return message;
}

/** A copy of a message, queued to go now; the original stays as the record of what happened to it. */
export async function insertCopyOfMessage(db: Executor, original: OutboxMessageRow, now: Date): Promise<number> {
  const [copy] = await db
    .insert(outboxMessages)
    .values({
      kind: original.kind,
      recipient: original.recipient,
      replyTo: original.replyTo,
      subject: original.subject,
      body: original.body,
      nextAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: outboxMessages.id });
  return copy!.id;
}
