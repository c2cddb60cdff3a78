import { and, asc, eq, ilike, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import { ACTIVE_DESIGNATION_STATUSES, designations, leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';

/** A leader as the start page offers them: enough to tell two of the same name apart. */
export type LeaderChoice = { id: number; name: string; email: string; homeSchoolName: string; types: string[] };

/**
 * The alliance's leaders matching what a coordinator typed: an exact email address, or every word
 * found in the name. At most `limit`, by name.
 */
export async function searchLeaders(db: Executor, allianceId: number, text: string, limit: number): Promise<LeaderChoice[]> {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 6);
  if (words.length === 0) return [];
  // An address anywhere in the text: typed alone, or as the start page writes a leader, "Name (address)".
  const email = /[^\s()<>]+@[^\s()<>]+/.exec(text)?.[0];
  const byEmail = email ? sql`lower(${leaders.email}) = ${email.toLowerCase()}` : undefined;
  const byName = and(...words.map((word) => ilike(leaders.name, `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`)));
  return db
    .select({
      id: leaders.id,
      name: leaders.name,
      email: leaders.email,
      homeSchoolName: schools.name,
      types: sql<string[]>`coalesce((select array_agg(${designations.type} order by ${designations.type}) from ${designations} where ${designations.leaderId} = ${leaders.id}), '{}')`,
    })
    .from(leaders)
    .innerJoin(schools, eq(schools.urn, leaders.homeSchoolUrn))
    .where(and(eq(leaders.allianceId, allianceId), byEmail ?? byName))
    .orderBy(asc(leaders.name), asc(leaders.id))
    .limit(limit);
}

export async function findLeaderNameAndEmail(db: Executor, allianceId: number, id: number): Promise<{ id: number; name: string; email: string } | undefined> {
  const [row] = await db
    .select({ id: leaders.id, name: leaders.name, email: leaders.email })
    .from(leaders)
    .where(and(eq(leaders.allianceId, allianceId), eq(leaders.id, id)));
  return row;
}

/** A leader as an agreement needs them: name, home school, and the designations they hold and have in force. */
export type LeaderSummary = {
  id: number;
  name: string;
  homeSchool: { urn: number; name: string; town: string | null; postcode: string | null };
  types: string[];
  activeTypes: string[];
};

/**
 * One query, so it can run in a caller's transaction (loadLeader runs three at once, which a
 * transaction's single connection would have to queue).
 */
export async function findLeaderSummary(db: Executor, allianceId: number, id: number): Promise<LeaderSummary | undefined> {
  const active = sql.join(ACTIVE_DESIGNATION_STATUSES.map((status) => sql`${status}`), sql`, `);
  const [row] = await db
    .select({
      id: leaders.id,
      name: leaders.name,
      homeSchool: { urn: schools.urn, name: schools.name, town: schools.town, postcode: schools.postcode },
      types: sql<string[]>`coalesce((select array_agg(${designations.type}) from ${designations} where ${designations.leaderId} = ${leaders.id}), '{}')`,
      activeTypes: sql<string[]>`coalesce((select array_agg(${designations.type}) from ${designations} where ${designations.leaderId} = ${leaders.id} and ${designations.status} in (${active})), '{}')`,
    })
    .from(leaders)
    .innerJoin(schools, eq(schools.urn, leaders.homeSchoolUrn))
    .where(and(eq(leaders.allianceId, allianceId), eq(leaders.id, id)));
  return row;
}

/** The enquiry, if it is this alliance's. (The enquiry desk owns enquiries; agreements only point at them.) */
export async function findEnquiry(db: Executor, allianceId: number, where: { id: number } | { reference: string }) {
  const [row] = await db
    .select({ id: enquiries.id, reference: enquiries.reference, schoolUrn: enquiries.schoolUrn })
    .from(enquiries)
    .where(and(eq(enquiries.allianceId, allianceId), 'id' in where ? eq(enquiries.id, where.id) : sql`upper(${enquiries.reference}) = ${where.reference.trim().toUpperCase()}`));
  return row;
}
