import { and, countDistinct, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { applicationDecisions, panelDeclaredConflicts, panelMembers, panels, panelScores } from './panels.tables.ts';

/** How many applications the member has scored on this panel, and how many decisions the panel has recorded. */
export async function countMemberPart(
  db: Executor,
  panelId: number,
  userId: number,
): Promise<{ scored: number; decisions: number }> {
  const [scored] = await db
    .select({ n: countDistinct(panelScores.applicationId) })
    .from(panelScores)
    .where(and(eq(panelScores.panelId, panelId), eq(panelScores.userId, userId)));
  const [decisions] = await db
    .select({ n: countDistinct(applicationDecisions.id) })
    .from(applicationDecisions)
    .where(eq(applicationDecisions.panelId, panelId));
  return { scored: Number(scored?.n ?? 0), decisions: Number(decisions?.n ?? 0) };
}

/**
 * Takes the member off the panel with the conflicts they declared on it (about applicants they no
 * longer assess), and the chair with them if they held it; false when they did not sit on it.
 */
export async function deleteMember(tx: Executor, panelId: number, userId: number): Promise<boolean> {
  await tx
    .delete(panelDeclaredConflicts)
    .where(and(eq(panelDeclaredConflicts.panelId, panelId), eq(panelDeclaredConflicts.userId, userId)));
  await tx
    .update(panels)
    .set({ chairUserId: null })
    .where(and(eq(panels.id, panelId), eq(panels.chairUserId, userId)));
  const removed = await tx
    .delete(panelMembers)
    .where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.userId, userId)))
    .returning();
  return removed.length > 0;
}
