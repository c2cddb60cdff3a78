import { lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rateLimitCounters } from './rate-limits.tables.ts';

/**
 * Counts one request against `key` in a single statement, so requests arriving together at several
 * instances are all counted: a window that has ended starts again at 1.
 */
export async function countRequest(
  db: Executor,
  key: string,
  now: Date,
  windowMilliseconds: number,
): Promise<{ count: number; resetsAt: Date }> {
  // Instants as ISO text with a cast: raw SQL parameters bypass the columns' own mapping of Date.
  const at = sql`${now.toISOString()}::timestamptz`;
  const nextReset = new Date(now.getTime() + windowMilliseconds);
  const ended = sql`${rateLimitCounters.resetsAt} <= ${at}`;
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key, count: 1, resetsAt: nextReset })
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        count: sql`case when ${ended} then 1 else ${rateLimitCounters.count} + 1 end`,
        resetsAt: sql`case when ${ended} then ${nextReset.toISOString()}::timestamptz else ${rateLimitCounters.resetsAt} end`,
      },
    })
    .returning({ count: rateLimitCounters.count, resetsAt: rateLimitCounters.resetsAt });
  if (!row) throw new Error('Upsert returned no counter');
  return row;
}

/** Deletes counters whose window has ended: the next request would start them again anyway. */
export async function deleteEndedCounters(db: Executor, now: Date): Promise<number> {
  const deleted = await db
    .delete(rateLimitCounters)
    .where(lte(rateLimitCounters.resetsAt, now))
    .returning({ key: rateLimitCounters.key });
  return deleted.length;
}
