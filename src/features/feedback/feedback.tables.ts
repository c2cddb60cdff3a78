import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../platform/identity/identity.tables.ts';
import { agreementVersions, agreements } from '../agreements/agreements.tables.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';

/**
 * The alliance asking the supported school for its view once the support has ended. One row per
 * agreement, ever: the daily job claims it (insert, or nothing if it exists) in the transaction that
 * queues the email, so two instances of the app can never both ask. Asking again replaces the link:
 * only its hash is kept, and only the newest works.
 */
export const feedbackRequests = pgTable(
  'feedback_requests',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    agreementId: integer()
      .notNull()
      .unique()
      .references(() => agreements.id),
    /** The signed version whose end was reached. */
    versionId: integer()
      .notNull()
      .references(() => agreementVersions.id),
    /** Who was emailed; empty when the service found no one to ask (a coordinator then acts). */
    recipients: text().array().notNull(),
    /** Null when there was no one to ask. Kept once answered: the answer is what makes the link used. */
    linkTokenHash: text().unique(),
    linkExpiresAt: timestamp({ withTimezone: true }),
    firstRequestedAt: timestamp({ withTimezone: true }).notNull(),
    lastRequestedAt: timestamp({ withTimezone: true }).notNull(),
    /** Null when the daily job asked; the coordinator who asked again otherwise. */
    lastRequestedByUserId: integer().references(() => users.id),
    timesRequested: integer().notNull().default(1),
  },
  (table) => [index('feedback_requests_alliance').on(table.allianceId, table.lastRequestedAt)],
);

export const FEEDBACK_CHANNELS = ['email-link', 'signed-in'] as const;

/** The supported school's answer: one per request. */
export const feedbackResponses = pgTable(
  'feedback_responses',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer()
      .notNull()
      .unique()
      .references(() => feedbackRequests.id),
    /** 1 poor, 2 fair, 3 good, 4 excellent. */
    quality: integer().notNull(),
    wouldRecommend: boolean().notNull(),
    comments: text(),
    answeredAt: timestamp({ withTimezone: true }).notNull(),
    answeredVia: text({ enum: FEEDBACK_CHANNELS }).notNull(),
    /** The school contact who answered signed in; null from the emailed link. */
    answeredByUserId: integer().references(() => users.id),
  },
  (table) => [
    check('feedback_responses_quality', sql`${table.quality} between 1 and 4`),
    check(
      'feedback_responses_via',
      sql`(${table.answeredVia} = 'signed-in') = (${table.answeredByUserId} is not null)`,
    ),
    index('feedback_responses_answered').on(table.answeredAt),
  ],
);
