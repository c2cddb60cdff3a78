import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { designations, leaders } from './leaders.tables.ts';
import type { DesignationStatus } from './leaders.model.ts';
import type { DesignationRow } from './leaders.repository.ts';

/** The designation, if it is held by one of the alliance's leaders. */
export async function findAllianceDesignation(
  db: Executor,
  allianceId: number,
  designationId: number,
): Promise<DesignationRow | undefined> {
  const [row] = await db
    .select({ designation: designations })
    .from(designations)
    .innerJoin(leaders, eq(leaders.id, designations.leaderId))
    .where(and(eq(designations.id, designationId), eq(leaders.allianceId, allianceId)));
  return row?.designation;
}

/** Sets a designation's status, and its review date when given; false when it does not exist. */
export async function setDesignationState(
  db: Executor,
  designationId: number,
  state: { status: DesignationStatus; reviewDate?: string },
): Promise<boolean> {
  const updated = await db
    .update(designations)
    .set(state.reviewDate === undefined ? { status: state.status } : state)
    .where(eq(designations.id, designationId))
    .returning({ id: designations.id });
  return updated.length > 0;
}
