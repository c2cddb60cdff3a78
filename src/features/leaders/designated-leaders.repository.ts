import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { designations, leaders } from './leaders.tables.ts';
import type { DesignationType } from './leaders.model.ts';
import type { DesignationRow } from './leaders.repository.ts';

/**
 * A designation a panel made: designated from its start, with its review date and no core training
 * yet (training follows each designation, so a renewal by a new application asks for it again).
 * Replaces the leader's designation of the same type, if they hold one. Returns its id.
 */
export async function saveDesignationByPanel(
  db: Executor,
  leaderId: number,
  designation: { type: DesignationType; startDate: string; reviewDate: string },
): Promise<number> {
  const fields = {
    status: 'designated' as const,
    startDate: designation.startDate,
    reviewDate: designation.reviewDate,
    coreTrainingOn: null,
    coreTrainingProvider: null,
  };
  const [row] = await db
    .insert(designations)
    .values({ leaderId, type: designation.type, ...fields })
    .onConflictDoUpdate({ target: [designations.leaderId, designations.type], set: fields })
    .returning({ id: designations.id });
  return row!.id;
}

export async function findDesignationOf(
  db: Executor,
  leaderId: number,
  designationId: number,
): Promise<DesignationRow | undefined> {
  const [row] = await db
    .select()
    .from(designations)
    .where(and(eq(designations.leaderId, leaderId), eq(designations.id, designationId)));
  return row;
}

export async function updateCoreTraining(
  db: Executor,
  designationId: number,
  training: { on: string; provider: string },
): Promise<void> {
  await db
    .update(designations)
    .set({ coreTrainingOn: training.on, coreTrainingProvider: training.provider })
    .where(eq(designations.id, designationId));
}

/** Whether the leader is listed in the public directory, and since when they agreed (null when not). */
export async function updateListing(
  db: Executor,
  leaderId: number,
  listing: { listed: boolean; listedConsentOn: string | null },
  now: Date,
): Promise<void> {
  await db
    .update(leaders)
    .set({ ...listing, updatedAt: now })
    .where(eq(leaders.id, leaderId));
}
