import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/database.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { agreementObjectives, agreementVersions } from '../agreements/agreements.tables.ts';
import { type AgreementKind } from '../agreements/agreements.model.ts';
import { agreementReviews, reviewRatings } from './reviews.tables.ts';
import { type ProgressRating, type ReviewKind } from './reviews.model.ts';

export type ReviewRow = typeof agreementReviews.$inferSelect;
export type RatingRow = typeof reviewRatings.$inferSelect;
export type StoredReview = ReviewRow & {
  versionNumber: number;
  recordedByName: string;
  changedByName: string | null;
  ratings: RatingRow[];
};

const changers = alias(users, 'changers');

/** Every review of an agreement, of every version, oldest version first, with their ratings. */
export async function listReviews(db: Executor, agreementId: number): Promise<StoredReview[]> {
  const rows = await db
    .select({
      review: agreementReviews,
      versionNumber: agreementVersions.number,
      recordedByName: users.name,
      changedByName: changers.name,
    })
    .from(agreementReviews)
    .innerJoin(agreementVersions, eq(agreementVersions.id, agreementReviews.versionId))
    .innerJoin(users, eq(users.id, agreementReviews.recordedByUserId))
    .leftJoin(changers, eq(changers.id, agreementReviews.changedByUserId))
    .where(eq(agreementReviews.agreementId, agreementId))
    .orderBy(asc(agreementVersions.number), asc(agreementReviews.kind));
  if (rows.length === 0) return [];
  const ratings = await db
    .select()
    .from(reviewRatings)
    .where(
      inArray(
        reviewRatings.reviewId,
        rows.map((row) => row.review.id),
      ),
    );
  return rows.map((row) => ({
    ...row.review,
    versionNumber: row.versionNumber,
    recordedByName: row.recordedByName,
    changedByName: row.changedByName,
    ratings: ratings.filter((rating) => rating.reviewId === row.review.id),
  }));
}

/** Adds the review unless one of its kind exists for the version: undefined then (two people racing). */
export async function insertReview(
  db: Executor,
  row: typeof agreementReviews.$inferInsert,
): Promise<number | undefined> {
  const [inserted] = await db
    .insert(agreementReviews)
    .values(row)
    .onConflictDoNothing({ target: [agreementReviews.versionId, agreementReviews.kind] })
    .returning({ id: agreementReviews.id });
  return inserted?.id;
}

export async function updateReview(
  db: Executor,
  id: number,
  changes: Pick<ReviewRow, 'summary' | 'nextSteps' | 'sharedWith' | 'changedByUserId' | 'changedAt'>,
): Promise<void> {
  await db.update(agreementReviews).set(changes).where(eq(agreementReviews.id, id));
}

export async function replaceRatings(
  db: Executor,
  reviewId: number,
  ratings: Array<{ objectiveId: number; rating: ProgressRating; evidence: string }>,
): Promise<void> {
  await db.delete(reviewRatings).where(eq(reviewRatings.reviewId, reviewId));
  if (ratings.length > 0) await db.insert(reviewRatings).values(ratings.map((rating) => ({ reviewId, ...rating })));
}

/**
 * Writes the end review's ratings into the objectives' `outcome`, the column the agreement keeps
 * for what each objective came to. It is not part of what the parties signed, so a locked version
 * may carry it; the review stays the record, this is its summary on the objective.
 */
export async function setObjectiveOutcomes(
  db: Executor,
  versionId: number,
  outcomes: Array<{ objectiveId: number; outcome: string }>,
): Promise<void> {
  for (const { objectiveId, outcome } of outcomes) {
    await db
      .update(agreementObjectives)
      .set({ outcome })
      .where(and(eq(agreementObjectives.versionId, versionId), eq(agreementObjectives.id, objectiveId)));
  }
}

export type ReviewDueRow = {
  agreementId: number;
  agreementKind: AgreementKind;
  versionNumber: number;
  reviewKind: ReviewKind;
  dueOn: CalendarDate;
  endDate: CalendarDate;
  supportedSchoolName: string;
  leaderName: string;
};

/** node-postgres and PGlite both answer a raw query with { rows }. */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Reviews due on `today`: signed versions past their mid-point with no mid-point review, and past
 * their end with no end review, the longest waiting first. One query: the page and the total.
 */
export async function listReviewsDue(
  db: Executor,
  query: { signedVersions: SQL; today: CalendarDate; limit: number; offset: number },
): Promise<{ rows: ReviewDueRow[]; total: number }> {
  const result = await db.execute(sql`
    with signed as (${query.signedVersions}),
    due as (
      select s.*, k.review_kind, k.due_on
      from signed s
      cross join lateral (values ('mid-point', s.start_date + (s.end_date - s.start_date) / 2), ('end', s.end_date)) as k(review_kind, due_on)
      where k.due_on <= ${query.today}::date
        and not exists (select 1 from agreement_reviews r where r.version_id = s.version_id and r.kind = k.review_kind)
    ),
    counted as (select count(*)::int as total from due)
    select counted.total, page.* from counted left join lateral (
      select due.agreement_id as "agreementId", due.kind as "agreementKind", due.version_number as "versionNumber", due.review_kind as "reviewKind",
        due.due_on::text as "dueOn", due.end_date::text as "endDate", schools.name as "supportedSchoolName", leaders.name as "leaderName"
      from due
      join schools on schools.urn = due.supported_school_urn
      join leaders on leaders.id = due.leader_id
      order by due.due_on, due.agreement_id, due.review_kind desc
      limit ${query.limit} offset ${query.offset}
    ) page on true`);
  const rows = rowsOf<ReviewDueRow & { total: number }>(result);
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.filter((row) => row.agreementId !== null).map(({ total: _total, ...row }) => row),
  };
}
