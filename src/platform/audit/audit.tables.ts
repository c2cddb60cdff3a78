import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { alliances } from '../alliance/alliance.tables.ts';
import { users } from '../identity/identity.tables.ts';

/**
 * Who changed what and when: one row per change, written in the same transaction as the change.
 * Rows are only ever inserted. `before` and `after` hold the changed fields only.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    /** Null when the public (a school's enquiry) or the service itself made the change. */
    actorUserId: integer().references(() => users.id),
    entityType: text().notNull(),
    /** Text, so an entity with a non-numeric key (a URN, a reference) fits as well as an id. */
    entityId: text().notNull(),
    action: text().notNull(),
    before: jsonb().$type<Record<string, unknown>>(),
    after: jsonb().$type<Record<string, unknown>>(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [
    index('audit_events_entity').on(table.allianceId, table.entityType, table.entityId, table.at),
    // A subject-access export lists what a person did.
    index('audit_events_actor').on(table.actorUserId),
  ],
);
