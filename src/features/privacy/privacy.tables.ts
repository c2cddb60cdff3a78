import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { users } from '../../platform/identity/identity.tables.ts';

/**
 * How long the alliance keeps each kind of record, as its administrators set it. A missing row means
 * the defaults (privacy.model.ts), so a new alliance keeps the promises of the privacy notice at once.
 * Sessions, sign-in links and uploaded files are not here: they go when they expire or once used.
 */
export const retentionSettings = pgTable(
  'retention_settings',
  {
    allianceId: integer()
      .primaryKey()
      .references(() => alliances.id),
    /** Enquiries that led to no support: years after they were closed. */
    closedEnquiryYears: integer().notNull(),
    /** Agreements, their delivery, reviews and feedback (and the enquiry behind them): years after the end. */
    agreementYears: integer().notNull(),
    /** The bodies of sent emails in the outbox: days after sending. */
    outboxBodyDays: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedByUserId: integer().references(() => users.id),
  },
  (table) => [
    check('retention_closed_enquiry_years', sql`${table.closedEnquiryYears} between 1 and 10`),
    check('retention_agreement_years', sql`${table.agreementYears} between 1 and 15`),
    check('retention_outbox_body_days', sql`${table.outboxBodyDays} between 1 and 730`),
  ],
);

/**
 * One row per erasure an administrator made on a person's request: its id is the reference
 * (ERASURE-12) the audit trail and the reply to the person quote. It holds counts, never who it was.
 */
export const erasures = pgTable('erasures', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  allianceId: integer()
    .notNull()
    .references(() => alliances.id),
  erasedAt: timestamp({ withTimezone: true }).notNull(),
  erasedByUserId: integer()
    .notNull()
    .references(() => users.id),
  counts: jsonb().$type<Record<string, number>>().notNull(),
});
