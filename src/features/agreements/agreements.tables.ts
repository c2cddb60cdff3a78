import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/identity/identity.tables.ts';
import type { StandardTerms } from '../../platform/alliance/standard-terms.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import { leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  COMMISSIONING_BODIES,
  FUNDING_TYPES,
  PARTIES,
  PRIORITY_REASONS,
  SIGNING_CAPACITIES,
  SIGNING_METHODS,
} from './agreements.model.ts';

/**
 * A support agreement between a supported school, a system leader's home school and the alliance.
 * What was agreed lives in its versions; this row holds who the parties are and where it stands.
 */
export const agreements = pgTable(
  'agreements',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    kind: text({ enum: AGREEMENT_KINDS }).notNull(),
    status: text({ enum: AGREEMENT_STATUSES }).notNull().default('draft'),
    /** The school's request this answers, when it came through the enquiry desk. */
    enquiryId: integer().references(() => enquiries.id),
    supportedSchoolUrn: integer()
      .notNull()
      .references(() => schools.urn),
    leaderId: integer()
      .notNull()
      .references(() => leaders.id),
    /**
     * The leader's home school when the agreement was made: the party that releases them. Kept here,
     * not read from the leader, so a leader who moves school later does not change who signed.
     */
    homeSchoolUrn: integer()
      .notNull()
      .references(() => schools.urn),
    /** The newest version: the one being agreed, or the last one signed. */
    currentVersionId: integer().references((): AnyPgColumn => agreementVersions.id),
    withdrawnAt: timestamp({ withTimezone: true }),
    withdrawnReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdByUserId: integer().references(() => users.id),
    /** When the names and notes on it and its delivery were removed at the end of its retention period. */
    personalDataRemovedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('agreements_alliance_status').on(table.allianceId, table.status),
    index('agreements_alliance_leader').on(table.allianceId, table.leaderId, table.kind),
    index('agreements_supported_school').on(table.supportedSchoolUrn),
    index('agreements_home_school').on(table.homeSchoolUrn),
    index('agreements_enquiry').on(table.enquiryId),
    check(
      'agreements_withdrawn',
      sql`(${table.status} = 'withdrawn') = (${table.withdrawnAt} is not null and ${table.withdrawnReason} is not null)`,
    ),
  ],
);

/**
 * One version of an agreement's terms. Version 1 is the original; each later one is a variation,
 * copied from the one before. Locked (lockedAt set) once every party has signed it, and never
 * changed after that.
 */
export const agreementVersions = pgTable(
  'agreement_versions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    agreementId: integer()
      .notNull()
      .references(() => agreements.id),
    number: integer().notNull(),
    /** Why the agreement is being varied; null for version 1. */
    variationReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdByUserId: integer().references(() => users.id),
    lockedAt: timestamp({ withTimezone: true }),
    /**
     * The alliance's standard terms when the version was made, so a later change to them does not
     * change what was signed. Null for versions made before they were kept: those print today's.
     */
    standardTerms: jsonb().$type<StandardTerms>(),
  },
  (table) => [
    uniqueIndex('agreement_versions_number').on(table.agreementId, table.number),
    check('agreement_versions_number_positive', sql`${table.number} >= 1`),
    check('agreement_versions_variation_reason', sql`(${table.number} = 1) = (${table.variationReason} is null)`),
  ],
);

/** The funding columns an SLE deployment and an LLE placement share: a fee, an exchange of services, or none. */
const fundingColumns = () => ({
  /** Null only on placement terms saved before placements recorded their funding. */
  fundingType: text({ enum: FUNDING_TYPES }),
  /** What the alliance charges the supported school and passes to the home school. */
  feePence: integer(),
  exchangeDescription: text(),
  /** The exchanged services' value, in half days. */
  exchangeHalfDays: integer(),
});

/** Only the columns the funding type uses are filled: a fee above 0, or an exchange described and valued. */
function fundingRule(table: {
  fundingType: AnyPgColumn;
  feePence: AnyPgColumn;
  exchangeDescription: AnyPgColumn;
  exchangeHalfDays: AnyPgColumn;
}) {
  return sql`case ${table.fundingType}
        when 'fee' then ${table.feePence} > 0 and ${table.exchangeDescription} is null and ${table.exchangeHalfDays} is null
        when 'exchange' then ${table.feePence} is null and ${table.exchangeDescription} is not null and ${table.exchangeHalfDays} > 0
        else ${table.feePence} is null and ${table.exchangeDescription} is null and ${table.exchangeHalfDays} is null end`;
}

