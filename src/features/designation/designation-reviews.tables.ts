import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../../platform/identity/identity.tables.ts';
import { designations } from '../leaders/leaders.tables.ts';
import { CONSENT_ROLES, REVIEW_OUTCOMES, REVIEW_REASONS } from './designation-reviews.model.ts';
import { schools } from '../schools/schools.tables.ts';
import { APPEAL_OUTCOMES } from './applications.model.ts';
import { panels } from './panels.tables.ts';

/**
 * A review of a designation: at the end of its period, or opened early with a reason. It ends in an
 * outcome that the designation (and so the directory and matching) follows at once.
 */
export const designationReviews = pgTable(
  'designation_reviews',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    designationId: integer()
      .notNull()
      .references(() => designations.id, { onDelete: 'cascade' }),
    reason: text({ enum: REVIEW_REASONS }).notNull(),
    /** What led to an early review, as the coordinator recorded it. */
    reasonNote: text().notNull().default(''),
    openedOn: date({ mode: 'string' }).notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    openedByUserId: integer().references(() => users.id),
    evidenceNote: text().notNull().default(''),
    outcome: text({ enum: REVIEW_OUTCOMES }),
    outcomeReason: text().notNull().default(''),
    closedOn: date({ mode: 'string' }),
    closedByUserId: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('designation_reviews_due')
      .on(table.dueOn)
      .where(sql`${table.outcome} is null`),
    uniqueIndex('designation_reviews_one_open')
      .on(table.designationId)
      .where(sql`${table.outcome} is null`),
  ],
);

/**
 * The head's or the chair of governors' renewed release consent for a review, asked by an emailed
 * single-use link: at a four-year review of the leader's school, after a move of the new school's.
 */
export const designationReviewConsentRequests = pgTable(
  'designation_review_consent_requests',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    reviewId: integer()
      .notNull()
      .references(() => designationReviews.id, { onDelete: 'cascade' }),
    role: text({ enum: CONSENT_ROLES }).notNull(),
    schoolUrn: integer()
      .notNull()
      .references(() => schools.urn),
    name: text().notNull(),
    email: text().notNull(),
    tokenHash: text().unique(),
    tokenExpiresAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }).notNull(),
    remindedAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    supports: boolean(),
    releaseDays: integer(),
    comment: text().notNull().default(''),
  },
  (table) => [
    index('designation_review_consent_requests_review').on(table.reviewId, table.role),
    check(
      'designation_review_consent_requests_days',
      sql`${table.releaseDays} is null or ${table.releaseDays} between 0 and 200`,
    ),
  ],
);

/**
 * A leader's appeal against a review that de-designated them, lodged within the alliance's appeal
 * window and heard by a panel for appeals; its outcome is kept beside the review's. One per review.
 */
export const designationReviewAppeals = pgTable('designation_review_appeals', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  reviewId: integer()
    .notNull()
    .unique()
    .references(() => designationReviews.id, { onDelete: 'cascade' }),
  lodgedOn: date({ mode: 'string' }).notNull(),
  grounds: text().notNull(),
  panelId: integer().references(() => panels.id),
  outcome: text({ enum: APPEAL_OUTCOMES }),
  outcomeNotes: text().notNull().default(''),
  decidedOn: date({ mode: 'string' }),
  recordedByUserId: integer().references(() => users.id),
  recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
