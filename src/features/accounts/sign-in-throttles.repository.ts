import { and, eq, lt, or, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { signInThrottles } from './accounts.tables.ts';

export type SignInThrottleRow = typeof signInThrottles.$inferSelect;

export async function findSignInThrottle(db: Executor, key: string): Promise<SignInThrottleRow | undefined> {
  const [row] = await db.select().from(signInThrottles).where(eq(signInThrottles.key, key));
  return row;
}

/**
 * Counts one failure against `key` in a single statement, so failures arriving together are all
 * counted. A failure after the window has passed starts a new count; the one that reaches
 * `maxFailures` locks the key until `lockUntil` and starts the count again.
 */
export async function recordSignInFailure(
  db: Executor,
  key: string,
  rule: { now: Date; windowStartedAfter: Date; maxFailures: number; lockUntil: Date },
): Promise<SignInThrottleRow> {
  // Instants as ISO text with a cast: raw SQL parameters bypass the columns' own mapping of Date.
  const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;
  const current = sql`case when ${signInThrottles.windowStartedAt} > ${at(rule.windowStartedAfter)} then ${signInThrottles.failures} + 1 else 1 end`;
  const [row] = await db
    .insert(signInThrottles)
    .values({ key, failures: 1, windowStartedAt: rule.now, lockedUntil: rule.maxFailures <= 1 ? rule.lockUntil : null })
    .onConflictDoUpdate({
      target: signInThrottles.key,
      set: {
        failures: sql`case when ${current} >= ${rule.maxFailures} then 0 else ${current} end`,
        windowStartedAt: sql`case when ${signInThrottles.windowStartedAt} > ${at(rule.windowStartedAfter)} then ${signInThrottles.windowStartedAt} else ${at(rule.now)} end`,
        lockedUntil: sql`case when ${current} >= ${rule.maxFailures} then ${at(rule.lockUntil)} else ${signInThrottles.lockedUntil} end`,
      },
    })
    .returning();
  if (!row) throw new Error('Upsert returned no throttle');
  return row;
}

/** Deletes counts whose window has passed and whose lock, if any, has ended: they no longer matter. */
export async function deleteStaleSignInThrottles(db: Executor, windowStartedBefore: Date, now: Date): Promise<void> {
  await db
    .delete(signInThrottles)
    .where(
      and(
        lt(signInThrottles.windowStartedAt, windowStartedBefore),
        or(isNull(signInThrottles.lockedUntil), lt(signInThrottles.lockedUntil, now)),
      ),
    );
}

export async function clearSignInThrottle(db: Executor, key: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, key));
}
