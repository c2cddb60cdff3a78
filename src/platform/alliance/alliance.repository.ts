import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { alliances, closureDates } from './alliance.tables.ts';

export type AllianceRow = typeof alliances.$inferSelect;
export type NewAlliance = typeof alliances.$inferInsert;

export async function findAllianceBySlug(db: Executor, slug: string): Promise<AllianceRow | undefined> {
  const [row] = await db.select().from(alliances).where(eq(alliances.slug, slug));
  return row;
}

export async function insertAlliance(db: Executor, alliance: NewAlliance): Promise<AllianceRow> {
  const [row] = await db.insert(alliances).values(alliance).returning();
  if (!row) throw new Error('Insert returned no alliance');
  return row;
}

export async function listClosureDates(
  db: Executor,
  allianceId: number,
): Promise<Array<{ date: string; description: string }>> {
  return db
    .select({ date: closureDates.date, description: closureDates.description })
    .from(closureDates)
    .where(eq(closureDates.allianceId, allianceId))
    .orderBy(asc(closureDates.date));
}

export async function addClosureDate(
  db: Executor,
  allianceId: number,
  date: string,
  description: string,
): Promise<void> {
  await db
    .insert(closureDates)
    .values({ allianceId, date, description })
    .onConflictDoUpdate({ target: [closureDates.allianceId, closureDates.date], set: { description } });
}

export type AllianceSettings = Pick<
  NewAlliance,
  | 'name'
  | 'addressLines'
  | 'telephone'
  | 'email'
  | 'website'
  | 'responseWorkingDays'
  | 'cutOffTime'
  | 'typicalSleDaysPerYear'
  | 'minimumDeploymentHalfDays'
  | 'quietWeeks'
  | 'escalateAfterWorkingDays'
>;

export async function updateAllianceSettings(
  db: Executor,
  allianceId: number,
  settings: AllianceSettings,
  updatedAt: Date,
): Promise<void> {
  await db
    .update(alliances)
    .set({ ...settings, updatedAt })
    .where(eq(alliances.id, allianceId));
}

/** Removes the closure date; false when there was none on that date. */
export async function removeClosureDate(db: Executor, allianceId: number, date: string): Promise<boolean> {
  const removed = await db
    .delete(closureDates)
    .where(and(eq(closureDates.allianceId, allianceId), eq(closureDates.date, date)))
    .returning({ date: closureDates.date });
  return removed.length > 0;
}
