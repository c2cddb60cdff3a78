import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ROLES } from '../access.ts';
import { alliances } from '../alliance/alliance.tables.ts';

/**
 * A person who can sign in. Not owned by one alliance: the same person may later hold roles in
 * several, so what they may do lives in user_roles, per alliance. What they are in the capabilities'
 * world (the school a school contact works for, a system leader's record) is kept by those
 * capabilities, in tables that point here (school_contacts, leader_accounts).
 */
export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** As typed by the person or administrator; compared without regard to case (the unique index below). */
    email: text().notNull(),
    name: text().notNull(),
    jobTitle: text().notNull(),
    /** An argon2id PHC string; null until the person accepts their invitation. */
    passwordHash: text(),
    deactivatedAt: timestamp({ withTimezone: true }),
    /** When the person was erased on request: name and address replaced, the row kept for the records that point here. */
    personalDataRemovedAt: timestamp({ withTimezone: true }),
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
    check(
      'user_roles_role',
      sql`${table.role} in ('administrator', 'coordinator', 'system-leader', 'school-contact', 'panel-member')`,
    ),
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
