import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias, type PgSelect } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/database.ts';
import { standardTermsOf, type StandardTerms } from '../../platform/alliance/standard-terms.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import { leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import {
  agreementSignatures,
  agreementVersions,
  agreements,
  deploymentTerms,
  placementTerms,
} from './agreements.tables.ts';
import { type AgreementKind, type AgreementStatus } from './agreements.model.ts';

export type AgreementRow = typeof agreements.$inferSelect;
export type VersionRow = typeof agreementVersions.$inferSelect;

const homeSchools = alias(schools, 'home_schools');

export type AgreementParties = {
  agreement: AgreementRow;
  supportedSchool: { urn: number; name: string; town: string | null; postcode: string | null };
  homeSchool: { urn: number; name: string; town: string | null; postcode: string | null };
  leader: { id: number; name: string; email: string; jobTitle: string | null };
  enquiryReference: string | null;
};

export async function countAgreements(db: Executor, allianceId: number): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(agreements)
    .where(eq(agreements.allianceId, allianceId));
  return row?.count ?? 0;
}

export async function insertAgreement(db: Executor, row: typeof agreements.$inferInsert): Promise<number> {
  const [inserted] = await db.insert(agreements).values(row).returning({ id: agreements.id });
  return inserted!.id;
}

/**
 * A new version, made on the alliance's standard terms in force now (a variation is signed afresh);
 * it keeps that copy, so a later change to them does not change what was signed.
 */
export async function insertVersion(
  db: Executor,
  alliance: { standardTerms: Partial<StandardTerms> | null },
  row: Omit<typeof agreementVersions.$inferInsert, 'standardTerms'>,
): Promise<number> {
  const [inserted] = await db
    .insert(agreementVersions)
    .values({ ...row, standardTerms: standardTermsOf(alliance.standardTerms) })
    .returning({ id: agreementVersions.id });
  return inserted!.id;
}

/** Deletes a version never signed by every party; its terms, objectives, pairings and signatures go with it. */
export async function deleteVersion(db: Executor, versionId: number): Promise<void> {
  await db
    .delete(agreementVersions)
    .where(and(eq(agreementVersions.id, versionId), isNull(agreementVersions.lockedAt)));
}

export async function updateAgreement(
  db: Executor,
  id: number,
  changes: Partial<Pick<AgreementRow, 'status' | 'currentVersionId' | 'withdrawnAt' | 'withdrawnReason'>>,
): Promise<void> {
  await db.update(agreements).set(changes).where(eq(agreements.id, id));
}

export async function lockVersion(db: Executor, versionId: number, at: Date): Promise<void> {
  await db.update(agreementVersions).set({ lockedAt: at }).where(eq(agreementVersions.id, versionId));
}

/** The agreement with its parties' names; undefined if it is not this alliance's. */
export async function findAgreementParties(
  db: Executor,
  allianceId: number,
  id: number,
): Promise<AgreementParties | undefined> {
  const [row] = await db
    .select({
      agreement: agreements,
      supportedSchool: { urn: schools.urn, name: schools.name, town: schools.town, postcode: schools.postcode },
      homeSchool: {
        urn: homeSchools.urn,
        name: homeSchools.name,
        town: homeSchools.town,
        postcode: homeSchools.postcode,
      },
      leader: { id: leaders.id, name: leaders.name, email: leaders.email, jobTitle: leaders.jobTitle },
      enquiryReference: enquiries.reference,
    })
    .from(agreements)
    .innerJoin(schools, eq(schools.urn, agreements.supportedSchoolUrn))
    .innerJoin(homeSchools, eq(homeSchools.urn, agreements.homeSchoolUrn))
    .innerJoin(leaders, eq(leaders.id, agreements.leaderId))
    .leftJoin(enquiries, eq(enquiries.id, agreements.enquiryId))
    .where(and(eq(agreements.allianceId, allianceId), eq(agreements.id, id)));
  return row;
}

/** Every version of an agreement, oldest first, with how many parties have signed each. */
export async function listVersions(
  db: Executor,
  agreementId: number,
): Promise<Array<VersionRow & { signatureCount: number }>> {
  const rows = await db
    .select({ version: agreementVersions, signatureCount: sql<number>`count(${agreementSignatures.id})::int` })
    .from(agreementVersions)
    .leftJoin(agreementSignatures, eq(agreementSignatures.versionId, agreementVersions.id))
    .where(eq(agreementVersions.agreementId, agreementId))
    .groupBy(agreementVersions.id)
    .orderBy(asc(agreementVersions.number));
  return rows.map((row) => ({ ...row.version, signatureCount: row.signatureCount }));
}

/** Who may see which agreements: all of the alliance's, or those of a school or a leader. */
export type AgreementScope = { kind: 'all' } | { kind: 'party'; schoolUrn: number | null; leaderId: number | null };

export type AgreementListQuery = {
  allianceId: number;
  scope: AgreementScope;
  kind?: AgreementKind;
  status?: AgreementStatus;
  /** Agreements whose current version starts in this academic year (between these dates). */
  startsBetween?: { from: string; to: string };
  /** A school's or a leader's name, or an agreement's reference. */
  text?: string;
  limit: number;
  offset: number;
};

const startDate = sql<string | null>`coalesce(${deploymentTerms.startDate}, ${placementTerms.startDate})`;

