import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.tables.ts';

/**
 * Who is running an import of each kind now (a roster, the register of schools), for the message to
 * whoever is refused. The record only: the lock itself is a session lock (src/db/session-locks.ts),
 * which ends with its holder. A row left by a holder that died is overwritten by the next import.
 */
export const importLocks = pgTable('import_locks', {
  /** What is being imported, and for whom: `schools` (one register for every alliance), `roster:<alliance id>`. */
  key: text().primaryKey(),
  /** A random value that only the holder knows, so only the holder clears the record. */
  holder: text().notNull(),
  userId: integer().references(() => users.id, { onDelete: 'set null' }),
  acquiredAt: timestamp({ withTimezone: true }).notNull(),
});
