import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { Term } from '../calendar/term-weeks.ts';
import { termDates } from './alliance.tables.ts';

export async function listTermDates(db: Executor, allianceId: number): Promise<Term[]> {
  return db
    .select({ firstDay: termDates.firstDay, lastDay: termDates.lastDay })
    .from(termDates)
    .where(eq(termDates.allianceId, allianceId))
    .orderBy(asc(termDates.firstDay));
}

/** Adds a term; false when one already starts on that day (the caller has checked for overlaps). */
export async function addTermDate(db: Executor, allianceId: number, term: Term): Promise<boolean> {
  const inserted = await db
    .insert(termDates)
    .values({ allianceId, ...term })
    .onConflictDoNothing()
    .returning({ firstDay: termDates.firstDay });
  return inserted.length > 0;
}

/** Removes the term starting on that day; false when there was none. */
export async function removeTermDate(db: Executor, allianceId: number, firstDay: string): Promise<boolean> {
  const removed = await db
    .delete(termDates)
    .where(and(eq(termDates.allianceId, allianceId), eq(termDates.firstDay, firstDay)))
    .returning({ firstDay: termDates.firstDay });
  return removed.length > 0;
}
