import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { alliances, closureDates } from './alliance.tables.ts';
import type { StandardTerms } from './standard-terms.ts';

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

export type Closure = { date: string; lastDate: string | null; description: string };

export async function listClosureDates(db: Executor, allianceId: number): Promise<Closure[]> {
  return db
    .select({ date: closureDates.date, lastDate: closureDates.lastDate, description: closureDates.description })
    .from(closureDates)
    .where(eq(closureDates.allianceId, allianceId))
    .orderBy(asc(closureDates.date));
}

/** Adds a closure; false when one already starts on that day (the caller has checked for overlaps). */
export async function addClosureDate(db: Executor, allianceId: number, closure: Closure): Promise<boolean> {
  const added = await db
    .insert(closureDates)
    .values({ allianceId, ...closure })
    .onConflictDoNothing()
    .returning({ date: closureDates.date });
  return added.length > 0;
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
  | 'apiAllowedOrigins'
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

export async function updateStandardTerms(
  db: Executor,
  allianceId: number,
  standardTerms: StandardTerms,
  updatedAt: Date,
): Promise<void> {
  await db.update(alliances).set({ standardTerms, updatedAt }).where(eq(alliances.id, allianceId));
}
