import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import { designations, leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import type { LeaderChoice } from './agreements.model.ts';

/** A leader as the start page offers them: enough to tell two of the same name apart. */

/**
 * The alliance's leaders matching what a coordinator typed: an exact email address, or every word
 * found in the name. At most `limit`, by name.
 */
export async function searchLeaders(
  db: Executor,
  allianceId: number,
  text: string,
  limit: number,
): Promise<LeaderChoice[]> {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 6);
  if (words.length === 0) return [];
  // An address anywhere in the text: typed alone, or as the start page writes a leader, "Name (address)".
  const email = /[^\s()<>]+@[^\s()<>]+/.exec(text)?.[0];
  const byEmail = email ? sql`lower(${leaders.email}) = ${email.toLowerCase()}` : undefined;
  const byName = and(
    ...words.map((word) => ilike(leaders.name, `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`)),
  );
  return db
    .select({
      id: leaders.id,
      name: leaders.name,
      email: leaders.email,
      homeSchoolName: schools.name,
      types: sql<
        string[]
      >`coalesce((select array_agg(${designations.type} order by ${designations.type}) from ${designations} where ${designations.leaderId} = ${leaders.id}), '{}')`,
    })
    .from(leaders)
    .innerJoin(schools, eq(schools.urn, leaders.homeSchoolUrn))
    .where(and(eq(leaders.allianceId, allianceId), byEmail ?? byName))
    .orderBy(asc(leaders.name), asc(leaders.id))
    .limit(limit);
}

export async function findLeaderNameAndEmail(
  db: Executor,
  allianceId: number,
  id: number,
): Promise<{ id: number; name: string; email: string } | undefined> {
  const [row] = await db
    .select({ id: leaders.id, name: leaders.name, email: leaders.email })
    .from(leaders)
    .where(and(eq(leaders.allianceId, allianceId), eq(leaders.id, id)));
  return row;
}

/** The enquiry, if it is this alliance's. (The enquiry desk owns enquiries; agreements only point at them.) */
export async function findEnquiry(db: Executor, allianceId: number, where: { id: number } | { reference: string }) {
  const [row] = await db
    .select({ id: enquiries.id, reference: enquiries.reference, schoolUrn: enquiries.schoolUrn })
    .from(enquiries)
    .where(
      and(
        eq(enquiries.allianceId, allianceId),
        'id' in where
          ? eq(enquiries.id, where.id)
          : sql`upper(${enquiries.reference}) = ${where.reference.trim().toUpperCase()}`,
      ),
    );
  return row;
}
