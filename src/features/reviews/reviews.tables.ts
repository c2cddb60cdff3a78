import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../../platform/identity/identity.tables.ts';
import { agreementObjectives, agreementVersions, agreements } from '../agreements/agreements.tables.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { NOTE_SHARING } from '../agreements/agreements.model.ts';
import { PROGRESS_RATINGS, REVIEW_KINDS } from './reviews.model.ts';

/**
 * A review of a signed version of an agreement, at its mid-point or at its end. Keyed to the version,
 * not the agreement: a variation can change the objectives and the dates, so each signed version
 * is reviewed against what it says. One review of each kind per version.
 */
export const agreementReviews = pgTable(
  'agreement_reviews',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    agreementId: integer()
      .notNull()
      .references(() => agreements.id),
    versionId: integer()
      .notNull()
      .references(() => agreementVersions.id),
    kind: text({ enum: REVIEW_KINDS }).notNull(),
    summary: text().notNull(),
    nextSteps: text().notNull(),
    /** Who reads the review (note-sharing.ts); reviews from before the choice were shown to every party, and keep that. */
    sharedWith: text({ enum: NOTE_SHARING }).notNull().default('everyone'),
    recordedByUserId: integer()
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    /** The last change after it was recorded; what changed is in the audit trail. */
    changedByUserId: integer().references(() => users.id),
    changedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex('agreement_reviews_once').on(table.versionId, table.kind),
    index('agreement_reviews_agreement').on(table.agreementId),
    check('agreement_reviews_kind', sql`${table.kind} in ('mid-point', 'end')`),
    check('agreement_reviews_shared_with', sql`${table.sharedWith} in ('alliance', 'alliance-and-leader', 'everyone')`),
  ],
);

/** One objective's rating in a review, with the evidence for it. Every objective of the version is rated. */
export const reviewRatings = pgTable(
  'review_ratings',
  {
    reviewId: integer()
      .notNull()
      .references(() => agreementReviews.id, { onDelete: 'cascade' }),
    objectiveId: integer()
      .notNull()
      .references(() => agreementObjectives.id),
    rating: text({ enum: PROGRESS_RATINGS }).notNull(),
    evidence: text().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.reviewId, table.objectiveId] }),
    check('review_ratings_rating', sql`${table.rating} in ('not-met', 'partly-met', 'met', 'exceeded')`),
  ],
);
