import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../platform/identity/identity.tables.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { leaders } from '../leaders/leaders.tables.ts';

/**
 * For an SLE and an academic year (by the calendar year it starts in: 2026 for 2026/27), the days
 * their school agreed to release them, with the head's and the chair of governors' consent.
 * No row means no consent is recorded, which is not the same as consent to 0 days.
 */
export const releaseConsents = pgTable(
  'release_consents',
  {
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    leaderId: integer()
      .notNull()
      .references(() => leaders.id, { onDelete: 'cascade' }),
    startYear: integer().notNull(),
    releasedHalfDays: integer().notNull(),
    headName: text().notNull(),
    headConsentedOn: date({ mode: 'string' }).notNull(),
    chairName: text().notNull(),
    chairConsentedOn: date({ mode: 'string' }).notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    recordedByUserId: integer().references(() => users.id),
  },
  (table) => [
    primaryKey({ columns: [table.leaderId, table.startYear] }),
    index('release_consents_alliance_year').on(table.allianceId, table.startYear, table.leaderId),
    check('release_consents_half_days', sql`${table.releasedHalfDays} between 0 and 400`),
    check('release_consents_year', sql`${table.startYear} between 2000 and 2100`),
  ],
);
