import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import { ACCOUNT_TOKEN_PURPOSES } from './accounts.model.ts';

/** A school contact's school: whose enquiries and support they see, and for which they sign. */
export const schoolContacts = pgTable(
  'school_contacts',
  {
    userId: integer()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    schoolUrn: integer()
      .notNull()
      .references(() => schools.urn),
  },
  (table) => [index('school_contacts_school').on(table.schoolUrn)],
);

/** A single-use link sent by email (an invitation or a password reset); only its SHA-256 is stored. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text().notNull().unique(),
    purpose: text({ enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Set when the link is used, or when a newer link of the same purpose replaces it. */
    usedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index('account_tokens_user').on(table.userId, table.purpose)],
);

/**
 * Failed sign-ins counted per key: `email:<address>` for one account and `ip:<address>` for one
 * network address. Keyed by the address typed, not the user, so an unknown address is counted and
 * locked exactly as a real one is and the lock message says nothing about who has an account.
 */
export const signInThrottles = pgTable('sign_in_throttles', {
  key: text().primaryKey(),
  failures: integer().notNull(),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  lockedUntil: timestamp({ withTimezone: true }),
});

/**
 * Forgot-password requests waiting for the job that answers them (account-links.service.ts). The form
 * only adds a row, whatever the address, so its answer takes the same time for an address with an
 * account as for one without; the job looks the address up and queues the email. A row is deleted
 * when it is answered, so an address is kept only for the seconds until then.
 */
export const passwordResetRequests = pgTable('password_reset_requests', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  email: text().notNull(),
  requestedAt: timestamp({ withTimezone: true }).notNull(),
});
