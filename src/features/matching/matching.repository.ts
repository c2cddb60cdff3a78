import { and, asc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { enquiries, enquirySpecialisms } from '../enquiries/enquiries.tables.ts';
import { designations, directoryEntries as entries } from '../leaders/leaders.tables.ts';
import { ACTIVE_DESIGNATION_STATUSES, type DesignationType, type Phase } from '../leaders/leaders.model.ts';
import { schools } from '../schools/schools.tables.ts';
import { EARTH_RADIUS_MILES, type Point } from '../../platform/geography/distance.ts';
import { matchingWeights } from './matching.tables.ts';
import type { Weights } from './matching.weights.ts';

export async function findWeights(db: Executor, allianceId: number): Promise<Weights | undefined> {
  const [row] = await db.select().from(matchingWeights).where(eq(matchingWeights.allianceId, allianceId));
  if (!row) return undefined;
  const { allianceId: _alliance, ...weights } = row;
  return weights;
}

export async function saveWeights(db: Executor, allianceId: number, weights: Weights): Promise<void> {
  await db
    .insert(matchingWeights)
    .values({ allianceId, ...weights })
    .onConflictDoUpdate({ target: matchingWeights.allianceId, set: weights });
}

/** What ranking asks of the database: the enquiry's needs, and the sources of capacity and history. */
export type RankingQuery = {
  allianceId: number;
  types: readonly DesignationType[];
  school: { urn: number; trustReference: string | null; point: Point | undefined; phases: readonly Phase[] };
  specialismIds: readonly number[];
  isPriority: boolean;
  today: string;
  /** The alliance's typical release a year, in half days: a leader with this much left scores fully on capacity. */
  typicalHalfDays: number;
  weights: Weights;
  /** Per leader: half days released this academic year (null when none recorded) and committed (see ReleasePositions). */
  positions: SQL;
  /** Per leader: agreements with this school. */
  supportGiven: ReadonlyMap<number, number>;
  limit: number;
  /** Rank only these leaders (to explain a proposal); otherwise every eligible leader. */
  onlyLeaderIds?: readonly number[];
};

export type RankedRow = {
  leaderId: number;
  name: string;
  listed: boolean;
  types: DesignationType[];
  specialismIds: number[];
  phases: Phase[];
  designatedSince: string;
  reviewDue: string | null;
  /** A designation in force has no core training recorded: "designated, training due". */
  trainingDue: boolean;
  homeSchool: { urn: number; name: string; town: string | null; trust: string | null };
  distanceMiles: number | null;
  releasedHalfDays: number | null;
  committedHalfDays: number;
  supportGiven: number;
  scores: { specialism: number; phase: number; distance: number; capacity: number; history: number; priority: number };
  /** The weighted share of the best possible score, from 0 to 1. */
  total: number;
};

const radians = (degrees: number) => (degrees * Math.PI) / 180;
const float = (value: number) => sql`${value}::float8`;

/**
 * Ranks, in SQL, every leader with a designation of the right type, so only the best few rows
 * leave the database (on PGlite, reading 10,000 rows out costs far more than scoring them inside).
 * Each reason scores 0 to 1; the order is total score, then name, then id. Leaders from the school
 * itself or its trust, and those whose designations for this support are all past their review date,
 * are not ranked (see listExcluded).
 */
export async function rankInDatabase(
  db: Executor,
  query: RankingQuery,
): Promise<{ rows: RankedRow[]; ranked: number }> {
  const { weights, school } = query;
  const requested = query.specialismIds;
  const specialism =
    requested.length === 0
      ? sql`1.0`
      : sql`((${sql.join(
          requested.map((id) => sql`(${entries.specialismIds} @> array[${id}::integer])::int`),
          sql` + `,
        )})::float8 / ${requested.length})`;
  const phase =
    school.phases.length === 0
      ? sql`0.5`
      : sql`(${entries.phases} && array[${sql.join(
          school.phases.map((p) => sql`${p}`),
          sql`, `,
        )}]::text[])::int::float8`;
  const point = school.point;
  const miles = point
    ? sql`(${float(2 * EARTH_RADIUS_MILES)} * asin(least(1, sqrt(
        power(${entries.unitX} - ${float(Math.cos(radians(point.latitude)) * Math.cos(radians(point.longitude)))}, 2)
        + power(${entries.unitY} - ${float(Math.cos(radians(point.latitude)) * Math.sin(radians(point.longitude)))}, 2)
        + power(${entries.unitZ} - ${float(Math.sin(radians(point.latitude)))}, 2)) / 2)))`
    : sql`null::float8`;
  const capacity = sql`case when positions.released_half_days is null or positions.released_half_days <= positions.committed_half_days then 0
    else least(1, (positions.released_half_days - positions.committed_half_days)::float8 / ${float(Math.max(1, query.typicalHalfDays))}) end`;
  const history = sql`(coalesce(given.agreements, 0) > 0)::int::float8`;
  const priority = query.isPriority
    ? sql`least(1, (${query.today}::date - ${entries.designatedSince}) / ${float(365.25 * 4)})`
    : sql`0.0`;

  // Each reason is worked out once per leader in the inner query; `offset 0` keeps PostgreSQL from
  // folding it into the outer one, which would copy (and so compute again) every expression it uses.
  const scored = db
    .select({
      leaderId: sql`${entries.leaderId}`.as('leader_id'),
      name: sql`${entries.name}`.as('name'),
      miles: sql`${miles}`.as('miles'),
      releasedHalfDays: sql`positions.released_half_days`.as('released_half_days'),
      committedHalfDays: sql`coalesce(positions.committed_half_days, 0)`.as('committed_half_days'),
      supportGiven: sql`coalesce(given.agreements, 0)`.as('support_given'),
      specialism: sql`${specialism}::float8`.as('specialism_score'),
      phase: sql`${phase}::float8`.as('phase_score'),
      capacity: sql`${capacity}::float8`.as('capacity_score'),
      history: sql`${history}`.as('history_score'),
      priority: sql`${priority}::float8`.as('priority_score'),
      // How many were ranked, counted in the same pass rather than by another scan.
      ranked: sql`count(*) over ()`.as('ranked'),
    })
    .from(entries)
    .leftJoin(query.positions, sql`positions.leader_id = ${entries.leaderId}`)
    .leftJoin(supportGivenTable(query.supportGiven), sql`given.leader_id = ${entries.leaderId}`)
    .where(
      and(
        eligible(query),
        notExcluded(query),
        sql`exists (${designationsCurrent(query)})`,
        query.onlyLeaderIds ? inArray(entries.leaderId, [...query.onlyLeaderIds]) : undefined,
      ),
    )
    .offset(0);
  const distance = sql`coalesce(greatest(0, 1 - scored.miles / ${float(weights.maxDistanceMiles)}), 0)`;
  const totalWeight = Object.values({ ...weights, maxDistanceMiles: 0 }).reduce((sum, weight) => sum + weight, 0) || 1;
  const total = sql`((${float(weights.specialism)} * scored.specialism_score + ${float(weights.phase)} * scored.phase_score + ${float(weights.distance)} * ${distance}
    + ${float(weights.capacity)} * scored.capacity_score + ${float(weights.history)} * scored.history_score + ${float(weights.priority)} * scored.priority_score) / ${float(totalWeight)})`;

  // Only the best few are joined back to the directory for what the page shows.
  const result = await db.execute(sql`
    select ${entries.leaderId} as leader_id, ${entries.name} as name, ${entries.listed} as listed, ${entries.types} as types,
      ${entries.specialismIds} as specialism_ids, ${entries.phases} as phases, ${entries.designatedSince}::text as designated_since,
      ${entries.reviewDue}::text as review_due, ${entries.trainingDue} as training_due, ${entries.homeSchoolUrn} as home_school_urn, ${entries.homeSchoolName} as home_school_name,
      ${entries.homeSchoolTown} as home_school_town, ${entries.homeSchoolTrust} as home_school_trust, top.*
    from (select scored.*, ${total} as total, ${distance} as distance_score from (${scored}) as scored
      order by total desc, scored.name, scored.leader_id limit ${query.limit}) as top
    join ${entries} on ${entries.leaderId} = top.leader_id
    order by top.total desc, top.name, top.leader_id`);
  // node-postgres and PGlite both answer with { rows }.
  const found = (result as unknown as { rows: RankedSqlRow[] }).rows;
  const rows = found.map((row) => ({
    leaderId: Number(row.leader_id),
    name: row.name,
    listed: row.listed,
    types: row.types,
    specialismIds: row.specialism_ids.map(Number),
    phases: row.phases,
    designatedSince: row.designated_since,
    reviewDue: row.review_due,
    trainingDue: row.training_due,
    homeSchool: {
      urn: Number(row.home_school_urn),
      name: row.home_school_name,
      town: row.home_school_town,
      trust: row.home_school_trust,
    },
    distanceMiles: row.miles === null ? null : Number(row.miles),
    releasedHalfDays: row.released_half_days === null ? null : Number(row.released_half_days),
    committedHalfDays: Number(row.committed_half_days),
    supportGiven: Number(row.support_given),
    scores: {
      specialism: Number(row.specialism_score),
      phase: Number(row.phase_score),
      distance: Number(row.distance_score),
      capacity: Number(row.capacity_score),
      history: Number(row.history_score),
      priority: Number(row.priority_score),
    },
    total: Number(row.total),
  }));
  return { rows, ranked: Number(found[0]?.ranked ?? 0) };
}

type RankedSqlRow = {
  leader_id: number;
  name: string;
  listed: boolean;
  types: DesignationType[];
  specialism_ids: number[];
  phases: Phase[];
  designated_since: string;
  review_due: string | null;
  training_due: boolean;
  home_school_urn: number;
  home_school_name: string;
  home_school_town: string | null;
  home_school_trust: string | null;
  miles: number | null;
  released_half_days: number | null;
  committed_half_days: number;
  support_given: number;
  specialism_score: number;
  phase_score: number;
  distance_score: number;
  capacity_score: number;
  history_score: number;
  priority_score: number;
  total: number;
  ranked: number | string;
};

/** Postgres array literal, passed as one text parameter so both drivers read it the same way. */
const arrayLiteral = (values: Array<number | null>) =>
  `{${values.map((value) => (value === null ? 'NULL' : String(value))).join(',')}}`;

/** Release positions stated directly, as the same table the release ledger gives (for tests and explanations). */
export function positionsTable(
  positions: ReadonlyMap<number, { releasedHalfDays: number | null; committedHalfDays: number }>,
): SQL {
  const ids = [...positions.keys()];
  const released = ids.map((id) => positions.get(id)!.releasedHalfDays);
  const committed = ids.map((id) => positions.get(id)!.committedHalfDays);
  return sql`(select * from unnest(${arrayLiteral(ids)}::integer[], ${arrayLiteral(released)}::integer[], ${arrayLiteral(committed)}::integer[])
    as positions(leader_id, released_half_days, committed_half_days)) as positions`;
}

function supportGivenTable(given: RankingQuery['supportGiven']): SQL {
  const ids = [...given.keys()];
  return sql`(select * from unnest(${arrayLiteral(ids)}::integer[], ${arrayLiteral(ids.map((id) => given.get(id)!))}::integer[])
    as given(leader_id, agreements)) as given`;
}

function eligible(query: Pick<RankingQuery, 'allianceId' | 'types'>): SQL {
  return and(
    eq(entries.allianceId, query.allianceId),
    sql`${entries.types} && array[${sql.join(
      query.types.map((type) => sql`${type}`),
      sql`, `,
    )}]::text[]`,
  )!;
}

/** Never proposed to their own school, nor (when known) within their own trust. */
function notExcluded(query: Pick<RankingQuery, 'school'>): SQL {
  const conditions = [ne(entries.homeSchoolUrn, query.school.urn)];
  if (query.school.trustReference)
    conditions.push(or(isNull(entries.homeSchoolTrust), ne(entries.homeSchoolTrust, query.school.trustReference))!);
  return and(...conditions)!;
}

/** Written out in full: Drizzle leaves a column unqualified in a select list, which would compare a column with itself. */
const sameLeader = sql.raw('"designations"."leader_id" = "directory_entries"."leader_id"');

/**
 * The wanted designations in force whose review date has not passed, or whose review is under way. A
 * designation is reviewed every 4 years; past that date, unreviewed, it has lapsed in all but name, so
 * it no longer ranks a leader (a leader three years past review would otherwise rank as if nothing were
 * wrong). Once its review is opened it stands until the review's outcome, which matching then follows.
 */
function designationsCurrent(query: Pick<RankingQuery, 'types' | 'today'>) {
  return sql`select 1 from ${designations} where ${sameLeader}
    and ${inArray(designations.type, [...query.types])} and ${inArray(designations.status, [...ACTIVE_DESIGNATION_STATUSES])}
    and (${designations.reviewDate} is null or ${designations.reviewDate} >= ${query.today}::date
      or ${designations.status} = 'under-review')`;
}

/**
 * The leaders who would otherwise be candidates but work at the school or in its trust, or whose
 * designations for this support are all past their review date (`lapsedReviewDue`: the latest such
 * date; null when it is the school or trust that excludes them).
 */
export async function listExcluded(
  db: Executor,
  query: Pick<RankingQuery, 'allianceId' | 'types' | 'school' | 'today'>,
) {
  const trust = query.school.trustReference;
  const ownSchoolOrTrust = trust
    ? or(eq(entries.homeSchoolUrn, query.school.urn), eq(entries.homeSchoolTrust, trust))!
    : eq(entries.homeSchoolUrn, query.school.urn);
  const lapsed = sql`not exists (${designationsCurrent(query)})`;
  const lapsedReviewDue = sql<string | null>`case when ${notExcluded(query)} then (
    select max(${designations.reviewDate})::text from ${designations} where ${sameLeader}
      and ${inArray(designations.type, [...query.types])} and ${inArray(designations.status, [...ACTIVE_DESIGNATION_STATUSES])}
  ) end`;
  return db
    .select({
      leaderId: entries.leaderId,
      name: entries.name,
      homeSchoolUrn: entries.homeSchoolUrn,
      homeSchoolName: entries.homeSchoolName,
      homeSchoolTrust: entries.homeSchoolTrust,
      lapsedReviewDue,
    })
    .from(entries)
    .where(and(eligible(query), or(ownSchoolOrTrust, lapsed)))
    .orderBy(asc(entries.name), asc(entries.leaderId));
}

/** An enquiry with what matching needs: its school (position, trust, phase) and the specialisms asked for. */
export async function findEnquiryToMatch(db: Executor, allianceId: number, enquiryId: number) {
  const [row] = await db
    .select({
      id: enquiries.id,
      reference: enquiries.reference,
      status: enquiries.status,
      priorityReasons: enquiries.priorityReasons,
      supportType: enquiries.supportType,
      need: enquiries.need,
      timescale: enquiries.timescale,
      contactName: enquiries.contactName,
      contactEmail: enquiries.contactEmail,
      requestedLeaderId: enquiries.requestedLeaderId,
      school: {
        urn: schools.urn,
        name: schools.name,
        town: schools.town,
        postcode: schools.postcode,
        phase: schools.phase,
        typeOfEstablishment: schools.typeOfEstablishment,
        trustReference: schools.trustReference,
        trustName: schools.trustName,
        latitude: schools.latitude,
        longitude: schools.longitude,
      },
      specialismIds: sql<
        number[]
      >`coalesce((select array_agg(${enquirySpecialisms.specialismId} order by ${enquirySpecialisms.specialismId}) from ${enquirySpecialisms} where ${enquirySpecialisms.enquiryId} = ${enquiries.id}), '{}')`,
    })
    .from(enquiries)
    .innerJoin(schools, eq(schools.urn, enquiries.schoolUrn))
    .where(and(eq(enquiries.allianceId, allianceId), eq(enquiries.id, enquiryId)));
  return row;
}
