import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { AgreementKind } from '../agreements/agreements.model.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import { feedbackRequests, feedbackResponses } from './feedback.tables.ts';

export type FeedbackRequestRow = typeof feedbackRequests.$inferSelect;
export type FeedbackResponseRow = typeof feedbackResponses.$inferSelect;
export type FeedbackAnswer = Pick<FeedbackResponseRow, 'quality' | 'wouldRecommend' | 'comments'>;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Claims the agreement's one request: the row, or undefined when it was asked already (by another instance, say). */
export async function claimFeedbackRequest(
  tx: Executor,
  row: typeof feedbackRequests.$inferInsert,
): Promise<number | undefined> {
  const [inserted] = await tx
    .insert(feedbackRequests)
    .values(row)
    .onConflictDoNothing({ target: feedbackRequests.agreementId })
    .returning({ id: feedbackRequests.id });
  return inserted?.id;
}

/** Asks again: new recipients and a new link, which replaces the old one (its hash is gone, so it no longer works). */
export async function renewFeedbackRequest(
  tx: Executor,
  id: number,
  change: {
    recipients: string[];
    linkTokenHash: string | null;
    linkExpiresAt: Date | null;
    at: Date;
    byUserId: number;
  },
): Promise<void> {
  await tx
    .update(feedbackRequests)
    .set({
      recipients: change.recipients,
      linkTokenHash: change.linkTokenHash,
      linkExpiresAt: change.linkExpiresAt,
      lastRequestedAt: change.at,
      lastRequestedByUserId: change.byUserId,
      timesRequested: sql`${feedbackRequests.timesRequested} + 1`,
    })
    .where(eq(feedbackRequests.id, id));
}

export async function findFeedbackForAgreement(
  db: Executor,
  allianceId: number,
  agreementId: number,
): Promise<{ request: FeedbackRequestRow; response: FeedbackResponseRow | null } | undefined> {
  const [row] = await db
    .select({ request: feedbackRequests, response: feedbackResponses })
    .from(feedbackRequests)
    .leftJoin(feedbackResponses, eq(feedbackResponses.requestId, feedbackRequests.id))
    .where(and(eq(feedbackRequests.allianceId, allianceId), eq(feedbackRequests.agreementId, agreementId)));
  return row;
}

export async function findFeedbackRequestByLinkHash(
  db: Executor,
  tokenHash: string,
): Promise<FeedbackRequestRow | undefined> {
  const [row] = await db.select().from(feedbackRequests).where(eq(feedbackRequests.linkTokenHash, tokenHash));
  return row;
}

/**
 * Records the answer, unless the request was answered already: of two answers racing, one is kept
 * and the other gets false. The answer is what spends the link; its hash stays, so a second use
 * can be told "already answered" rather than "not recognised".
 */
export async function insertFeedbackResponse(
  tx: Executor,
  row: typeof feedbackResponses.$inferInsert,
): Promise<boolean> {
  const [inserted] = await tx
    .insert(feedbackResponses)
    .values(row)
    .onConflictDoNothing({ target: feedbackResponses.requestId })
    .returning({ id: feedbackResponses.id });
  return inserted !== undefined;
}

export async function findFeedbackResponse(db: Executor, requestId: number): Promise<FeedbackResponseRow | undefined> {
  const [row] = await db.select().from(feedbackResponses).where(eq(feedbackResponses.requestId, requestId));
  return row;
}

export async function enquiryContactEmail(db: Executor, enquiryId: number): Promise<string | undefined> {
  const [row] = await db.select({ email: enquiries.contactEmail }).from(enquiries).where(eq(enquiries.id, enquiryId));
  return row?.email;
}

export type EndedAgreement = {
  agreementId: number;
  versionId: number;
  supportedSchoolUrn: number;
  enquiryId: number | null;
};

/**
 * Signed agreements whose signed version ended before `today`, no earlier than `since`, and whose
 * school has not been asked for feedback.
 */
/** `signedVersions`: the alliance's signed versions (AgreementService.signedVersions). */
export async function listEndedWithoutRequest(
  db: Executor,
  signedVersions: SQL,
  today: CalendarDate,
  since: CalendarDate,
): Promise<EndedAgreement[]> {
  const result = await db.execute(sql`
    with signed as (${signedVersions})
    select agreement_id as "agreementId", version_id as "versionId", supported_school_urn as "supportedSchoolUrn", enquiry_id as "enquiryId"
    from signed
    where end_date < ${today}::date and end_date >= ${since}::date
      and not exists (select 1 from feedback_requests fr where fr.agreement_id = signed.agreement_id)
    order by end_date, agreement_id`);
  return rowsOf<EndedAgreement>(result);
}

/** The request's agreement as the survey describes it: who supported whom, and when. */
export async function findRequestSubject(db: Executor, requestId: number) {
  const result = await db.execute(sql`
    select a.id as "agreementId", a.kind, s.name as "schoolName", l.name as "leaderName",
      coalesce(dt.start_date, pt.start_date)::text as "startDate", coalesce(dt.end_date, pt.end_date)::text as "endDate"
    from feedback_requests fr
    join agreements a on a.id = fr.agreement_id
    join schools s on s.urn = a.supported_school_urn
    join leaders l on l.id = a.leader_id
    left join deployment_terms dt on dt.version_id = fr.version_id
    left join placement_terms pt on pt.version_id = fr.version_id
    where fr.id = ${requestId}`);
  return rowsOf<{
    agreementId: number;
    kind: AgreementKind;
    schoolName: string;
    leaderName: string;
    startDate: CalendarDate;
    endDate: CalendarDate;
  }>(result)[0];
}

