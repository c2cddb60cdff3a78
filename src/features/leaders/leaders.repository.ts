import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alphabetical } from '../../db/alphabetical.ts';
import type { Executor } from '../../db/database.ts';
import { schools } from '../schools/schools.tables.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';
import { designations, directoryEntries, directoryVersions, leaderSpecialisms, leaders } from './leaders.tables.ts';
import {
  ACTIVE_DESIGNATION_STATUSES,
  type DesignationStatus,
  type DesignationType,
  type Phase,
} from './leaders.model.ts';

export type LeaderRow = typeof leaders.$inferSelect;
export type DesignationRow = typeof designations.$inferSelect;

export type LeaderFields = {
  name: string;
  email: string;
  jobTitle: string | null;
  homeSchoolUrn: number;
  profile: string;
  phases: Phase[];
  listed: boolean;
  listedConsentOn?: string | null;
};

export type DesignationFields = {
  type: DesignationType;
  status: DesignationStatus;
  startDate: string;
  reviewDate: string | null;
};

export async function findLeaderRow(db: Executor, allianceId: number, id: number): Promise<LeaderRow | undefined> {
  const [row] = await db
    .select()
    .from(leaders)
    .where(and(eq(leaders.allianceId, allianceId), eq(leaders.id, id)));
  return row;
}

export async function findLeaderRows(db: Executor, allianceId: number, ids: number[]): Promise<LeaderRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(leaders)
    .where(and(eq(leaders.allianceId, allianceId), inArray(leaders.id, ids)))
    .orderBy(asc(leaders.name), asc(leaders.id));
}

export async function findLeaderRowByEmail(
  db: Executor,
  allianceId: number,
  email: string,
): Promise<LeaderRow | undefined> {
  const [row] = await db
    .select()
    .from(leaders)
    .where(and(eq(leaders.allianceId, allianceId), sql`lower(${leaders.email}) = ${email.toLowerCase()}`));
  return row;
}

export async function insertLeader(db: Executor, allianceId: number, fields: LeaderFields, now: Date): Promise<number> {
  const [row] = await db
    .insert(leaders)
    .values({ allianceId, ...fields, createdAt: now, updatedAt: now })
    .returning({ id: leaders.id });
  return row!.id;
}

export async function updateLeader(db: Executor, id: number, fields: LeaderFields, now: Date): Promise<void> {
  await db
    .update(leaders)
    .set({ ...fields, updatedAt: now })
    .where(eq(leaders.id, id));
}

export async function replaceLeaderSpecialisms(db: Executor, leaderId: number, specialismIds: number[]): Promise<void> {
  await db.delete(leaderSpecialisms).where(eq(leaderSpecialisms.leaderId, leaderId));
  if (specialismIds.length > 0)
    await db.insert(leaderSpecialisms).values(specialismIds.map((specialismId) => ({ leaderId, specialismId })));
}

/** Adds the designation, or updates the leader's existing one of the same type. */
export async function upsertDesignation(db: Executor, leaderId: number, designation: DesignationFields): Promise<void> {
  await db
    .insert(designations)
    .values({ leaderId, ...designation })
    .onConflictDoUpdate({
      target: [designations.leaderId, designations.type],
      set: { status: designation.status, startDate: designation.startDate, reviewDate: designation.reviewDate },
    });
}

/**
 * Rewrites the directory entries (see leaders.tables.ts) of these leaders from their details,
 * designations, specialisms and home school: an entry for each with a designation in force, none
 * for the rest. Every write that changes any of those calls this.
 */
export async function refreshDirectoryEntries(db: Executor, leaderIds: number[]): Promise<void> {
  if (leaderIds.length === 0) return;
  await rewriteDirectoryEntries(db, inArray(leaders.id, leaderIds));
}