/** An SLE deployment's terms in one version. The row exists once the terms are complete. */
export const deploymentTerms = pgTable(
  'deployment_terms',
  {
    versionId: integer()
      .primaryKey()
      .references(() => agreementVersions.id, { onDelete: 'cascade' }),
    focusSpecialismId: integer()
      .notNull()
      .references(() => specialisms.id),
    halfDays: integer().notNull(),
    visitPattern: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
    ...fundingColumns(),
    fundingType: text({ enum: FUNDING_TYPES }).notNull(),
  },
  (table) => [
    // The release ledger counts each deployment in the academic year its start date falls in.
    index('deployment_terms_start_date').on(table.startDate),
    check('deployment_terms_half_days', sql`${table.halfDays} > 0`),
    check('deployment_terms_dates', sql`${table.endDate} > ${table.startDate}`),
    check('deployment_terms_funding', fundingRule(table)),
  ],
);

/** An LLE placement's terms in one version. The row exists once the terms are complete. */
export const placementTerms = pgTable(
  'placement_terms',
  {
    versionId: integer()
      .primaryKey()
      .references(() => agreementVersions.id, { onDelete: 'cascade' }),
    commissioningBody: text({ enum: COMMISSIONING_BODIES }).notNull(),
    commissioningBodyName: text().notNull(),
    supportedHeadName: text().notNull(),
    priorityReasons: text({ enum: PRIORITY_REASONS }).array().notNull(),
    focus: text().notNull(),
    /** Half days a week: 1 (half a day) to 2 (a day) unless a reason is recorded. */
    intensityHalfDaysPerWeek: integer().notNull(),
    intensityReason: text(),
    startDate: date({ mode: 'string' }).notNull(),
    /** The agreed end point: 6 months to 3 years after the start unless a reason is recorded. */
    endDate: date({ mode: 'string' }).notNull(),
    endPointReason: text(),
    ...fundingColumns(),
  },
  (table) => [
    check('placement_terms_funding', fundingRule(table)),
    check('placement_terms_priorities', sql`cardinality(${table.priorityReasons}) >= 1`),
    check('placement_terms_dates', sql`${table.endDate} > ${table.startDate}`),
    check('placement_terms_intensity', sql`${table.intensityHalfDaysPerWeek} between 1 and 10`),
    check(
      'placement_terms_intensity_reason',
      sql`${table.intensityHalfDaysPerWeek} <= 2 or ${table.intensityReason} is not null`,
    ),
    // PostgreSQL adds months as the calendar module does: 31 August + 6 months is 28 or 29 February.
    check(
      'placement_terms_end_point_reason',
      sql`(${table.endDate} >= ${table.startDate} + interval '6 months' and ${table.endDate} <= ${table.startDate} + interval '3 years') or ${table.endPointReason} is not null`,
    ),
  ],
);

/** What the support should achieve, from where, and how the parties will know. */
export const agreementObjectives = pgTable(
  'agreement_objectives',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer()
      .notNull()
      .references(() => agreementVersions.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    objective: text().notNull(),
    baseline: text().notNull(),
    successMeasure: text().notNull(),
    /** Recorded at the reviews, later; not part of what the parties sign. */
    outcome: text(),
  },
  (table) => [index('agreement_objectives_version').on(table.versionId, table.position)],
);

/** Other staff paired in an LLE placement: one of the LLE school's with one of the supported school's. */
export const placementPairings = pgTable(
  'placement_pairings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer()
      .notNull()
      .references(() => agreementVersions.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    leaderSchoolRole: text().notNull(),
    leaderSchoolName: text(),
    supportedSchoolRole: text().notNull(),
    supportedSchoolName: text(),
    specialismId: integer()
      .notNull()
      .references(() => specialisms.id),
    halfDays: integer().notNull(),
  },
  (table) => [
    index('placement_pairings_version').on(table.versionId, table.position),
    check('placement_pairings_half_days', sql`${table.halfDays} > 0`),
  ],
);

/** A party's signature on one version: who signed, in what capacity, and how. One per party and version. */
export const agreementSignatures = pgTable(
  'agreement_signatures',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer()
      .notNull()
      .references(() => agreementVersions.id, { onDelete: 'cascade' }),
    party: text({ enum: PARTIES }).notNull(),
    signatoryName: text().notNull(),
    signatoryRole: text().notNull(),
    capacity: text({ enum: SIGNING_CAPACITIES }).notNull(),
    /** For a delegate: the head who named them. */
    headName: text(),
    method: text({ enum: SIGNING_METHODS }).notNull(),
    /** The account that signed (in the service) or that recorded a signature made in front of it (witnessed). */
    userId: integer()
      .notNull()
      .references(() => users.id),
    signedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('agreement_signatures_party').on(table.versionId, table.party),
    index('agreement_signatures_user').on(table.userId),
    check('agreement_signatures_delegate', sql`(${table.capacity} = 'delegate') = (${table.headName} is not null)`),
    check('agreement_signatures_alliance', sql`(${table.party} = 'alliance') = (${table.capacity} = 'alliance')`),
    check('agreement_signatures_witnessed', sql`${table.method} = 'in-service' or ${table.party} <> 'alliance'`),
  ],
);