export type FeedbackListRow = {
  agreementId: number;
  agreementKind: AgreementKind;
  supportedSchoolName: string;
  leaderName: string;
  quality: number;
  wouldRecommend: boolean;
  comments: string | null;
  answeredAt: Date;
};
export type FeedbackTotals = { total: number; averageQuality: number | null; recommendPercent: number | null };

/** Feedback received, newest first, a page at a time, with the average and share recommending over all of it: one query. */
export async function listFeedbackReceived(
  db: Executor,
  query: { allianceId: number; limit: number; offset: number },
): Promise<{ rows: FeedbackListRow[]; totals: FeedbackTotals }> {
  const result = await db.execute(sql`
    with received as (
      select fr.agreement_id, resp.quality, resp.would_recommend, resp.comments, resp.answered_at, resp.id
      from feedback_responses resp join feedback_requests fr on fr.id = resp.request_id
      where fr.alliance_id = ${query.allianceId}
    ),
    totals as (
      select count(*)::int as total, avg(quality)::float8 as "averageQuality",
        (100.0 * count(*) filter (where would_recommend) / nullif(count(*), 0))::float8 as "recommendPercent"
      from received
    )
    select totals.*, page.* from totals left join lateral (
      select received.agreement_id as "agreementId", a.kind as "agreementKind", s.name as "supportedSchoolName", l.name as "leaderName",
        received.quality, received.would_recommend as "wouldRecommend", received.comments, received.answered_at as "answeredAt"
      from received
      join agreements a on a.id = received.agreement_id
      join schools s on s.urn = a.supported_school_urn
      join leaders l on l.id = a.leader_id
      order by received.answered_at desc, received.id desc
      limit ${query.limit} offset ${query.offset}
    ) page on true`);
  const rows = rowsOf<FeedbackListRow & FeedbackTotals>(result);
  const first = rows[0];
  return {
    totals: {
      total: first?.total ?? 0,
      averageQuality: first?.averageQuality ?? null,
      recommendPercent: first?.recommendPercent ?? null,
    },
    rows: rows
      .filter((row) => row.agreementId !== null)
      .map((row) => ({ ...row, answeredAt: new Date(row.answeredAt) })),
  };
}

export type NoOneToAskRow = {
  agreementId: number;
  supportedSchoolName: string;
  leaderName: string;
  lastRequestedAt: Date;
};

/** Requests the service could send to no one, not yet answered: a coordinator finds someone to ask. One query, paged. */
export async function listNoOneToAsk(
  db: Executor,
  query: { allianceId: number; limit: number; offset: number },
): Promise<{ rows: NoOneToAskRow[]; total: number }> {
  const result = await db.execute(sql`
    with waiting as (
      select fr.agreement_id, fr.last_requested_at from feedback_requests fr
      where fr.alliance_id = ${query.allianceId} and cardinality(fr.recipients) = 0
        and not exists (select 1 from feedback_responses resp where resp.request_id = fr.id)
    ),
    counted as (select count(*)::int as total from waiting)
    select counted.total, page.* from counted left join lateral (
      select waiting.agreement_id as "agreementId", s.name as "supportedSchoolName", l.name as "leaderName", waiting.last_requested_at as "lastRequestedAt"
      from waiting join agreements a on a.id = waiting.agreement_id
      join schools s on s.urn = a.supported_school_urn join leaders l on l.id = a.leader_id
      order by waiting.last_requested_at, waiting.agreement_id
      limit ${query.limit} offset ${query.offset}
    ) page on true`);
  const rows = rowsOf<NoOneToAskRow & { total: number }>(result);
  return {
    total: rows[0]?.total ?? 0,
    rows: rows
      .filter((row) => row.agreementId !== null)
      .map(({ total: _total, ...row }) => ({ ...row, lastRequestedAt: new Date(row.lastRequestedAt) })),
  };
}

export type LeaderFeedbackRow = {
  agreementId: number;
  supportedSchoolName: string;
  quality: number;
  wouldRecommend: boolean;
  answeredAt: Date;
};

/** The supported schools' ratings of a leader's support answered since a day, newest first (at most `limit`). */
export async function listLeaderFeedback(
  db: Executor,
  query: { allianceId: number; leaderId: number; since: Date; limit: number },
): Promise<LeaderFeedbackRow[]> {
  const result = await db.execute(sql`
    select fr.agreement_id as "agreementId", s.name as "supportedSchoolName", resp.quality,
      resp.would_recommend as "wouldRecommend", resp.answered_at as "answeredAt"
    from feedback_responses resp
    join feedback_requests fr on fr.id = resp.request_id
    join agreements a on a.id = fr.agreement_id
    join schools s on s.urn = a.supported_school_urn
    where fr.alliance_id = ${query.allianceId} and a.leader_id = ${query.leaderId} and resp.answered_at >= ${query.since}
    order by resp.answered_at desc, resp.id desc
    limit ${query.limit}`);
  return rowsOf<LeaderFeedbackRow>(result).map((row) => ({ ...row, answeredAt: new Date(row.answeredAt) }));
}