/** After a specialism is renamed: the leaders holding it are found by its new name. */
export async function refreshDirectoryEntriesHolding(db: Executor, specialismId: number): Promise<void> {
  const holders = db
    .select({ id: leaderSpecialisms.leaderId })
    .from(leaderSpecialisms)
    .where(eq(leaderSpecialisms.specialismId, specialismId));
  await rewriteDirectoryEntries(db, inArray(leaders.id, holders));
}

async function rewriteDirectoryEntries(db: Executor, which: SQL): Promise<void> {
  const chosen = db.select({ id: leaders.id }).from(leaders).where(which);
  await db
    .insert(directoryVersions)
    .select(
      db
        .selectDistinct({ allianceId: leaders.allianceId, version: sql`1`.as('version') })
        .from(leaders)
        .where(which),
    )
    .onConflictDoUpdate({
      target: directoryVersions.allianceId,
      set: { version: sql`${directoryVersions.version} + 1` },
    });
  await db.delete(directoryEntries).where(inArray(directoryEntries.leaderId, chosen));
  const active = sql.join(
    ACTIVE_DESIGNATION_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  );
  const inForce = sql`${designations.leaderId} = ${leaders.id} and ${designations.status} in (${active})`;
  const types = sql`(select array_agg(distinct ${designations.type} order by ${designations.type}) from ${designations} where ${inForce})`;
  const specialismNames = sql`(
    select string_agg(${specialisms.name}, ' ') from ${leaderSpecialisms}
    join ${specialisms} on ${specialisms.id} = ${leaderSpecialisms.specialismId}
    where ${leaderSpecialisms.leaderId} = ${leaders.id}
  )`;
  await db.insert(directoryEntries).select(
    db
      .select({
        leaderId: leaders.id,
        allianceId: leaders.allianceId,
        name: leaders.name,
        listed: leaders.listed,
        types: sql`${types}`.as('types'),
        designatedSince: sql`(select min(${designations.startDate}) from ${designations} where ${inForce})`.as(
          'designated_since',
        ),
        reviewDue: sql`(select min(${designations.reviewDate}) from ${designations} where ${inForce})`.as('review_due'),
        trainingDue:
          sql`exists (select 1 from ${designations} where ${inForce} and ${designations.coreTrainingOn} is null)`.as(
            'training_due',
          ),
        specialismIds: sql`coalesce((
          select array_agg(${leaderSpecialisms.specialismId} order by ${leaderSpecialisms.specialismId}) from ${leaderSpecialisms}
          where ${leaderSpecialisms.leaderId} = ${leaders.id}
        ), '{}')`.as('specialism_ids'),
        phases: leaders.phases,
        homeSchoolUrn: schools.urn,
        homeSchoolName: schools.name,
        homeSchoolTown: schools.town,
        homeSchoolTrust: schools.trustReference,
        unitX: sql`cos(radians(${schools.latitude})) * cos(radians(${schools.longitude}))`.as('unit_x'),
        unitY: sql`cos(radians(${schools.latitude})) * sin(radians(${schools.longitude}))`.as('unit_y'),
        unitZ: sql`sin(radians(${schools.latitude}))`.as('unit_z'),
        searchDocument: sql`
          setweight(to_tsvector('english', ${leaders.name}), 'A') ||
          setweight(to_tsvector('english', coalesce(${specialismNames}, '')), 'B') ||
          setweight(to_tsvector('english', ${leaders.profile}), 'C')`.as('search_document'),
      })
      .from(leaders)
      .innerJoin(schools, eq(schools.urn, leaders.homeSchoolUrn))
      .where(and(which, sql`${types} is not null`)),
  );
}

export async function listDesignations(db: Executor, leaderIds: number[]): Promise<DesignationRow[]> {
  if (leaderIds.length === 0) return [];
  return db
    .select()
    .from(designations)
    .where(inArray(designations.leaderId, leaderIds))
    .orderBy(asc(designations.type));
}

