import { integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { alliances } from '../alliance/alliance.tables.ts';

/**
 * One row per run of a scheduled job, keyed by what makes the run unique (a daily job: the London
 * date). Instances race to insert the row inside the transaction that does the work, so exactly one
 * does it, and a run that fails rolls its row back for another instance (or a later check) to retry.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    job: text().notNull(),
    allianceId: integer()
      .notNull()
      .references(() => alliances.id),
    /** For a daily job, the London date it ran for: `2026-11-23`. */
    runKey: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
    /** What the run did, for people looking into it: `{ "emails": 3 }`. */
    outcome: jsonb().$type<Record<string, number>>(),
  },
  (table) => [uniqueIndex('job_runs_once').on(table.job, table.allianceId, table.runKey)],
);
