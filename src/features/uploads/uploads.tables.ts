import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.tables.ts';

/**
 * One row per import running now (a roster, the register of schools): a second upload of the same kind
 * is refused while the row is held, by any instance of the service sharing the database. A row left
 * by a process that died is taken over once `expiresAt` has passed.
 */
export const importLocks = pgTable('import_locks', {
  /** What is being imported, and for whom: `schools` (one register for every alliance), `roster:<alliance id>`. */
  key: text().primaryKey(),
  /** A random value that only the holder knows, so only the holder releases it. */
  holder: text().notNull(),
  userId: integer().references(() => users.id, { onDelete: 'set null' }),
  acquiredAt: timestamp({ withTimezone: true }).notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});
