import { and, eq, ne, sql } from 'drizzle-orm';
import { alphabetical } from '../../db/alphabetical.ts';
import type { Executor } from '../../db/database.ts';
import { specialisms } from './specialisms.tables.ts';

export type SpecialismRow = typeof specialisms.$inferSelect;

export async function listSpecialisms(
  db: Executor,
  allianceId: number,
  options: { includeRetired: boolean },
): Promise<SpecialismRow[]> {
  const conditions = [eq(specialisms.allianceId, allianceId)];
  if (!options.includeRetired) conditions.push(eq(specialisms.retired, false));
  return db
    .select()
    .from(specialisms)
    .where(and(...conditions))
    .orderBy(alphabetical(specialisms.groupName), alphabetical(specialisms.name));
}

/** Adds specialisms the alliance does not have yet (by name, ignoring case); leaves the rest alone. */
export async function addMissingSpecialisms(
  db: Executor,
  allianceId: number,
  entries: Array<{ name: string; groupName: string }>,
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insert(specialisms)
    .values(entries.map((entry) => ({ ...entry, allianceId })))
    .onConflictDoNothing();
}

export async function findSpecialism(db: Executor, allianceId: number, id: number): Promise<SpecialismRow | undefined> {
  const [row] = await db
    .select()
    .from(specialisms)
    .where(and(eq(specialisms.allianceId, allianceId), eq(specialisms.id, id)));
  return row;
}

/** Another of the alliance's specialisms with this name, ignoring case (names are unique that way). */
export async function findSpecialismNamed(
  db: Executor,
  allianceId: number,
  name: string,
  exceptId?: number,
): Promise<SpecialismRow | undefined> {
  const conditions = [eq(specialisms.allianceId, allianceId), sql`lower(${specialisms.name}) = lower(${name})`];
  if (exceptId !== undefined) conditions.push(ne(specialisms.id, exceptId));
  const [row] = await db
    .select()
    .from(specialisms)
    .where(and(...conditions));
  return row;
}

/** Adds the specialism unless the name is taken; undefined on a clash. */
export async function insertSpecialism(
  db: Executor,
  specialism: { allianceId: number; name: string; groupName: string },
): Promise<SpecialismRow | undefined> {
  const [row] = await db.insert(specialisms).values(specialism).onConflictDoNothing().returning();
  return row;
}

export async function updateSpecialism(
  db: Executor,
  id: number,
  changes: Partial<Pick<SpecialismRow, 'name' | 'groupName' | 'retired'>>,
): Promise<void> {
  await db.update(specialisms).set(changes).where(eq(specialisms.id, id));
}
