import { and, asc, eq, gte, inArray, isNull, max, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { DesignationType } from '../leaders/leaders.model.ts';
import { applicationEvidence } from './applications.tables.ts';
import type { CriterionDetails, DesignationRules } from './designation.model.ts';
import { panelScores } from './panels.tables.ts';
import {
  designationCriteria,
  designationRules,
  recruitmentRounds,
  recruitmentRoundSpecialisms,
} from './designation.tables.ts';

const RULE_COLUMNS = {
  sleMinimumLeadershipYears: designationRules.sleMinimumLeadershipYears,
  lleMinimumHeadshipYears: designationRules.lleMinimumHeadshipYears,
  lleMinimumYearsStaying: designationRules.lleMinimumYearsStaying,
  evidenceWordLimit: designationRules.evidenceWordLimit,
  designationYears: designationRules.designationYears,
  appealDays: designationRules.appealDays,
  reminderDays: designationRules.reminderDays,
};

export async function findRules(db: Executor, allianceId: number): Promise<DesignationRules | undefined> {
  const [row] = await db.select(RULE_COLUMNS).from(designationRules).where(eq(designationRules.allianceId, allianceId));
  return row;
}

/** Makes the alliance's rules row with the defaults; false when another request made it first. */
export async function insertDefaultRules(db: Executor, allianceId: number): Promise<boolean> {
  const made = await db
    .insert(designationRules)
    .values({ allianceId })
    .onConflictDoNothing()
    .returning({ allianceId: designationRules.allianceId });
  return made.length > 0;
}

export async function updateRules(db: Executor, allianceId: number, rules: DesignationRules, at: Date): Promise<void> {
  await db
    .update(designationRules)
    .set({ ...rules, updatedAt: at })
    .where(eq(designationRules.allianceId, allianceId));
}

export async function listCriteria(db: Executor, allianceId: number) {
  return db
    .select()
    .from(designationCriteria)
    .where(eq(designationCriteria.allianceId, allianceId))
    .orderBy(asc(designationCriteria.designationType), asc(designationCriteria.position), asc(designationCriteria.id));
}

export async function findCriterion(db: Executor, allianceId: number, id: number) {
  const [row] = await db
    .select()
    .from(designationCriteria)
    .where(and(eq(designationCriteria.allianceId, allianceId), eq(designationCriteria.id, id)));
  return row;
}

/** Whether another criterion of the type has the title (ignoring case): titles name criteria on score sheets. */
export async function criterionTitleTaken(
  db: Executor,
  allianceId: number,
  type: DesignationType,
  title: string,
  exceptId?: number,
): Promise<boolean> {
  const [row] = await db
    .select({ id: designationCriteria.id })
    .from(designationCriteria)
    .where(
      and(
        eq(designationCriteria.allianceId, allianceId),
        eq(designationCriteria.designationType, type),
        sql`lower(${designationCriteria.title}) = lower(${title})`,
        exceptId === undefined ? undefined : sql`${designationCriteria.id} <> ${exceptId}`,
      ),
    );
  return row !== undefined;
}

/** Adds criteria after the type's last one, in the order given. */
export async function appendCriteria(
  db: Executor,
  allianceId: number,
  type: DesignationType,
  criteria: CriterionDetails[],
): Promise<number[]> {
  if (criteria.length === 0) return [];
  const [last] = await db
    .select({ position: max(designationCriteria.position) })
    .from(designationCriteria)
    .where(and(eq(designationCriteria.allianceId, allianceId), eq(designationCriteria.designationType, type)));
  const start = (last?.position ?? 0) + 1;
  const rows = await db
    .insert(designationCriteria)
    .values(
      criteria.map((criterion, index) => ({
        allianceId,
        designationType: type,
        position: start + index,
        ...criterion,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: designationCriteria.id });
  return rows.map((row) => row.id);
}

export async function updateCriterion(db: Executor, id: number, details: CriterionDetails): Promise<void> {
  await db.update(designationCriteria).set(details).where(eq(designationCriteria.id, id));
}

/** Whether an application has evidence, or a panel a score, against the criterion: then it is kept. */
export async function criterionAnswered(db: Executor, id: number): Promise<boolean> {
  const [evidence] = await db
    .select({ id: applicationEvidence.criterionId })
    .from(applicationEvidence)
    .where(eq(applicationEvidence.criterionId, id))
    .limit(1);
  if (evidence) return true;
  const [score] = await db
    .select({ id: panelScores.criterionId })
    .from(panelScores)
    .where(eq(panelScores.criterionId, id))
    .limit(1);
  return score !== undefined;
}

export async function deleteCriterion(db: Executor, id: number): Promise<void> {
  await db.delete(designationCriteria).where(eq(designationCriteria.id, id));
}

export type RoundRow = typeof recruitmentRounds.$inferSelect & { specialismIds: number[] };

async function withSpecialisms(db: Executor, rows: Array<typeof recruitmentRounds.$inferSelect>): Promise<RoundRow[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(recruitmentRoundSpecialisms)
    .where(
      inArray(
        recruitmentRoundSpecialisms.roundId,
        rows.map((row) => row.id),
      ),
    );
  return rows.map((row) => ({
    ...row,
    specialismIds: links.filter((link) => link.roundId === row.id).map((link) => link.specialismId),
  }));
}

/** Rounds that have not closed by `today`, the soonest opening first: what the public page lists. */
export async function listCurrentRounds(db: Executor, allianceId: number, today: string): Promise<RoundRow[]> {
  const rows = await db
    .select()
    .from(recruitmentRounds)
    .where(
      and(
        eq(recruitmentRounds.allianceId, allianceId),
        isNull(recruitmentRounds.closedAt),
        or(isNull(recruitmentRounds.closesOn), gte(recruitmentRounds.closesOn, today)),
      ),
    )
    .orderBy(asc(recruitmentRounds.opensOn), asc(recruitmentRounds.id));
  return withSpecialisms(db, rows);
}

/** Every round, the latest opening first: what administrators manage. Bounded: a few a year. */
export async function listRounds(db: Executor, allianceId: number, limit: number): Promise<RoundRow[]> {
  const rows = await db
    .select()
    .from(recruitmentRounds)
    .where(eq(recruitmentRounds.allianceId, allianceId))
    .orderBy(sql`${recruitmentRounds.opensOn} desc`, sql`${recruitmentRounds.id} desc`)
    .limit(limit);
  return withSpecialisms(db, rows);
}

export async function findRound(db: Executor, allianceId: number, id: number): Promise<RoundRow | undefined> {
  const rows = await db
    .select()
    .from(recruitmentRounds)
    .where(and(eq(recruitmentRounds.allianceId, allianceId), eq(recruitmentRounds.id, id)));
  return (await withSpecialisms(db, rows))[0];
}

export async function insertRound(
  db: Executor,
  round: {
    allianceId: number;
    designationType: DesignationType;
    opensOn: string;
    closesOn: string | null;
    note: string;
    specialismIds: number[];
  },
): Promise<number> {
  const { specialismIds, ...fields } = round;
  const [row] = await db.insert(recruitmentRounds).values(fields).returning({ id: recruitmentRounds.id });
  if (!row) throw new Error('The round was not saved');
  if (specialismIds.length > 0)
    await db
      .insert(recruitmentRoundSpecialisms)
      .values(specialismIds.map((specialismId) => ({ roundId: row.id, specialismId })));
  return row.id;
}

export async function closeRound(db: Executor, id: number, at: Date): Promise<void> {
  await db
    .update(recruitmentRounds)
    .set({ closedAt: at })
    .where(and(eq(recruitmentRounds.id, id), isNull(recruitmentRounds.closedAt)));
}
