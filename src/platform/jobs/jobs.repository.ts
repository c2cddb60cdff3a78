import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { jobRuns } from './jobs.tables.ts';

/**
 * Claims a run: inserts its row, or returns undefined when the run exists. Another instance's insert
 * of the same run waits on the unique index until this transaction ends, then finds it taken.
 */
export async function claimJobRun(
  tx: Executor,
  run: { job: string; allianceId: number; runKey: string; startedAt: Date },
): Promise<number | undefined> {
  const [row] = await tx.insert(jobRuns).values(run).onConflictDoNothing().returning({ id: jobRuns.id });
  return row?.id;
}

export async function finishJobRun(
  tx: Executor,
  id: number,
  finishedAt: Date,
  outcome: Record<string, number>,
): Promise<void> {
  await tx.update(jobRuns).set({ finishedAt, outcome }).where(eq(jobRuns.id, id));
}

export async function listJobRuns(db: Executor, job: string) {
  return db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(jobRuns.id);
}
