import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Requests counted per route and network address in a fixed window, shared by every instance of the
 * app: a limit held in each process's memory multiplies with the number of instances. The key names
 * the route and the address: `POST /api/enquiries|192.0.2.1`.
 */
export const rateLimitCounters = pgTable('rate_limit_counters', {
  key: text().primaryKey(),
  count: integer().notNull(),
  /** When the window ends: the next request after it starts a new count. */
  resetsAt: timestamp({ withTimezone: true }).notNull(),
});