function listConditions(query: AgreementListQuery): SQL | undefined {
  const conditions: Array<SQL | undefined> = [eq(agreements.allianceId, query.allianceId)];
  if (query.scope.kind === 'party') {
    const { schoolUrn, leaderId } = query.scope;
    const visible = [
      schoolUrn === null
        ? undefined
        : or(eq(agreements.supportedSchoolUrn, schoolUrn), eq(agreements.homeSchoolUrn, schoolUrn)),
      leaderId === null ? undefined : eq(agreements.leaderId, leaderId),
    ].filter((condition) => condition !== undefined);
    conditions.push(visible.length > 0 ? or(...visible) : sql`false`);
  }
  if (query.kind) conditions.push(eq(agreements.kind, query.kind));
  if (query.status) conditions.push(eq(agreements.status, query.status));
  if (query.startsBetween)
    conditions.push(sql`${startDate} between ${query.startsBetween.from} and ${query.startsBetween.to}`);
  if (query.text) {
    const reference = /^\s*SA-?0*(\d{1,9})\s*$/i.exec(query.text);
    const pattern = `%${query.text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    conditions.push(
      reference
        ? eq(agreements.id, Number(reference[1]))
        : or(ilike(schools.name, pattern), ilike(leaders.name, pattern), ilike(homeSchools.name, pattern)),
    );
  }
  return and(...conditions);
}

export type AgreementListRow = {
  id: number;
  kind: AgreementKind;
  status: AgreementStatus;
  supportedSchoolName: string;
  supportedSchoolUrn: number;
  homeSchoolName: string;
  leaderName: string;
  startDate: string | null;
  endDate: string | null;
  halfDays: number | null;
  createdAt: Date;
};

/** The tables a list row is read from: the parties, and the current version's terms of either kind. */
function withListJoins<T extends PgSelect>(query: T) {
  return query
    .innerJoin(schools, eq(schools.urn, agreements.supportedSchoolUrn))
    .innerJoin(homeSchools, eq(homeSchools.urn, agreements.homeSchoolUrn))
    .innerJoin(leaders, eq(leaders.id, agreements.leaderId))
    .leftJoin(deploymentTerms, eq(deploymentTerms.versionId, agreements.currentVersionId))
    .leftJoin(placementTerms, eq(placementTerms.versionId, agreements.currentVersionId));
}

/** One page of agreements, newest first, and how many match in all. */
export async function listAgreements(
  db: Executor,
  query: AgreementListQuery,
): Promise<{ rows: AgreementListRow[]; total: number }> {
  const where = listConditions(query);
  const rows = await withListJoins(
    db
      .select({
        id: agreements.id,
        kind: agreements.kind,
        status: agreements.status,
        supportedSchoolName: schools.name,
        supportedSchoolUrn: schools.urn,
        homeSchoolName: homeSchools.name,
        leaderName: leaders.name,
        startDate,
        endDate: sql<string | null>`coalesce(${deploymentTerms.endDate}, ${placementTerms.endDate})`,
        halfDays: deploymentTerms.halfDays,
        createdAt: agreements.createdAt,
      })
      .from(agreements)
      .$dynamic(),
  )
    .where(where)
    .orderBy(desc(agreements.createdAt), desc(agreements.id))
    .limit(query.limit)
    .offset(query.offset);
  const [counted] = await withListJoins(
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(agreements)
      .$dynamic(),
  ).where(where);
  return { rows, total: counted?.total ?? 0 };
}

/**
 * How many agreements each leader has had with a school, withdrawn ones aside: "support already
 * given to this school", which matching weighs.
 */
export async function countAgreementsWithSchoolByLeader(
  db: Executor,
  allianceId: number,
  schoolUrn: number,
): Promise<Map<number, number>> {
  const rows = await db
    .select({ leaderId: agreements.leaderId, count: sql<number>`count(*)::int` })
    .from(agreements)
    .where(
      and(
        eq(agreements.allianceId, allianceId),
        eq(agreements.supportedSchoolUrn, schoolUrn),
        // Only support that was agreed: a draft never signed (or withdrawn) is no history with the school.
        inArray(agreements.status, ['signed', 'varying']),
      ),
    )
    .groupBy(agreements.leaderId);
  return new Map(rows.map((row) => [row.leaderId, row.count]));
}

/**
 * The signed version of each signed agreement (for one being varied, the version signed before it),
 * with its dates: what reviews and feedback are measured against. A fragment for the queries here
 * and in feedback: columns agreement_id, kind, status, leader_id, supported_school_urn, version_id,
 * version_number, start_date, end_date.
 */
export function signedVersionsOf(allianceId: number) {
  return sql`
    select a.id as agreement_id, a.kind, a.status, a.leader_id, a.supported_school_urn, a.enquiry_id, sv.id as version_id, sv.number as version_number,
      coalesce(dt.start_date, pt.start_date) as start_date, coalesce(dt.end_date, pt.end_date) as end_date
    from agreements a
    join lateral (
      select v.id, v.number from agreement_versions v where v.agreement_id = a.id and v.locked_at is not null order by v.number desc limit 1
    ) sv on true
    left join deployment_terms dt on dt.version_id = sv.id
    left join placement_terms pt on pt.version_id = sv.id
    where a.alliance_id = ${allianceId} and a.status in ('signed', 'varying')`;
}

/** The agreements made in answer to an enquiry (usually one; more if one was withdrawn and another made). */
export async function listAgreementsForEnquiry(db: Executor, allianceId: number, enquiryReference: string) {
  return db
    .select({
      id: agreements.id,
      status: agreements.status,
      supportedSchoolUrn: agreements.supportedSchoolUrn,
      homeSchoolUrn: agreements.homeSchoolUrn,
      leaderId: agreements.leaderId,
    })
    .from(agreements)
    .innerJoin(enquiries, eq(enquiries.id, agreements.enquiryId))
    .where(and(eq(agreements.allianceId, allianceId), eq(enquiries.reference, enquiryReference)))
    .orderBy(asc(agreements.id));
}
