import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { APPEAL_OUTCOMES, DECISION_OUTCOMES, HEARINGS } from './applications.model.ts';
import { applications } from './applications.tables.ts';
import { designationCriteria } from './designation.tables.ts';

/** A panel of heads meeting on a date to assess applications (or to hear appeals) against the criteria. */
export const panels = pgTable(
  'panels',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    meetsOn: date({ mode: 'string' }).notNull(),
    hearing: text({ enum: HEARINGS }).notNull().default('application'),
    /** The member who records the panel's decisions. */
    chairUserId: integer().references(() => users.id),
    note: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('panels_alliance_date').on(table.allianceId, table.meetsOn)],
);

/** A panel's members: accounts with the panel member role. */
export const panelMembers = pgTable(
  'panel_members',
  {
    panelId: integer()
      .notNull()
      .references(() => panels.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id),
    /** The member's school, for the same-school and same-trust conflicts. */
    schoolUrn: integer(),
  },
  (table) => [primaryKey({ columns: [table.panelId, table.userId] }), index('panel_members_user').on(table.userId)],
);

/** The applications a panel considers. */
export const panelApplications = pgTable(
  'panel_applications',
  {
    panelId: integer()
      .notNull()
      .references(() => panels.id, { onDelete: 'cascade' }),
    applicationId: integer()
      .notNull()
      .references(() => applications.id),
  },
  (table) => [
    primaryKey({ columns: [table.panelId, table.applicationId] }),
    index('panel_applications_application').on(table.applicationId),
  ],
);

/** A conflict a member declared with an applicant (same school and same trust are found, not declared). */
export const panelDeclaredConflicts = pgTable(
  'panel_declared_conflicts',
  {
    panelId: integer()
      .notNull()
      .references(() => panels.id, { onDelete: 'cascade' }),
    userId: integer()
      .notNull()
      .references(() => users.id),
    applicationId: integer()
      .notNull()
      .references(() => applications.id),
    reason: text().notNull(),
    declaredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.panelId, table.userId, table.applicationId] })],
);

/** One member's score for one criterion of one application, with their notes. */
export const panelScores = pgTable(
  'panel_scores',
  {
    panelId: integer()
      .notNull()
      .references(() => panels.id, { onDelete: 'cascade' }),
    applicationId: integer()
      .notNull()
      .references(() => applications.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    criterionId: integer()
      .notNull()
      .references(() => designationCriteria.id),
    score: integer().notNull(),
    notes: text().notNull().default(''),
    scoredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.panelId, table.applicationId, table.userId, table.criterionId] }),
    check('panel_scores_range', sql`${table.score} between 1 and 4`),
  ],
);

/** A panel's decision on an application, recorded by its chair. An appeal's decision sits beside the first. */
export const applicationDecisions = pgTable(
  'application_decisions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    applicationId: integer()
      .notNull()
      .references(() => applications.id),
    panelId: integer()
      .notNull()
      .references(() => panels.id),
    outcome: text({ enum: DECISION_OUTCOMES }).notNull(),
    feedback: text().notNull().default(''),
    decidedOn: date({ mode: 'string' }).notNull(),
    decidedByUserId: integer()
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('application_decisions_panel').on(table.applicationId, table.panelId)],
);

/** An appeal against a decision, lodged within the alliance's appeal window and heard by a different panel. */
export const appeals = pgTable(
  'appeals',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    decisionId: integer()
      .notNull()
      .unique()
      .references(() => applicationDecisions.id),
    lodgedOn: date({ mode: 'string' }).notNull(),
    grounds: text().notNull(),
    panelId: integer().references(() => panels.id),
    outcome: text({ enum: APPEAL_OUTCOMES }),
    outcomeNotes: text().notNull().default(''),
    decidedOn: date({ mode: 'string' }),
    recordedByUserId: integer().references(() => users.id),
  },
  (table) => [index('appeals_panel').on(table.panelId)],
);
