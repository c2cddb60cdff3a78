import { check, integer, pgTable } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { alliances } from '../../platform/alliance/alliance.tables.ts';

/**
 * How much each reason counts when leaders are ranked for an enquiry: settings the alliance can
 * change. Without a row, the defaults in matching.weights.ts apply.
 */
export const matchingWeights = pgTable(
  'matching_weights',
  {
    allianceId: integer()
      .primaryKey()
      .references(() => alliances.id),
    specialism: integer().notNull(),
    phase: integer().notNull(),
    distance: integer().notNull(),
    capacity: integer().notNull(),
    history: integer().notNull(),
    priority: integer().notNull(),
    /** Beyond this many miles, distance adds nothing to a leader's score. */
    maxDistanceMiles: integer().notNull(),
  },
  (table) => [
    check(
      'matching_weights_range',
      sql`least(${table.specialism}, ${table.phase}, ${table.distance}, ${table.capacity}, ${table.history}, ${table.priority}) >= 0 and greatest(${table.specialism}, ${table.phase}, ${table.distance}, ${table.capacity}, ${table.history}, ${table.priority}) <= 100`,
    ),
    check('matching_weights_distance', sql`${table.maxDistanceMiles} between 1 and 500`),
  ],
);
