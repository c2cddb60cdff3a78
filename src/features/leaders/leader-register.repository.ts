import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { schools } from '../schools/schools.tables.ts';
import { designations, leaders } from './leaders.tables.ts';
import { ACTIVE_DESIGNATION_STATUSES, type DesignationStatus, type DesignationType } from './leaders.model.ts';

export type RegisterFilters = {
  /** Words, each found in the name, email or home school's name. */
  words: string[];
  types: DesignationType[];
  statuses: DesignationStatus[];
  listed?: boolean;
  /** Leaders with a designation in force whose review is before `today`, or from `today` to `soon`. */
  review?: { which: 'overdue' | 'due-soon'; today: string; soon: string };
  limit: number;
  offset: number;
};

export type RegisterRow = {
  id: number;
  name: string;
  email: string;
  listed: boolean;
  homeSchoolUrn: number;
  homeSchoolName: string;
  total: number;
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);
const inForce = () => inArray(designations.status, [...ACTIVE_DESIGNATION_STATUSES]);

/** A designation of this leader meeting every condition. */
function hasDesignation(...conditions: SQL[]): SQL {
  return sql`exists (select 1 from ${designations} where ${designations.leaderId} = ${leaders.id} and ${and(...conditions)})`;
}

function reviewCondition(review: NonNullable<RegisterFilters['review']>): SQL {
  return review.which === 'overdue'
    ? sql`${designations.reviewDate} < ${review.today}`
    : sql`${designations.reviewDate} >= ${review.today} and ${designations.reviewDate} <= ${review.soon}`;
}

/**
 * One page of the alliance's leaders, by name, with the total that match. Type and status apply to
 * the same designation: "SLE" and "lapsed" finds leaders whose SLE designation has lapsed.
 */
export async function searchRegister(
  db: Executor,
  allianceId: number,
  filters: RegisterFilters,
): Promise<RegisterRow[]> {
  const conditions: SQL[] = [eq(leaders.allianceId, allianceId)];
  for (const word of filters.words) {
    const pattern = `%${escapeLike(word)}%`;
    conditions.push(or(ilike(leaders.name, pattern), ilike(leaders.email, pattern), ilike(schools.name, pattern))!);
  }
  const designationConditions: SQL[] = [];
  if (filters.types.length > 0) designationConditions.push(inArray(designations.type, filters.types));
  if (filters.statuses.length > 0) designationConditions.push(inArray(designations.status, filters.statuses));
  if (designationConditions.length > 0) conditions.push(hasDesignation(...designationConditions));
  if (filters.listed !== undefined) conditions.push(eq(leaders.listed, filters.listed));
  if (filters.review) conditions.push(hasDesignation(inForce(), reviewCondition(filters.review)));
  return db
    .select({
      id: leaders.id,
      name: leaders.name,
      email: leaders.email,
      listed: leaders.listed,
      homeSchoolUrn: leaders.homeSchoolUrn,
      homeSchoolName: schools.name,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(leaders)
    .innerJoin(schools, eq(schools.urn, leaders.homeSchoolUrn))
    .where(and(...conditions))
    .orderBy(asc(leaders.name), asc(leaders.id))
    .limit(filters.limit)
    .offset(filters.offset);
}

/** How many leaders have a designation in force whose review is overdue, and how many one due by `soon`. */
export async function countReviews(
  db: Executor,
  allianceId: number,
  today: string,
  soon: string,
): Promise<{ overdue: number; dueSoon: number }> {
  const [row] = await db
    .select({
      overdue:
        sql<number>`count(distinct ${designations.leaderId}) filter (where ${reviewCondition({ which: 'overdue', today, soon })})`.mapWith(
          Number,
        ),
      dueSoon:
        sql<number>`count(distinct ${designations.leaderId}) filter (where ${reviewCondition({ which: 'due-soon', today, soon })})`.mapWith(
          Number,
        ),
    })
    .from(designations)
    .innerJoin(leaders, eq(leaders.id, designations.leaderId))
    .where(and(eq(leaders.allianceId, allianceId), inForce()));
  return { overdue: row?.overdue ?? 0, dueSoon: row?.dueSoon ?? 0 };
}