export async function listLeaderSpecialisms(db: Executor, leaderIds: number[]) {
  if (leaderIds.length === 0) return [];
  return db
    .select({
      leaderId: leaderSpecialisms.leaderId,
      id: specialisms.id,
      name: specialisms.name,
      groupName: specialisms.groupName,
      retired: specialisms.retired,
    })
    .from(leaderSpecialisms)
    .innerJoin(specialisms, eq(specialisms.id, leaderSpecialisms.specialismId))
    .where(inArray(leaderSpecialisms.leaderId, leaderIds))
    .orderBy(alphabetical(specialisms.name));
}

export async function listHomeSchools(db: Executor, urns: number[]) {
  if (urns.length === 0) return [];
  return db
    .select({
      urn: schools.urn,
      name: schools.name,
      town: schools.town,
      postcode: schools.postcode,
      phase: schools.phase,
      localAuthorityName: schools.localAuthorityName,
      trustReference: schools.trustReference,
      latitude: schools.latitude,
      longitude: schools.longitude,
    })
    .from(schools)
    .where(inArray(schools.urn, urns));
}

export async function countLeaders(db: Executor, allianceId: number): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(leaders)
    .where(eq(leaders.allianceId, allianceId));
  return row?.count ?? 0;
}

/**
 * Inserts many leaders at once, for national-scale data sets: their details, specialisms and
 * designations in three statements, then one rewrite of their search documents.
 */
export async function bulkInsertLeaders(
  db: Executor,
  allianceId: number,
  entries: Array<{ fields: LeaderFields; specialismIds: number[]; designations: DesignationFields[] }>,
  now: Date,
): Promise<number[]> {
  if (entries.length === 0) return [];
  const inserted = await db
    .insert(leaders)
    .values(entries.map((entry) => ({ allianceId, ...entry.fields, createdAt: now, updatedAt: now })))
    .returning({ id: leaders.id });
  const ids = inserted.map((row) => row.id);
  const specialismRows = entries.flatMap((entry, index) =>
    entry.specialismIds.map((specialismId) => ({ leaderId: ids[index]!, specialismId })),
  );
  if (specialismRows.length > 0) await db.insert(leaderSpecialisms).values(specialismRows);
  await db
    .insert(designations)
    .values(
      entries.flatMap((entry, index) =>
        entry.designations.map((designation) => ({ leaderId: ids[index]!, ...designation })),
      ),
    );
  await refreshDirectoryEntries(db, ids);
  return ids;
}

/** A leader as agreements and the release ledger need them: name, home school, and the designations they hold and have in force. */
export type LeaderSummary = {
  id: number;
  name: string;
  homeSchool: {
    urn: number;
    name: string;
    town: string | null;
    postcode: string | null;
    trustReference: string | null;
  };
  types: string[];
  activeTypes: string[];
};

/**
 * One query, so it can run in a caller's transaction (loadLeader runs three at once, which a
 * transaction's single connection would have to queue).
 */
export async function findLeaderSummary(
  db: Executor,
  allianceId: number,
  id: number,
): Promise<LeaderSummary | undefined> {
  const active = sql.join(
    ACTIVE_DESIGNATION_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  );
  const [row] = await db
    .select({
      id: leaders.id,
      name: leaders.name,
      homeSchool: {
        urn: schools.urn,
        name: schools.name,
        town: schools.town,
        postcode: schools.postcode,
        trustReference: schools.trustReference,
      },
      types: sql<
        string[]
      >`coalesce((select array_agg(${designations.type}) from ${designations} where ${designations.leaderId} = ${leaders.id}), '{}')`,
      activeTypes: sql<
        string[]
      >`coalesce((select array_agg(${designations.type}) from ${designations} where ${designations.leaderId} = ${leaders.id} and ${designations.status} in (${active})), '{}')`,
    })
    .from(leaders)
    .innerJoin(schools, eq(schools.urn, leaders.homeSchoolUrn))
    .where(and(eq(leaders.allianceId, allianceId), eq(leaders.id, id)));
  return row;
}
