import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { DESIGNATION_TYPES } from '../leaders/leaders.model.ts';
import { DEFAULT_RULES } from './designation.model.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';

/**
 * The figures an alliance designates by. National guidance set them (DEFAULT_RULES: 2 years in
 * leadership for an SLE, 3 years' headship for an LLE, 4 years before review); each alliance applies
 * its own, so each is a setting with that default. The row is made with the default criteria the first time it is needed.
 */
export const designationRules = pgTable(
  'designation_rules',
  {
    allianceId: integer()
      .primaryKey()
      .references(() => alliances.id),
    sleMinimumLeadershipYears: integer().notNull().default(DEFAULT_RULES.sleMinimumLeadershipYears),
    lleMinimumHeadshipYears: integer().notNull().default(DEFAULT_RULES.lleMinimumHeadshipYears),
    /** How long an LLE expects to stay at their school: support runs for up to 3 years. */
    lleMinimumYearsStaying: integer().notNull().default(DEFAULT_RULES.lleMinimumYearsStaying),
    evidenceWordLimit: integer().notNull().default(DEFAULT_RULES.evidenceWordLimit),
    designationYears: integer().notNull().default(DEFAULT_RULES.designationYears),
    appealDays: integer().notNull().default(DEFAULT_RULES.appealDays),
    reminderDays: integer().notNull().default(DEFAULT_RULES.reminderDays),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check(
      'designation_rules_bounded',
      sql`${table.sleMinimumLeadershipYears} between 0 and 20
      and ${table.lleMinimumHeadshipYears} between 0 and 20 and ${table.lleMinimumYearsStaying} between 0 and 10
      and ${table.evidenceWordLimit} between 50 and 2000 and ${table.designationYears} between 1 and 10
      and ${table.appealDays} between 1 and 365 and ${table.reminderDays} between 1 and 60`,
    ),
  ],
);

/** A criterion applicants for one type of designation give evidence against and panels score. */
export const designationCriteria = pgTable(
  'designation_criteria',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    designationType: text({ enum: DESIGNATION_TYPES }).notNull(),
    /** The order applicants and panels meet the criteria in. */
    position: integer().notNull(),
    title: text().notNull(),
    description: text().notNull(),
  },
  (table) => [
    uniqueIndex('designation_criteria_title').on(table.allianceId, table.designationType, sql`lower(${table.title})`),
    index('designation_criteria_order').on(table.allianceId, table.designationType, table.position),
  ],
);

/**
 * A recruitment round: applications for one type of designation accepted from its opening date until its
 * closing date (inclusive), or all year while it has none, unless an administrator closes it sooner. A round may name the specialisms the alliance most needs.
 */
export const recruitmentRounds = pgTable(
  'recruitment_rounds',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    designationType: text({ enum: DESIGNATION_TYPES }).notNull(),
    opensOn: date({ mode: 'string' }).notNull(),
    closesOn: date({ mode: 'string' }),
    /** What the alliance tells applicants about the round, for example when the panel meets. */
    note: text().notNull().default(''),
    /** When an administrator closed the round before its closing date; it then takes no applications. */
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('recruitment_rounds_dates', sql`${table.closesOn} is null or ${table.closesOn} >= ${table.opensOn}`),
    index('recruitment_rounds_alliance').on(table.allianceId, table.opensOn),
  ],
);

export const recruitmentRoundSpecialisms = pgTable(
  'recruitment_round_specialisms',
  {
    roundId: integer()
      .notNull()
      .references(() => recruitmentRounds.id, { onDelete: 'cascade' }),
    specialismId: integer()
      .notNull()
      .references(() => specialisms.id),
  },
  (table) => [primaryKey({ columns: [table.roundId, table.specialismId] })],
);
