import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { ACTIVE_DESIGNATION_STATUSES, type DesignationStatus, type DesignationType } from '../leaders/leaders.model.ts';
import { designations, leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import {
  designationReviewConsentRequests as consentRequests,
  designationReviews,
} from './designation-reviews.tables.ts';
import type { ConsentRole, ReviewOutcome, ReviewReason } from './designation-reviews.model.ts';

export type ReviewRow = typeof designationReviews.$inferSelect;
export type ConsentRequestRow = typeof consentRequests.$inferSelect;

/** A designation in force, with its leader: what the lists of reviews due and overdue show. */
export type DesignationForReview = {
  designationId: number;
  leaderId: number;
  leaderName: string;
  homeSchoolName: string;
  type: DesignationType;
  status: DesignationStatus;
  startDate: CalendarDate;
  reviewDate: CalendarDate;
};

/**
 * A designation's review date: the one recorded, else the start plus the alliance's designation
 * period (PostgreSQL's date + interval keeps 29 February within February, as reviewDateFor does).
 */
const reviewDateOf = (years: number) =>
  sql<string>`coalesce(${designations.reviewDate}, (${designations.startDate} + make_interval(years => ${years}))::date)::text`;

const inForce = inArray(designations.status, [...ACTIVE_DESIGNATION_STATUSES]);
const noOpenReview = sql`not exists (select 1 from ${designationReviews} r where r.designation_id = ${designations.id} and r.outcome is null)`;

/**
 * Designations in force of the alliance's leaders with no review open, whose review date is due by
 * `windowEnd` (from today) or overdue (passed, with no review closed since), a page at a time.
 */
export async function listDesignationsForReview(
  db: Executor,
  query: {
    allianceId: number;
    designationYears: number;
    today: CalendarDate;
    windowEnd: CalendarDate;
    which: 'due' | 'overdue';
    limit: number;
  },
): Promise<{ rows: DesignationForReview[]; total: number }> {
  const reviewDate = reviewDateOf(query.designationYears);
  const when: SQL =
    query.which === 'due'
      ? sql`${reviewDate}::date between ${query.today} and ${query.windowEnd}`
      : sql`${reviewDate}::date < ${query.today} and not exists (
          select 1 from ${designationReviews} c where c.designation_id = ${designations.id}
          and c.closed_on >= ${reviewDate}::date)`;
  const where = and(eq(leaders.allianceId, query.allianceId), inForce, noOpenReview, when);
  const rows = await db
    .select({
      designationId: designations.id,
      leaderId: leaders.id,
      leaderName: leaders.name,
      homeSchoolName: schools.name,
      type: designations.type,
      status: designations.status,
      startDate: designations.startDate,
      reviewDate,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(designations)
    .innerJoin(leaders, eq(leaders.id, designations.leaderId))
    .innerJoin(schools, eq(schools.urn, leaders.homeSchoolUrn))
    .where(where)
    .orderBy(sql`${reviewDate}`, asc(leaders.name), asc(designations.id))
    .limit(query.limit);
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}

/** An open or closed review, with its designation and leader. */
export type ReviewWithSubject = ReviewRow & {
  leaderId: number;
  leaderName: string;
  leaderEmail: string;
  homeSchoolUrn: number;
  homeSchoolName: string;
  designationType: DesignationType;
  designationStatus: DesignationStatus;
  designationStart: CalendarDate;
  designationReviewDate: CalendarDate | null;
};

const SUBJECT = {
  leaderId: leaders.id,
  leaderName: leaders.name,
  leaderEmail: leaders.email,
  homeSchoolUrn: schools.urn,
  homeSchoolName: schools.name,
  designationType: designations.type,
  designationStatus: designations.status,
  designationStart: designations.startDate,
  designationReviewDate: designations.reviewDate,
};

function withSubject(db: Executor) {
  return db
    .select({ review: designationReviews, ...SUBJECT })
    .from(designationReviews)
    .innerJoin(designations, eq(designations.id, designationReviews.designationId))
    .innerJoin(leaders, eq(leaders.id, designations.leaderId))
    .innerJoin(schools, eq(schools.urn, leaders.homeSchoolUrn));
}

const flatten = ({ review, ...subject }: { review: ReviewRow } & Omit<ReviewWithSubject, keyof ReviewRow>) => ({
  ...review,
  ...subject,
});

/** The alliance's open reviews, soonest due first, and how many there are. */
export async function listOpenReviews(
  db: Executor,
  allianceId: number,
  limit: number,
): Promise<{ rows: ReviewWithSubject[]; total: number }> {
  const where = and(eq(leaders.allianceId, allianceId), isNull(designationReviews.outcome));
  const rows = await withSubject(db)
    .where(where)
    .orderBy(asc(designationReviews.dueOn), asc(leaders.name), asc(designationReviews.id))
    .limit(limit);
  const [counted] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(designationReviews)
    .innerJoin(designations, eq(designations.id, designationReviews.designationId))
    .innerJoin(leaders, eq(leaders.id, designations.leaderId))
    .where(where);
  return { rows: rows.map(flatten), total: counted?.total ?? 0 };
}

export async function findReview(db: Executor, allianceId: number, id: number): Promise<ReviewWithSubject | undefined> {
  const [row] = await withSubject(db).where(and(eq(designationReviews.id, id), eq(leaders.allianceId, allianceId)));
  return row && flatten(row);
}

/** A leader's reviews, newest first: their page links to them. */
export async function listReviewsOfLeader(db: Executor, allianceId: number, leaderId: number) {
  return (
    await withSubject(db)
      .where(and(eq(leaders.id, leaderId), eq(leaders.allianceId, allianceId)))
      .orderBy(desc(designationReviews.openedOn), desc(designationReviews.id))
  ).map(flatten);
}

/** The designation's last closed review's day, or null. */
export async function lastClosedOn(db: Executor, designationId: number): Promise<CalendarDate | null> {
  const [row] = await db
    .select({ closedOn: sql<string | null>`max(${designationReviews.closedOn})::text` })
    .from(designationReviews)
    .where(and(eq(designationReviews.designationId, designationId), isNotNull(designationReviews.closedOn)));
  return row?.closedOn ?? null;
}

/** Opens a review; undefined when the designation already has one open (one at a time, by a unique index). */
export async function insertReview(
  db: Executor,
  row: {
    designationId: number;
    reason: ReviewReason;
    reasonNote: string;
    openedOn: CalendarDate;
    dueOn: CalendarDate;
    openedByUserId: number | null;
    createdAt: Date;
  },
): Promise<number | undefined> {
  const [inserted] = await db
    .insert(designationReviews)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: designationReviews.id });
  return inserted?.id;
}

export async function setEvidenceNote(db: Executor, id: number, evidenceNote: string): Promise<void> {
  await db.update(designationReviews).set({ evidenceNote }).where(eq(designationReviews.id, id));
}

/** Closes an open review with its outcome; false when it was already closed. */
export async function closeReview(
  db: Executor,
  id: number,
  outcome: { outcome: ReviewOutcome; outcomeReason: string; closedOn: CalendarDate; closedByUserId: number },
): Promise<boolean> {
  const closed = await db
    .update(designationReviews)
    .set(outcome)
    .where(and(eq(designationReviews.id, id), isNull(designationReviews.outcome)))
    .returning({ id: designationReviews.id });
  return closed.length > 0;
}

/** A review's consent requests, newest first. */
export async function listConsentRequests(db: Executor, reviewId: number): Promise<ConsentRequestRow[]> {
  return db
    .select()
    .from(consentRequests)
    .where(eq(consentRequests.reviewId, reviewId))
    .orderBy(desc(consentRequests.sentAt), desc(consentRequests.id));
}

/** Stops the unanswered links of a role for a review working: a new request replaces them. */
export async function supersedeConsentRequests(db: Executor, reviewId: number, role: ConsentRole): Promise<void> {
  await db
    .update(consentRequests)
    .set({ tokenHash: null, tokenExpiresAt: null })
    .where(
      and(eq(consentRequests.reviewId, reviewId), eq(consentRequests.role, role), isNull(consentRequests.answeredAt)),
    );
}

export async function insertConsentRequest(db: Executor, row: typeof consentRequests.$inferInsert): Promise<number> {
  const [inserted] = await db.insert(consentRequests).values(row).returning({ id: consentRequests.id });
  return inserted!.id;
}

export async function findConsentRequestByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<ConsentRequestRow | undefined> {
  const [row] = await db.select().from(consentRequests).where(eq(consentRequests.tokenHash, tokenHash));
  return row;
}

/** Records the answer once (the link's hash is kept: it tells a second use it was answered); false when it was already. */
export async function answerConsentRequest(
  db: Executor,
  id: number,
  answer: { supports: boolean; releaseDays: number | null; comment: string; answeredAt: Date },
): Promise<boolean> {
  const answered = await db
    .update(consentRequests)
    .set(answer)
    .where(and(eq(consentRequests.id, id), isNull(consentRequests.answeredAt)))
    .returning({ id: consentRequests.id });
  return answered.length > 0;
}

/** A consent request to remind: unanswered, its link still working, sent by `sentBefore`, not yet reminded, its review open. */
export async function listConsentRequestsToRemind(
  db: Executor,
  query: { allianceId: number; sentBefore: Date; now: Date },
): Promise<Array<{ request: ConsentRequestRow; review: ReviewWithSubject }>> {
  const rows = await db
    .select({ request: consentRequests, review: designationReviews, ...SUBJECT })
    .from(consentRequests)
    .innerJoin(designationReviews, eq(designationReviews.id, consentRequests.reviewId))
    .innerJoin(designations, eq(designations.id, designationReviews.designationId))
    .innerJoin(leaders, eq(leaders.id, designations.leaderId))
    .innerJoin(schools, eq(schools.urn, leaders.homeSchoolUrn))
    .where(
      and(
        eq(leaders.allianceId, query.allianceId),
        isNull(designationReviews.outcome),
        isNull(consentRequests.answeredAt),
        isNull(consentRequests.remindedAt),
        isNotNull(consentRequests.tokenHash),
        sql`${consentRequests.tokenExpiresAt} > ${query.now}`,
        sql`${consentRequests.sentAt} <= ${query.sentBefore}`,
      ),
    )
    .orderBy(asc(consentRequests.id));
  return rows.map(({ request, ...subject }) => ({ request, review: flatten(subject) }));
}

/** A reminder's new link replaces the old one (only a hash is kept, so the old link cannot be sent again). */
export async function markReminded(db: Executor, id: number, change: { tokenHash: string; remindedAt: Date }) {
  await db.update(consentRequests).set(change).where(eq(consentRequests.id, id));
}

/** The designation's open review, if it has one. */
export async function findOpenReviewOf(db: Executor, designationId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ id: designationReviews.id })
    .from(designationReviews)
    .where(and(eq(designationReviews.designationId, designationId), isNull(designationReviews.outcome)));
  return row?.id;
}
