import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../../platform/identity/identity.tables.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';
import { ENQUIRY_STATUSES, OPEN_STATUSES } from './enquiry-status.ts';
import { FIRST_CONTACT_METHODS, PRIORITY_REASONS, SUPPORT_TYPES } from './enquiries.model.ts';

const quoted = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(', '));

/** A school's request for support, and the clock the alliance answers it against. */
export const enquiries = pgTable(
  'enquiries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    reference: text().notNull().unique(),
    schoolUrn: integer()
      .notNull()
      .references(() => schools.urn),
    contactName: text().notNull(),
    contactRole: text().notNull(),
    contactEmail: text().notNull(),
    contactPhone: text().notNull(),
    supportType: text({ enum: SUPPORT_TYPES }).notNull(),
    need: text().notNull(),
    timescale: text().notNull(),
    heardFrom: text(),
    /** The leader the school asked for from the directory, if it did; the alliance still decides the match. */
    requestedLeaderId: integer().references(() => leaders.id),
    /** How it arrived: the service's own form or the JSON API (an alliance's website). */
    channel: text({ enum: ['form', 'api'] }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    /** The last working day on which the alliance should reply (Europe/London). */
    respondBy: date({ mode: 'string' }).notNull(),
    status: text({ enum: ENQUIRY_STATUSES }).notNull().default('new'),
    statusChangedAt: timestamp({ withTimezone: true }),
    /** The coordinator who looks after the enquiry; null while no one has taken it. */
    coordinatorUserId: integer().references(() => users.id),
    priorityReasons: text({ enum: PRIORITY_REASONS })
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** The first contact with the school: it stops the response clock. */
    firstContactAt: timestamp({ withTimezone: true }),
    firstContactMethod: text({ enum: FIRST_CONTACT_METHODS }),
    firstContactByUserId: integer().references(() => users.id),
    firstContactNotes: text(),
    /** When the first contact was recorded: a contact dated well before it needs `firstContactLateReason`. */
    firstContactRecordedAt: timestamp({ withTimezone: true }),
    /**
     * Why a first contact was recorded more than an hour after it happened. Without it a contact
     * recorded on 8 December dated 3 December could turn a late reply into "target met" unseen.
     */
    firstContactLateReason: text(),
    /**
     * Whether the first contact was by the end of the respond-by day (Europe/London). Kept, not worked
     * out again, so a closure date added later cannot change a target that was met or missed.
     */
    respondedOnTime: boolean(),
    /**
     * The one-time token the form carried (a hidden field), so the same form sent twice (a double
     * click, or Back and send again without JavaScript) finds the first enquiry instead of making another.
     */
    submissionToken: text().unique(),
    /** When the alliance lead was told the enquiry was overdue: once, never again. */
    escalatedAt: timestamp({ withTimezone: true }),
    /** When the contact's details and what they wrote were removed (retention or erasure); the row stays for the counts. */
    personalDataRemovedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('enquiries_alliance_respond_by').on(table.allianceId, table.respondBy),
    index('enquiries_school').on(table.schoolUrn, table.receivedAt),
    // The desk's queue: open enquiries by due date (its default), by status, by coordinator, or newest first.
    index('enquiries_open_due')
      .on(table.allianceId, table.respondBy, table.receivedAt)
      .where(sql`${table.status} in (${quoted(OPEN_STATUSES)})`),
    index('enquiries_alliance_status_due').on(table.allianceId, table.status, table.respondBy),
    index('enquiries_coordinator_due').on(table.coordinatorUserId, table.respondBy),
    index('enquiries_alliance_received').on(table.allianceId, table.receivedAt),
    // A subject-access request or an erasure finds a person's enquiries by their address.
    index('enquiries_contact_email').on(sql`lower(${table.contactEmail})`),
    check('enquiries_status', sql`${table.status} in (${quoted(ENQUIRY_STATUSES)})`),
    check('enquiries_priority_reasons', sql`${table.priorityReasons} <@ array[${quoted(PRIORITY_REASONS)}]::text[]`),
    check('enquiries_first_contact_method', sql`${table.firstContactMethod} in (${quoted(FIRST_CONTACT_METHODS)})`),
  ],
);

export const enquirySpecialisms = pgTable(
  'enquiry_specialisms',
  {
    enquiryId: integer()
      .notNull()
      .references(() => enquiries.id, { onDelete: 'cascade' }),
    specialismId: integer()
      .notNull()
      .references(() => specialisms.id),
  },
  (table) => [
    primaryKey({ columns: [table.enquiryId, table.specialismId] }),
    // The queue's "specialism" filter starts from the specialism.
    index('enquiry_specialisms_specialism').on(table.specialismId, table.enquiryId),
  ],
);

/**
 * Each status an enquiry has had: when, who moved it, from and to, and why. The school sees the
 * dates and statuses (never `note`); staff see the full audit trail. Rows are only ever inserted.
 */
export const enquiryEvents = pgTable(
  'enquiry_events',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    enquiryId: integer()
      .notNull()
      .references(() => enquiries.id),
    at: timestamp({ withTimezone: true }).notNull(),
    /** Null for the school's own submission or the service itself. */
    actorUserId: integer().references(() => users.id),
    /** Null for the first event, when the enquiry arrived. */
    fromStatus: text({ enum: ENQUIRY_STATUSES }),
    toStatus: text({ enum: ENQUIRY_STATUSES }).notNull(),
    note: text(),
  },
  (table) => [index('enquiry_events_enquiry').on(table.enquiryId, table.at)],
);

/** Staff's internal notes on an enquiry: never shown to the school. Rows are only ever inserted. */
export const enquiryNotes = pgTable(
  'enquiry_notes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    enquiryId: integer()
      .notNull()
      .references(() => enquiries.id),
    authorUserId: integer()
      .notNull()
      .references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull(),
    body: text().notNull(),
  },
  (table) => [index('enquiry_notes_enquiry').on(table.enquiryId, table.at)],
);
