import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../platform/identity/identity.tables.ts';
import { agreementObjectives, agreements, placementPairings } from '../agreements/agreements.tables.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { NOTE_SHARING } from '../agreements/agreements.model.ts';
import { ACTIVITIES, VISIT_LENGTHS } from './visits.model.ts';

/**
 * A visit the parties agreed to, on a signed agreement: for everyone's calendars. Who attends is the
 * leader (pairingId null) or the staff of one of the placement's pairings.
 */
export const plannedVisits = pgTable(
  'planned_visits',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    agreementId: integer()
      .notNull()
      .references(() => agreements.id),
    date: date({ mode: 'string' }).notNull(),
    /** Minutes after midnight, London time; null when only the day is agreed. */
    startMinutes: integer(),
    length: text({ enum: VISIT_LENGTHS }).notNull(),
    place: text().notNull(),
    pairingId: integer().references(() => placementPairings.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdByUserId: integer()
      .notNull()
      .references(() => users.id),
  },
  (table) => [
    index('planned_visits_agreement_date').on(table.agreementId, table.date),
    check('planned_visits_start', sql`${table.startMinutes} is null or ${table.startMinutes} between 0 and 1439`),
  ],
);

/**
 * Delivered support: one visit or session against a signed agreement, by the leader (pairingId null)
 * or a pairing's staff (logged on their behalf). Time is given either as half days or as minutes;
 * countedHalfDays is what it counts for against the agreed days (see delivery-time.ts for the rule),
 * stored so totals are one sum.
 */
export const deliveryLogs = pgTable(
  'delivery_logs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    agreementId: integer()
      .notNull()
      .references(() => agreements.id),
    date: date({ mode: 'string' }).notNull(),
    pairingId: integer().references(() => placementPairings.id),
    halfDays: integer(),
    minutes: integer(),
    countedHalfDays: integer().notNull(),
    activities: text({ enum: ACTIVITIES }).array().notNull(),
    notes: text().notNull().default(''),
    /**
     * Who reads the notes and the progress (note-sharing.ts). Logs from before the choice existed were
     * written under a form that said "shared with everyone in the agreement", so they keep that.
     */
    sharedWith: text({ enum: NOTE_SHARING }).notNull().default('everyone'),
    loggedAt: timestamp({ withTimezone: true }).notNull(),
    loggedByUserId: integer()
      .notNull()
      .references(() => users.id),
    changedAt: timestamp({ withTimezone: true }),
    changedByUserId: integer().references(() => users.id),
  },
  (table) => [
    // Delivered and last activity per agreement (the agreement page, /staff/delivery), and by date for the release ledger.
    index('delivery_logs_agreement_date').on(table.agreementId, table.date),
    index('delivery_logs_alliance_date').on(table.allianceId, table.date),
    check('delivery_logs_time', sql`(${table.halfDays} is null) <> (${table.minutes} is null)`),
    check('delivery_logs_half_days', sql`${table.halfDays} is null or ${table.halfDays} > 0`),
    check('delivery_logs_minutes', sql`${table.minutes} is null or ${table.minutes} > 0`),
    check('delivery_logs_counted', sql`${table.countedHalfDays} > 0`),
    check('delivery_logs_activities', sql`cardinality(${table.activities}) >= 1`),
    check('delivery_logs_shared_with', sql`${table.sharedWith} in ('alliance', 'alliance-and-leader', 'everyone')`),
  ],
);

/** What a log says about progress towards one objective of the signed version. */
export const deliveryProgress = pgTable(
  'delivery_progress',
  {
    logId: integer()
      .notNull()
      .references(() => deliveryLogs.id, { onDelete: 'cascade' }),
    objectiveId: integer()
      .notNull()
      .references(() => agreementObjectives.id),
    progress: text().notNull(),
  },
  (table) => [primaryKey({ columns: [table.logId, table.objectiveId] })],
);
