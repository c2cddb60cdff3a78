import { and, asc, desc, eq, ne, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { agreementVersions, agreements, deploymentTerms } from '../agreements/agreements.tables.ts';
import { designations, leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import { releaseConsents } from './release.tables.ts';

export type ReleaseConsentRow = typeof releaseConsents.$inferSelect;
export type ConsentFields = Pick<
  ReleaseConsentRow,
  'releasedHalfDays' | 'headName' | 'headConsentedOn' | 'chairName' | 'chairConsentedOn'
>;

/** A year as the dates a deployment's start must fall between to count in it. */
export type YearRange = { startYear: number; firstDay: string; lastDay: string };

/**
 * `column = any(array)` with the ids as one array parameter: a list of 10,000 leaders stays one
 * parameter (an IN list would be 10,000, near PostgreSQL's limit of 65,535 per statement).
 */
const oneOf = (column: AnyColumn, ids: number[]) => sql`${column} = any(${sql.param(ids)}::integer[])`;

/** Every leader of the alliance holding an SLE designation, in force or not (their history counts). */
export async function listSleLeaderIds(db: Executor, allianceId: number): Promise<number[]> {
  const rows = await db
    .select({ id: leaders.id })
    .from(leaders)
    .innerJoin(designations, and(eq(designations.leaderId, leaders.id), eq(designations.type, 'sle')))
    .where(eq(leaders.allianceId, allianceId));
  return rows.map((row) => row.id);
}

export async function releasedByLeader(db: Executor, allianceId: number, startYear: number, leaderIds?: number[]) {
  return db
    .select({ leaderId: releaseConsents.leaderId, releasedHalfDays: releaseConsents.releasedHalfDays })
    .from(releaseConsents)
    .where(
      and(
        eq(releaseConsents.allianceId, allianceId),
        eq(releaseConsents.startYear, startYear),
        leaderIds ? oneOf(releaseConsents.leaderId, leaderIds) : undefined,
      ),
    );
}

/** The deployments counted as commitments in a year: current versions, not withdrawn, starting in it. */
function committedIn(allianceId: number, year: YearRange) {
  return and(
    eq(agreements.allianceId, allianceId),
    eq(agreements.kind, 'sle-deployment'),
    ne(agreements.status, 'withdrawn'),
    sql`${deploymentTerms.startDate} between ${year.firstDay} and ${year.lastDay}`,
  );
}

/**
 * Half days each leader is committed to in deployments starting in the year: the days of each
 * deployment's current version (signed, or still being agreed), withdrawn ones left out. One grouped
 * query over the alliance's agreements, joined to the terms by the current version's key.
 */
export async function committedByLeader(db: Executor, allianceId: number, year: YearRange, leaderIds?: number[]) {
  return db
    .select({ leaderId: agreements.leaderId, halfDays: sql<number>`sum(${deploymentTerms.halfDays})::int` })
    .from(agreements)
    .innerJoin(deploymentTerms, eq(deploymentTerms.versionId, agreements.currentVersionId))
    .where(and(committedIn(allianceId, year), leaderIds ? oneOf(agreements.leaderId, leaderIds) : undefined))
    .groupBy(agreements.leaderId);
}

/**
 * The same release and commitments for every leader with either, as a table `positions(leader_id,
 * released_half_days, committed_half_days)` for a bigger query to join: matching ranks 10,000 leaders
 * in one statement instead of reading every position out and sending it back.
 */
export function releasePositionsTable(allianceId: number, year: YearRange): SQL {
  return sql`(select coalesce(released.leader_id, committed.leader_id) as leader_id, released.released_half_days,
      coalesce(committed.half_days, 0) as committed_half_days
    from (select ${releaseConsents.leaderId} as leader_id, ${releaseConsents.releasedHalfDays} as released_half_days from ${releaseConsents}
      where ${releaseConsents.allianceId} = ${allianceId} and ${releaseConsents.startYear} = ${year.startYear}) as released
    full join (select ${agreements.leaderId} as leader_id, sum(${deploymentTerms.halfDays})::int as half_days
      from ${agreements} join ${deploymentTerms} on ${deploymentTerms.versionId} = ${agreements.currentVersionId}
      where ${committedIn(allianceId, year)} group by ${agreements.leaderId}) as committed
    on committed.leader_id = released.leader_id) as positions`;
}

/** The deployments behind one leader's commitments in a year, by start date. */
export async function listCommittedDeployments(db: Executor, allianceId: number, leaderId: number, year: YearRange) {
  return db
    .select({
      agreementId: agreements.id,
      status: agreements.status,
      schoolName: schools.name,
      versionNumber: agreementVersions.number,
      halfDays: deploymentTerms.halfDays,
      startDate: deploymentTerms.startDate,
      endDate: deploymentTerms.endDate,
    })
    .from(agreements)
    .innerJoin(agreementVersions, eq(agreementVersions.id, agreements.currentVersionId))
    .innerJoin(deploymentTerms, eq(deploymentTerms.versionId, agreements.currentVersionId))
    .innerJoin(schools, eq(schools.urn, agreements.supportedSchoolUrn))
    .where(
      and(
        eq(agreements.allianceId, allianceId),
        eq(agreements.leaderId, leaderId),
        eq(agreements.kind, 'sle-deployment'),
        ne(agreements.status, 'withdrawn'),
        sql`${deploymentTerms.startDate} between ${year.firstDay} and ${year.lastDay}`,
      ),
    )
    .orderBy(asc(deploymentTerms.startDate), asc(agreements.id));
}

export async function findConsent(
  db: Executor,
  allianceId: number,
  leaderId: number,
  startYear: number,
): Promise<ReleaseConsentRow | undefined> {
  const [row] = await db
    .select()
    .from(releaseConsents)
    .where(
      and(
        eq(releaseConsents.allianceId, allianceId),
        eq(releaseConsents.leaderId, leaderId),
        eq(releaseConsents.startYear, startYear),
      ),
    );
  return row;
}

export async function saveConsent(db: Executor, row: typeof releaseConsents.$inferInsert): Promise<void> {
  const { allianceId: _alliance, leaderId: _leader, startYear: _year, ...changes } = row;
  await db
    .insert(releaseConsents)
    .values(row)
    .onConflictDoUpdate({ target: [releaseConsents.leaderId, releaseConsents.startYear], set: changes });
}

export type SleLeaderRow = { id: number; name: string; homeSchoolName: string };

/** The alliance's SLEs by name, a page at a time (`ids` narrows to some of them). */
export async function listSleLeaders(
  db: Executor,
  allianceId: number,
  page: { limit: number; offset: number; ids?: number[] },
): Promise<{ rows: SleLeaderRow[]; total: number }> {
  const where = and(eq(leaders.allianceId, allianceId), page.ids ? oneOf(leaders.id, page.ids) : undefined);
  const sle = and(eq(designations.leaderId, leaders.id), eq(designations.type, 'sle'));
  const rows = await db
    .select({ id: leaders.id, name: leaders.name, homeSchoolName: schools.name })
    .from(leaders)
    .innerJoin(designations, sle)
    .innerJoin(schools, eq(schools.urn, leaders.homeSchoolUrn))
    .where(where)
    .orderBy(asc(leaders.name), asc(leaders.id))
    .limit(page.limit)
    .offset(page.offset);
  const [counted] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(leaders)
    .innerJoin(designations, sle)
    .where(where);
  return { rows, total: counted?.total ?? 0 };
}

/** The academic years (by start year) a leader has consents or deployments in, newest first. */
export async function yearsWithRecords(db: Executor, allianceId: number, leaderId: number): Promise<number[]> {
  const consentYears = await db
    .select({ year: releaseConsents.startYear })
    .from(releaseConsents)
    .where(and(eq(releaseConsents.allianceId, allianceId), eq(releaseConsents.leaderId, leaderId)))
    .orderBy(desc(releaseConsents.startYear));
  const deploymentYears = await db
    .selectDistinct({
      year: sql<number>`(extract(year from ${deploymentTerms.startDate}) - case when extract(month from ${deploymentTerms.startDate}) < 9 then 1 else 0 end)::int`,
    })
    .from(agreements)
    .innerJoin(deploymentTerms, eq(deploymentTerms.versionId, agreements.currentVersionId))
    .where(
      and(eq(agreements.allianceId, allianceId), eq(agreements.leaderId, leaderId), ne(agreements.status, 'withdrawn')),
    );
  return [...new Set([...consentYears, ...deploymentYears].map((row) => row.year))].sort((a, b) => b - a);
}
