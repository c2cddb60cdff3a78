import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';
import { DESIGNATION_STATUSES, DESIGNATION_TYPES, PHASES } from './leaders.model.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A system leader: a person with a home school and one or more designations. Their email is for
 * the alliance only; the public directory shows them only with their agreement (`listed`).
 */
export const leaders = pgTable(
  'leaders',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    name: text().notNull(),
    email: text().notNull(),
    jobTitle: text(),
    homeSchoolUrn: integer()
      .notNull()
      .references(() => schools.urn),
    profile: text().notNull().default(''),
    phases: text({ enum: PHASES })
      .array()
      .notNull()
      .default(sql`'{}'`),
    listed: boolean().notNull().default(false),
    /**
     * The day the leader agreed to be listed in the public directory, when known (a roster may not
     * say). Cleared when they are unlisted: consent withdrawn is consent gone; the trail keeps the history.
     */
    listedConsentOn: date({ mode: 'string' }),
    /** When the leader was erased on request (the record stays while signed agreements name them). */
    personalDataRemovedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('leaders_alliance_email').on(table.allianceId, sql`lower(${table.email})`),
    index('leaders_home_school').on(table.homeSchoolUrn),
  ],
);

/**
 * A system leader's staff account: how the service knows which agreements, visits and ledger are
 * theirs. Linked by email address when the account is invited or its roles saved (accounts).
 */
export const leaderAccounts = pgTable(
  'leader_accounts',
  {
    userId: integer()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    leaderId: integer()
      .notNull()
      .references(() => leaders.id),
  },
  (table) => [index('leader_accounts_leader').on(table.leaderId)],
);

/** A leader's designation as an SLE, LLE or NLE. One per type; its history is on the audit trail. */
export const designations = pgTable(
  'designations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    leaderId: integer()
      .notNull()
      .references(() => leaders.id, { onDelete: 'cascade' }),
    type: text({ enum: DESIGNATION_TYPES }).notNull(),
    status: text({ enum: DESIGNATION_STATUSES }).notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    /** When the designation is next reviewed: for an SLE, 4 years after it started. */
    reviewDate: date({ mode: 'string' }),
    /** Core training follows designation; until it is recorded the leader is "designated, training due". */
    coreTrainingOn: date({ mode: 'string' }),
    coreTrainingProvider: text(),
  },
  (table) => [
    uniqueIndex('designations_leader_type').on(table.leaderId, table.type),
    index('designations_type_status').on(table.type, table.status),
  ],
);

/**
 * A leader's specialisms. Held on the leader rather than on each designation (as the domain sketch
 * has it): only SLEs are designated for specialisms, and search filters by leader.
 */
export const leaderSpecialisms = pgTable(
  'leader_specialisms',
  {
    leaderId: integer()
      .notNull()
      .references(() => leaders.id, { onDelete: 'cascade' }),
    specialismId: integer()
      .notNull()
      .references(() => specialisms.id),
  },
  (table) => [
    primaryKey({ columns: [table.leaderId, table.specialismId] }),
    index('leader_specialisms_specialism').on(table.specialismId, table.leaderId),
  ],
);

/**
 * Each leader who holds a designation in force, as the directory and matching search them: a narrow
 * table derived from leaders, designations, specialisms and home schools, so searching or ranking
 * 10,000 leaders reads one small table (PGlite scans wide tables and joins too slowly for the p95
 * targets). The public directory shows the `listed` ones; matching considers all of them.
 * Rewritten by refreshDirectoryEntries() in the same transaction as any change to a leader; a
 * trigger (migrations 0004, 0006) keeps the home school's details in step with the register.
 * A generated column or a view could not be read this cheaply.
 */
export const directoryEntries = pgTable(
  'directory_entries',
  {
    leaderId: integer()
      .primaryKey()
      .references(() => leaders.id, { onDelete: 'cascade' }),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    name: text().notNull(),
    /** Agreed to appear in the public directory. */
    listed: boolean().notNull(),
    /** Types of designation in force. */
    types: text({ enum: DESIGNATION_TYPES }).array().notNull(),
    /** The earliest start of a designation in force: how long they have led others. */
    designatedSince: date({ mode: 'string' }).notNull(),
    /** The earliest review date of a designation in force; past it, a proposal carries a warning. */
    reviewDue: date({ mode: 'string' }),
    /** A designation in force has no core training recorded yet: "designated, training due". */
    trainingDue: boolean().notNull().default(false),
    specialismIds: integer().array().notNull(),
    phases: text({ enum: PHASES }).array().notNull(),
    homeSchoolUrn: integer().notNull(),
    homeSchoolName: text().notNull(),
    homeSchoolTown: text(),
    /** The home school's trust: a leader is not proposed within their own trust. */
    homeSchoolTrust: text(),
    /**
     * The home school as a point on the unit sphere. The straight-line (chord) distance between two
     * such points orders places exactly as distance over the earth's surface does, with arithmetic
     * alone per row: no trigonometry while sorting 10,000 leaders by distance.
     */
    unitX: doublePrecision(),
    unitY: doublePrecision(),
    unitZ: doublePrecision(),
    /** Name, specialisms and profile, weighted in that order, for free-text search. */
    searchDocument: tsvector().notNull(),
  },
  (table) => [
    index('directory_entries_alliance_name').on(table.allianceId, table.listed, table.name),
    index('directory_entries_home_school').on(table.homeSchoolUrn),
    index('directory_entries_search').using('gin', table.searchDocument),
  ],
);

/**
 * A number that goes up whenever an alliance's directory entries change (in the same transaction),
 * so every instance can tell at the cost of one tiny read whether a cached search is still right.
 */
export const directoryVersions = pgTable('directory_versions', {
  allianceId: integer()
    .primaryKey()
    .references(() => alliances.id),
  version: integer().notNull().default(0),
});
