import { sql } from 'drizzle-orm';
import { boolean, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { alliances } from '../../platform/alliance/alliance.tables.ts';

/** An area of expertise on the alliance's editable list. Retired specialisms stay for history. */
export const specialisms = pgTable(
  'specialisms',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    name: text().notNull(),
    groupName: text().notNull(),
    retired: boolean().notNull().default(false),
  },
  (table) => [uniqueIndex('specialisms_alliance_name').on(table.allianceId, sql`lower(${table.name})`)],
);
