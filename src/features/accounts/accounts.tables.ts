import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ROLES } from '../../platform/access.ts';
import { alliances } from '../alliance/alliance.tables.ts';
import { leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';

/**
 * A person who can sign in. Not owned by one alliance: the same person may later hold roles in
 * several, so what they may do lives in user_roles, per alliance.
 */
export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** As typed by the person or administrator; compared without regard to case (the unique index below). */
    email: text().notNull(),
    name: text().notNull(),
    jobTitle: text().notNull(),
    /** For school contacts: the school whose enquiries and support they see. */
    schoolUrn: integer().references(() => schools.urn),
    /** The person's system leader record, if they are one. */
    leaderId: integer().references(() => leaders.id),
    /** An argon2id PHC string; null until the person accepts their invitation. */
    passwordHash: text(),
    deactivatedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_email_lower').on(sql`lower(${table.email})`)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    role: text({ enum: ROLES }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.allianceId, table.role] }),
    index('user_roles_alliance').on(table.allianceId, table.role),
    check('user_roles_role', sql`${table.role} in ('administrator', 'coordinator', 'system-leader', 'school-contact')`),
  ],
);

/**
 * A signed-in browser. The cookie carries a random token; only its SHA-256 is stored, so a copy of
 * this table cannot be used to sign in.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    tokenHash: text().notNull().unique(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    /** The absolute end, however active the person is. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_user').on(table.userId)],
);

export const ACCOUNT_TOKEN_PURPOSES = ['invitation', 'password-reset'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

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
