import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { leaders } from '../leaders/leaders.tables.ts';
import { applications } from './applications.tables.ts';

/**
 * A newly designated leader is asked, by an emailed single-use link, whether they agree to be listed
 * in the public directory. Until they answer yes they are designated but not listed.
 */
export const listingConsentRequests = pgTable(
  'listing_consent_requests',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    leaderId: integer()
      .notNull()
      .references(() => leaders.id, { onDelete: 'cascade' }),
    /** The application whose designation asked; null when a coordinator asked again. */
    applicationId: integer().references(() => applications.id),
    tokenHash: text().unique(),
    tokenExpiresAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }).notNull(),
    answeredAt: timestamp({ withTimezone: true }),
    consented: boolean(),
  },
  (table) => [index('listing_consent_requests_leader').on(table.leaderId)],
);
