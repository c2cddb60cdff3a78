import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { passwordResetRequests } from './accounts.tables.ts';

export async function insertPasswordResetRequest(db: Executor, email: string, requestedAt: Date): Promise<void> {
  await db.insert(passwordResetRequests).values({ email, requestedAt });
}

/**
 * Takes the oldest requests off the queue in the caller's transaction, skipping rows another
 * instance has taken: each request is answered once, and a batch that fails goes back on the queue
 * with its rollback.
 */
export async function takePasswordResetRequests(
  tx: Executor,
  limit: number,
): Promise<Array<{ email: string; requestedAt: Date }>> {
  const oldest = tx
    .select({ id: passwordResetRequests.id })
    .from(passwordResetRequests)
    .orderBy(passwordResetRequests.id)
    .limit(limit)
    .for('update', { skipLocked: true });
  return tx
    .delete(passwordResetRequests)
    .where(inArray(passwordResetRequests.id, oldest))
    .returning({ email: passwordResetRequests.email, requestedAt: passwordResetRequests.requestedAt });
}
