import { sql } from 'drizzle-orm';
import { check, date, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { StandardTerms } from './standard-terms.ts';

/**
 * A teaching school alliance and its settings. Every alliance-owned row carries alliance_id, so one
 * installation can serve several alliances without their data meeting.
 */
export const alliances = pgTable(
  'alliances',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    /** The postal address, one line per entry. */
    addressLines: text().array().notNull(),
    telephone: text().notNull(),
    email: text().notNull(),
    website: text().notNull(),
    /** The school that hosts the alliance, by URN. */
    leadSchoolUrn: integer(),
    responseWorkingDays: integer().notNull().default(2),
    /** Enquiries received at or after this local time (HH:MM, Europe/London) count from the next working day. */
    cutOffTime: text().notNull().default('17:00'),
    typicalSleDaysPerYear: integer().notNull().default(15),
    minimumDeploymentHalfDays: integer().notNull().default(2),
    /** Weeks without a delivery log after which a running agreement is listed as having no activity. */
    quietWeeks: integer().notNull().default(4),
    /**
     * Origins (scheme, host and port) of the alliance's own websites, whose pages may send enquiries
     * from a browser to POST /api/enquiries (CORS). The public GETs are open to any origin.
     */
    apiAllowedOrigins: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The clauses printed on every agreement; null until an administrator words them (standard-terms.ts). */
    standardTerms: jsonb().$type<StandardTerms>(),
    /** Working days overdue, still without a first contact, after which the alliance lead (administrators) is told. */
    escalateAfterWorkingDays: integer().notNull().default(2),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('alliances_response_working_days', sql`${table.responseWorkingDays} between 0 and 30`),
    check('alliances_cut_off_time', sql`${table.cutOffTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('alliances_typical_sle_days', sql`${table.typicalSleDaysPerYear} between 0 and 200`),
    check('alliances_minimum_deployment', sql`${table.minimumDeploymentHalfDays} between 1 and 400`),
    check('alliances_quiet_weeks', sql`${table.quietWeeks} between 1 and 52`),
    check('alliances_api_allowed_origins', sql`cardinality(${table.apiAllowedOrigins}) <= 20`),
    check('alliances_escalate_after', sql`${table.escalateAfterWorkingDays} between 1 and 30`),
  ],
);

/**
 * Days the alliance is closed (for example INSET, or Christmas to New Year as one entry): from `date`
 * to `lastDate` inclusive, or the one day when lastDate is null. Entries do not overlap (the service refuses).
 */
export const closureDates = pgTable(
  'closure_dates',
  {
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    date: date({ mode: 'string' }).notNull(),
    lastDate: date({ mode: 'string' }),
    description: text().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.allianceId, table.date] }),
    check('closure_dates_range', sql`${table.lastDate} is null or ${table.lastDate} > ${table.date}`),
  ],
);

/**
 * The alliance's school terms, each from its first to its last day inclusive; a term belongs to the
 * academic year its first day falls in. An LLE placement's agreed days count only the weeks in term
 * when every academic year it runs in has terms set (visits/agreed-days.ts). Terms do not overlap (the service refuses).
 */
export const termDates = pgTable(
  'term_dates',
  {
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    firstDay: date({ mode: 'string' }).notNull(),
    lastDay: date({ mode: 'string' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.allianceId, table.firstDay] }),
    // A term is at most about four months (autumn is the longest); longer is a typing slip.
    check(
      'term_dates_range',
      sql`${table.lastDay} >= ${table.firstDay} and ${table.lastDay} - ${table.firstDay} <= 130`,
    ),
  ],
);
