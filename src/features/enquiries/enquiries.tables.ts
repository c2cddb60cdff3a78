import { date, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { alliances } from '../alliance/alliance.tables.ts';
import { leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';

export const SUPPORT_TYPES = ['sle', 'lle', 'unsure'] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];

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
    status: text().notNull().default('new'),
  },
  (table) => [
    index('enquiries_alliance_respond_by').on(table.allianceId, table.respondBy),
    index('enquiries_school').on(table.schoolUrn),
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
  (table) => [primaryKey({ columns: [table.enquiryId, table.specialismId] })],
);
