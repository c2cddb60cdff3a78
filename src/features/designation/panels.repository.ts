import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { AppealOutcome, DecisionOutcome, Hearing } from './applications.model.ts';
import {
  appeals,
  applicationDecisions,
  panelApplications,
  panelDeclaredConflicts,
  panelMembers,
  panels,
  panelScores,
} from './panels.tables.ts';

export type PanelRow = typeof panels.$inferSelect;
export type MemberRow = typeof panelMembers.$inferSelect;
export type ScoreRow = typeof panelScores.$inferSelect;

export async function insertPanel(
  db: Executor,
  panel: { allianceId: number; meetsOn: string; hearing: Hearing; note: string },
): Promise<number> {
  const [row] = await db.insert(panels).values(panel).returning({ id: panels.id });
  return row!.id;
}

export async function findPanel(db: Executor, allianceId: number, id: number): Promise<PanelRow | undefined> {
  const [row] = await db
    .select()
    .from(panels)
    .where(and(eq(panels.allianceId, allianceId), eq(panels.id, id)));
  return row;
}

/** The alliance's panels, the latest meeting first; only those a member sits on when `memberUserId` is given. */
export async function listPanels(db: Executor, allianceId: number, memberUserId?: number): Promise<PanelRow[]> {
  const onPanel = memberUserId
    ? inArray(
        panels.id,
        db.select({ id: panelMembers.panelId }).from(panelMembers).where(eq(panelMembers.userId, memberUserId)),
      )
    : undefined;
  return db
    .select()
    .from(panels)
    .where(and(eq(panels.allianceId, allianceId), onPanel))
    .orderBy(desc(panels.meetsOn), desc(panels.id))
    .limit(200);
}

export async function listMembers(db: Executor, panelIds: number[]): Promise<MemberRow[]> {
  if (panelIds.length === 0) return [];
  return db.select().from(panelMembers).where(inArray(panelMembers.panelId, panelIds));
}

/** Adds a member; false when they already sit on the panel. */
export async function insertMember(db: Executor, member: MemberRow): Promise<boolean> {
  const rows = await db.insert(panelMembers).values(member).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function setChair(db: Executor, panelId: number, userId: number): Promise<void> {
  await db.update(panels).set({ chairUserId: userId }).where(eq(panels.id, panelId));
}

export async function listPanelApplicationIds(db: Executor, panelIds: number[]) {
  if (panelIds.length === 0) return [];
  return db.select().from(panelApplications).where(inArray(panelApplications.panelId, panelIds));
}

/** Puts an application to a panel; false when it is on the panel already. */
export async function insertPanelApplication(db: Executor, panelId: number, applicationId: number): Promise<boolean> {
  const rows = await db.insert(panelApplications).values({ panelId, applicationId }).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function listDeclaredConflicts(db: Executor, panelId: number, applicationId?: number) {
  return db
    .select()
    .from(panelDeclaredConflicts)
    .where(
      and(
        eq(panelDeclaredConflicts.panelId, panelId),
        applicationId === undefined ? undefined : eq(panelDeclaredConflicts.applicationId, applicationId),
      ),
    );
}

export async function insertDeclaredConflict(
  db: Executor,
  conflict: { panelId: number; userId: number; applicationId: number; reason: string; declaredAt: Date },
): Promise<boolean> {
  const rows = await db.insert(panelDeclaredConflicts).values(conflict).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function listScores(db: Executor, panelId: number, applicationId: number): Promise<ScoreRow[]> {
  return db
    .select()
    .from(panelScores)
    .where(and(eq(panelScores.panelId, panelId), eq(panelScores.applicationId, applicationId)));
}

/** A member's scores for one application, one per criterion: a second save replaces the first. */
export async function upsertScores(db: Executor, scores: ScoreRow[]): Promise<void> {
  if (scores.length === 0) return;
  await db
    .insert(panelScores)
    .values(scores)
    .onConflictDoUpdate({
      target: [panelScores.panelId, panelScores.applicationId, panelScores.userId, panelScores.criterionId],
      set: { score: sql`excluded.score`, notes: sql`excluded.notes`, scoredAt: sql`excluded.scored_at` },
    });
}

/** Records a panel's decision; undefined when the panel has decided this application already. */
export async function insertDecision(
  db: Executor,
  decision: {
    applicationId: number;
    panelId: number;
    outcome: DecisionOutcome;
    feedback: string;
    decidedOn: string;
    decidedByUserId: number;
    recordedAt: Date;
  },
): Promise<number | undefined> {
  const rows = await db
    .insert(applicationDecisions)
    .values(decision)
    .onConflictDoNothing()
    .returning({ id: applicationDecisions.id });
  return rows[0]?.id;
}

export async function findDecisionOfPanel(db: Executor, panelId: number, applicationId: number) {
  const [row] = await db
    .select()
    .from(applicationDecisions)
    .where(and(eq(applicationDecisions.panelId, panelId), eq(applicationDecisions.applicationId, applicationId)));
  return row;
}

/** Records an appeal against a decision; undefined when that decision has one already. */
export async function insertAppeal(
  db: Executor,
  appeal: { decisionId: number; lodgedOn: string; grounds: string },
): Promise<number | undefined> {
  const rows = await db.insert(appeals).values(appeal).onConflictDoNothing().returning({ id: appeals.id });
  return rows[0]?.id;
}

/** The appeals a panel hears, or (panelId null) those waiting for a panel, with the application each is about. */
export async function listAppealsHeardBy(db: Executor, allianceId: number, panelId: number | null) {
  return db
    .select({ appeal: appeals, decision: applicationDecisions })
    .from(appeals)
    .innerJoin(applicationDecisions, eq(applicationDecisions.id, appeals.decisionId))
    .innerJoin(panels, eq(panels.id, applicationDecisions.panelId))
    .where(
      and(
        eq(panels.allianceId, allianceId),
        panelId === null ? and(isNull(appeals.panelId), isNull(appeals.outcome)) : eq(appeals.panelId, panelId),
      ),
    )
    .orderBy(asc(appeals.lodgedOn), asc(appeals.id));
}

/** Gives an appeal waiting for a panel to one; false when another panel took it first. */
export async function assignAppeal(db: Executor, appealId: number, panelId: number): Promise<boolean> {
  const rows = await db
    .update(appeals)
    .set({ panelId })
    .where(and(eq(appeals.id, appealId), isNull(appeals.panelId)))
    .returning({ id: appeals.id });
  return rows.length > 0;
}

/** Records an appeal's outcome once; false when it had one already. */
export async function recordAppealOutcome(
  db: Executor,
  appealId: number,
  outcome: { outcome: AppealOutcome; outcomeNotes: string; decidedOn: string; recordedByUserId: number },
): Promise<boolean> {
  const rows = await db
    .update(appeals)
    .set(outcome)
    .where(and(eq(appeals.id, appealId), isNull(appeals.outcome)))
    .returning({ id: appeals.id });
  return rows.length > 0;
}
