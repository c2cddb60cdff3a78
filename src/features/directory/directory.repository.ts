import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { directoryEntries as entries, directoryVersions } from '../leaders/leaders.tables.ts';
import { type DesignationType, type Phase } from '../leaders/leaders.model.ts';
import { EARTH_RADIUS_MILES, type Point } from '../../platform/geography/distance.ts';

export type DirectoryFilters = {
  specialismIds: number[];
  types: DesignationType[];
  phases: Phase[];
  near?: Point;
  withinMiles?: number;
  /** A full-text query (tsquery syntax), already made safe. */
  textQuery?: string;
  sort: 'distance' | 'name';
  limit: number;
  offset: number;
};

export type DirectoryRow = {
  id: number;
  name: string;
  types: DesignationType[];
  specialismIds: number[];
  phases: Phase[];
  homeSchool: { urn: number; name: string; town: string | null };
  distanceMiles: number | null;
  total: number;
};

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * The squared chord between each leader's home school and `point`, both on the unit sphere: it
 * orders by distance exactly as miles over the surface do, and costs arithmetic alone per row.
 */
function squaredChordTo(point: Point): SQL<number> {
  const x = Math.cos(radians(point.latitude)) * Math.cos(radians(point.longitude));
  const y = Math.cos(radians(point.latitude)) * Math.sin(radians(point.longitude));
  const z = Math.sin(radians(point.latitude));
  return sql<number>`(power(${entries.unitX} - ${x}::float8, 2) + power(${entries.unitY} - ${y}::float8, 2) + power(${entries.unitZ} - ${z}::float8, 2))`;
}

/** Miles over the earth's surface from a squared chord on the unit sphere. */
export function milesFromSquaredChord(squaredChord: number): number {
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(squaredChord) / 2));
}

/** The largest squared chord within `miles` of a point. */
function squaredChordWithin(miles: number): number {
  return (2 * Math.sin(miles / EARTH_RADIUS_MILES / 2)) ** 2;
}

const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
const integerArray = (values: readonly number[]) =>
  sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::integer[]`;

/**
 * One page of the directory (listed leaders with a designation in force), filtered and sorted, with
 * the total that match. Each facet is "any of" the values chosen; the facets combine with "and".
 */
export async function searchDirectory(
  db: Executor,
  allianceId: number,
  filters: DirectoryFilters,
): Promise<DirectoryRow[]> {
  const conditions: SQL[] = [eq(entries.allianceId, allianceId), eq(entries.listed, true)];
  if (filters.types.length > 0) conditions.push(sql`${entries.types} && ${textArray(filters.types)}`);
  if (filters.specialismIds.length > 0)
    conditions.push(sql`${entries.specialismIds} && ${integerArray(filters.specialismIds)}`);
  if (filters.phases.length > 0) conditions.push(sql`${entries.phases} && ${textArray(filters.phases)}`);
  if (filters.textQuery) conditions.push(sql`${entries.searchDocument} @@ to_tsquery('english', ${filters.textQuery})`);

  const chord = filters.near ? squaredChordTo(filters.near) : undefined;
  if (chord && filters.withinMiles !== undefined)
    conditions.push(sql`${chord} <= ${squaredChordWithin(filters.withinMiles)}::float8`);

  const order =
    chord && filters.sort === 'distance'
      ? [sql`${chord} asc nulls last`, asc(entries.name), asc(entries.leaderId)]
      : [asc(entries.name), asc(entries.leaderId)];
  const rows = await db
    .select({
      id: entries.leaderId,
      name: entries.name,
      types: entries.types,
      specialismIds: entries.specialismIds,
      phases: entries.phases,
      homeSchool: { urn: entries.homeSchoolUrn, name: entries.homeSchoolName, town: entries.homeSchoolTown },
      squaredChord: chord ? sql<number | null>`${chord}`.mapWith(Number) : sql<null>`null`,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(entries)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(filters.limit)
    .offset(filters.offset);
  return rows.map(({ squaredChord, ...row }) => ({
    ...row,
    distanceMiles: squaredChord === null || Number.isNaN(squaredChord) ? null : milesFromSquaredChord(squaredChord),
  }));
}

/** The directory's version (see directory_versions): a cached search made at another version is stale. */
export async function directoryVersion(db: Executor, allianceId: number): Promise<number> {
  const [row] = await db
    .select({ version: directoryVersions.version })
    .from(directoryVersions)
    .where(eq(directoryVersions.allianceId, allianceId));
  return row?.version ?? 0;
}
