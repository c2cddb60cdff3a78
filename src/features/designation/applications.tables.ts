import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { DESIGNATION_TYPES, PHASES } from '../leaders/leaders.model.ts';
import { leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';
import { APPLICANT_ROLES, APPLICATION_STATUSES, REQUEST_KINDS } from './applications.model.ts';
import { designationCriteria, recruitmentRounds } from './designation.tables.ts';

/**
 * An application for designation, from its first saved page. Until it is sent, any answer may be
 * missing: the check-your-answers page says which, and sending requires them all. The applicant comes
 * back to it by an emailed link (resumeTokenHash), never by an account.
 */
export const applications = pgTable(
  'applications',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    /** `SLE-7K4Q-M2` (the type's letters, then Crockford base 32), given when the application is sent. */
    reference: text().unique(),
    designationType: text({ enum: DESIGNATION_TYPES }).notNull(),
    roundId: integer().references(() => recruitmentRounds.id),
    status: text({ enum: APPLICATION_STATUSES }).notNull().default('started'),
    applicantName: text().notNull(),
    applicantEmail: text().notNull(),
    schoolUrn: integer().references(() => schools.urn),
    jobTitle: text(),
    role: text({ enum: APPLICANT_ROLES }),
    yearsInRole: integer(),
    /** For an SLE, years in any leadership role; for an LLE, years of headship (acting headship counts). */
    leadershipYears: integer(),
    /** LLE only: years they expect to stay at their school. */
    yearsStaying: integer(),
    /** LLE only: the governing body or trust board supports the application. */
    governorsSupport: boolean(),
    /** LLE only: senior staff can run the school while they are away. */
    seniorStaffCover: boolean(),
    /** LLE only: coaching or mentoring experience beyond their own school. */
    coachingBeyondSchool: boolean(),
    phases: text({ enum: PHASES })
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** Whether they have applied to, or are designated by, another alliance (which registers them). */
    otherAlliance: text(),
    resumeTokenHash: text().unique(),
    resumeTokenExpiresAt: timestamp({ withTimezone: true }),
    /** The leader this application designated, or whose designation it renewed. */
    leaderId: integer().references(() => leaders.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    withdrawnAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('applications_alliance_status').on(table.allianceId, table.status, table.sentAt),
    index('applications_email').on(table.allianceId, sql`lower(${table.applicantEmail})`),
    check(
      'applications_years_bounded',
      sql`coalesce(${table.yearsInRole}, 0) between 0 and 60 and coalesce(${table.leadershipYears}, 0) between 0 and 60
      and coalesce(${table.yearsStaying}, 0) between 0 and 60`,
    ),
    check('applications_sent_has_reference', sql`${table.status} = 'started' or ${table.reference} is not null`),
  ],
);

export const applicationSpecialisms = pgTable(
  'application_specialisms',
  {
    applicationId: integer()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    specialismId: integer()
      .notNull()
      .references(() => specialisms.id),
  },
  (table) => [primaryKey({ columns: [table.applicationId, table.specialismId] })],
);

/** The applicant's evidence against one criterion, within the alliance's word limit. */
export const applicationEvidence = pgTable(
  'application_evidence',
  {
    applicationId: integer()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    criterionId: integer()
      .notNull()
      .references(() => designationCriteria.id),
    evidence: text().notNull(),
  },
  (table) => [primaryKey({ columns: [table.applicationId, table.criterionId] })],
);

/**
 * A reference or a release consent asked of someone by an emailed single-use link. A coordinator who
 * changes a referee supersedes the request (supersededAt) and a new one is made; resending issues a new
 * link on the same request. Consent answers carry the days a year the school can release the applicant.
 */
export const applicationRequests = pgTable(
  'application_requests',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    applicationId: integer()
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    kind: text({ enum: REQUEST_KINDS }).notNull(),
    name: text().notNull(),
    email: text().notNull(),
    jobTitle: text().notNull().default(''),
    /** Where they work, as the applicant gave it (a supported leader's school may be anywhere). */
    organisation: text().notNull().default(''),
    tokenHash: text().unique(),
    tokenExpiresAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    remindedAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    /** A reference's text, or a consent's comment. */
    answerText: text(),
    /** A reference: whether they support the application. A consent: whether the school agrees to release them. */
    supports: boolean(),
    /** A consent: the days a year the school agrees to release the applicant. */
    releaseDays: integer(),
    supersededAt: timestamp({ withTimezone: true }),
    supersededByUserId: integer().references(() => users.id),
  },
  (table) => [
    index('application_requests_application').on(table.applicationId, table.kind),
    uniqueIndex('application_requests_current')
      .on(table.applicationId, table.kind)
      .where(sql`${table.supersededAt} is null`),
    index('application_requests_due')
      .on(table.sentAt)
      .where(sql`${table.answeredAt} is null and ${table.supersededAt} is null`),
    check(
      'application_requests_release_days',
      sql`${table.releaseDays} is null or ${table.releaseDays} between 0 and 200`,
    ),
  ],
);
