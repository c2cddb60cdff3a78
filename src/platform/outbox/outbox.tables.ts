import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/**
 * Emails waiting to be sent, or already sent. Written in the same transaction as the change that
 * causes them, so a mail server being down never loses or blocks that change.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** What the message is for, e.g. `enquiry-acknowledgement`. */
    kind: text().notNull(),
    /** Set when a message must be sent at most once (a daily reminder): a second insert is ignored. */
    dedupeKey: text().unique(),
    recipient: text().notNull(),
    replyTo: text(),
    subject: text().notNull(),
    body: text().notNull(),
    status: text({ enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** While a sender holds the message; another instance skips it until then. */
    claimedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    /** When the body was removed (after the retention period, or on erasure); the row stays as a record of sending. */
    personalDataRemovedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('outbox_messages_due').on(table.status, table.nextAttemptAt),
    index('outbox_messages_recipient').on(sql`lower(${table.recipient})`),
  ],
);
