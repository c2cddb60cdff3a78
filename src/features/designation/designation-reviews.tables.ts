import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from '../../platform/identity/identity.tables.ts';
import { designations } from '../leaders/leaders.tables.ts';
import { REVIEW_OUTCOMES, REVIEW_REASONS } from './designation-reviews.model.ts';

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
