import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { specialisms } from './specialisms.tables.ts';

export type SpecialismRow = typeof specialisms.$inferSelect;

export async function listSpecialisms(db: Executor, allianceId: number, options: { includeRetired: boolean }): Promise<SpecialismRow[]> {
  const conditions = [eq(specialisms.allianceId, allianceId)];
  if (!options.includeRetired) conditions.push(eq(specialisms.retired, false));
  return db
    .select()
    .from(specialisms)
    .where(and(...conditions))
    .orderBy(asc(specialisms.groupName), asc(specialisms.name));
}

/** Adds specialisms the alliance does not have yet (by name, ignoring case); leaves the rest alone. */
export async function addMissingSpecialisms(db: Executor, allianceId: number, entries: Array<{ name: string; groupName: string }>): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insert(specialisms)
    .values(entries.map((entry) => ({ ...entry, allianceId })))
    .onConflictDoNothing();
}
