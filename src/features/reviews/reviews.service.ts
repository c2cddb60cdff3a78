import type { Database } from '../../db/database.ts';
import { hasAnyRole, type CurrentUser } from '../../platform/access.ts';
import { addDays, daysBetween, formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { AgreementService, Agreement } from '../agreements/agreements.service.ts';
import { ALLIANCE_STAFF } from '../agreements/agreements.service.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import {
  auditTrailFor,
  changedFields,
  recordAudit,
  type AuditFields,
  type AuditTrailRow,
} from '../../platform/audit/audit.service.ts';
import { RATING_LABELS, REVIEW_ACTIONS, REVIEW_FIELD_LABELS, REVIEW_KIND_LABELS } from './reviews.labels.ts';
import {
  insertReview,
  listReviews,
  listReviewsDue,
  replaceRatings,
  setObjectiveOutcomes,
  updateReview,
  type StoredReview,
} from './reviews.repository.ts';
import type { ProgressRating, ReviewKind } from './reviews.model.ts';
import { maySeeNote, NOTE_SHARING_LABELS, type NoteSharing } from '../agreements/note-sharing.ts';

export type { StoredReview };

export type ReviewInput = {
  ratings: Array<{ objectiveId: number; rating: ProgressRating; evidence: string }>;
  summary: string;
  nextSteps: string;
  sharedWith: NoteSharing;
};

/** An agreement as its reviews see it: `agreement.version` is its signed version, undefined before anyone signed all of one. */
export type SignedAgreement = {
  agreement: Agreement;
  signed: boolean;
  startDate: CalendarDate | null;
  endDate: CalendarDate | null;
};

export type ReviewRefusal = { ok: false; status: 403 | 404 | 409; message: string };
export type PreparedReview = { ok: true; agreement: Agreement; review: StoredReview | undefined } | ReviewRefusal;

export const REVIEW_AUDIT_ENTITY = 'agreement-review';

/**
 * The day a review can first be recorded. The mid-point review: halfway between the signed
 * version's start and end dates (rounded down). The end review: the end date itself. A review
 * is never recorded earlier: before halfway there is too little support to judge, and support
 * that ends early does so by a signed variation of its end date, which moves this day with it.
 */
export function reviewOpensOn(
  kind: ReviewKind,
  dates: { startDate: CalendarDate; endDate: CalendarDate },
): CalendarDate {
  return kind === 'end'
    ? dates.endDate
    : addDays(dates.startDate, Math.floor(daysBetween(dates.startDate, dates.endDate) / 2));
}

/** The alliance's staff, and the agreement's own leader: the people who review the support. */
export function mayRecordReviews(user: CurrentUser, agreement: Agreement): boolean {
  return (
    hasAnyRole(user, ALLIANCE_STAFF) ||
    (user.roles.includes('system-leader') && user.leaderId !== null && user.leaderId === agreement.leader.id)
  );
}

/**
 * Why this person cannot record (or change) this review now; undefined when they can. A review can
 * be changed by whoever recorded it and by coordinators; a mid-point review only until the end
 * review is recorded, after which it is the record of how things stood halfway.
 */
export function whyCannotRecord(
  user: CurrentUser,
  target: SignedAgreement,
  kind: ReviewKind,
  reviews: StoredReview[],
  today: CalendarDate,
): ReviewRefusal | undefined {
  const { agreement } = target;
  if (!mayRecordReviews(user, agreement))
    return {
      ok: false,
      status: 403,
      message: 'Only the alliance’s coordinators and the agreement’s own leader can record its reviews',
    };
  if (!target.signed || !target.startDate || !target.endDate)
    return { ok: false, status: 409, message: 'Reviews start once every party has signed the agreement' };
  const versionReviews = reviews.filter((review) => review.versionId === agreement.version.id);
  const existing = versionReviews.find((review) => review.kind === kind);
  if (existing) {
    if (kind === 'mid-point' && versionReviews.some((review) => review.kind === 'end'))
      return {
        ok: false,
        status: 409,
        message: 'The mid-point review cannot be changed once the end review has been recorded',
      };
    if (!hasAnyRole(user, ALLIANCE_STAFF) && existing.recordedByUserId !== user.id)
      return {
        ok: false,
        status: 403,
        message: `Only ${existing.recordedByName}, who recorded this review, or a coordinator can change it`,
      };
    return undefined;
  }
  const opensOn = reviewOpensOn(kind, { startDate: target.startDate, endDate: target.endDate });
  if (today < opensOn) {
    const span = `${formatLongDate(target.startDate)} to ${formatLongDate(target.endDate)}`;
    const message =
      kind === 'mid-point'
        ? `The mid-point review can be recorded from ${formatLongDate(opensOn)}, halfway through the support (${span})`
        : `The end review can be recorded from ${formatLongDate(opensOn)}, when the support ends. To end it earlier, start a variation that changes its end date`;
    return { ok: false, status: 409, message };
  }
  return undefined;
}

export class ReviewService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly agreements: AgreementService,
    private readonly clock: Clock,
  ) {}

  today(): CalendarDate {
    return londonDate(this.clock.now());
  }

  /** The agreement with its signed version loaded, if this person may see it. */
  async signedAgreement(
    user: CurrentUser,
    agreementId: number,
    current?: Agreement,
  ): Promise<SignedAgreement | undefined> {
    const latest = current ?? (await this.agreements.find(user, agreementId));
    if (!latest) return undefined;
    const signedRow = latest.versions.filter((version) => version.lockedAt !== null).at(-1);
    if (!signedRow) return { agreement: latest, signed: false, startDate: null, endDate: null };
    const agreement =
      signedRow.id === latest.version.id ? latest : await this.agreements.find(user, agreementId, signedRow.number);
    if (!agreement?.version.terms) return undefined;
    return {
      agreement,
      signed: true,
      startDate: agreement.version.terms.startDate,
      endDate: agreement.version.terms.endDate,
    };
  }

  /**
   * Every review of an agreement found for someone who may see it (signedAgreement), whoever they are
   * shared with: for the rules of recording, not for showing (that is reviewsFor).
   */
  reviewsOf(target: SignedAgreement): Promise<StoredReview[]> {
    return listReviews(this.db, target.agreement.agreement.id);
  }

  /** The reviews `user` may read, each shared as the person who recorded it chose (note-sharing.ts). */
  reviewsFor(user: CurrentUser, target: SignedAgreement, reviews: StoredReview[]): StoredReview[] {
    return reviews.filter((review) =>
      maySeeNote(user, target.agreement.agreement, { ...review, writtenByUserId: review.recordedByUserId }),
    );
  }

  /** One review's audit trail, for those who may read it. */
  trail(user: CurrentUser, allianceId: number, reviewId: number): Promise<AuditTrailRow[] | undefined> {
    return auditTrailFor(this.db, user, {
      allianceId,
      entityType: REVIEW_AUDIT_ENTITY,
      entityId: reviewId,
      labels: REVIEW_FIELD_LABELS,
      actions: REVIEW_ACTIONS,
    });
  }

  /** The agreement and any review of this kind, when this person may record or change it now. */
  async prepare(user: CurrentUser, agreementId: number, kind: ReviewKind): Promise<PreparedReview> {
    const target = await this.signedAgreement(user, agreementId);
    if (!target) return { ok: false, status: 404, message: 'There is no such agreement' };
    const reviews = await this.reviewsOf(target);
    const refusal = whyCannotRecord(user, target, kind, reviews, this.today());
    if (refusal) return refusal;
    return {
      ok: true,
      agreement: target.agreement,
      review: reviews.find((review) => review.versionId === target.agreement.version.id && review.kind === kind),
    };
  }

  /** Records the review, or changes the one recorded, with the audit trail; the end review's ratings become the objectives' outcomes. */
  async record(
    user: CurrentUser,
    agreementId: number,
    kind: ReviewKind,
    input: ReviewInput,
  ): Promise<{ ok: true; changed: boolean } | ReviewRefusal | { ok: false; problems: FieldProblem[] }> {
    const prepared = await this.prepare(user, agreementId, kind);
    if (!prepared.ok) return prepared;
    const { agreement, review } = prepared;
    const objectives = agreement.version.objectives;
    const missing = objectives.find(
      (objective) => !input.ratings.some((rating) => rating.objectiveId === objective.id),
    );
    if (missing || input.ratings.length !== objectives.length)
      return {
        ok: false,
        status: 409,
        message:
          'The agreement’s objectives changed while you were writing the review. Go back to the agreement and start the review again',
      };
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const described = describeForAudit(agreement, kind, input);
    return this.db.transaction(async (tx) => {
      let reviewId = review?.id;
      if (review) {
        await updateReview(tx, review.id, {
          summary: input.summary,
          nextSteps: input.nextSteps,
          sharedWith: input.sharedWith,
          changedByUserId: user.id,
          changedAt: now,
        });
        const changes = changedFields(
          describeForAudit(agreement, kind, {
            summary: review.summary,
            nextSteps: review.nextSteps,
            sharedWith: review.sharedWith,
            ratings: review.ratings,
          }),
          described,
        );
        if (changes)
          await recordAudit(tx, {
            allianceId: alliance.id,
            actorUserId: user.id,
            entityType: REVIEW_AUDIT_ENTITY,
            entityId: review.id,
            action: 'review-changed',
            ...changes,
            at: now,
          });
      } else {
        reviewId = await insertReview(tx, {
          allianceId: alliance.id,
          agreementId,
          versionId: agreement.version.id,
          kind,
          summary: input.summary,
          nextSteps: input.nextSteps,
          sharedWith: input.sharedWith,
          recordedByUserId: user.id,
          recordedAt: now,
        });
        if (reviewId === undefined)
          return {
            ok: false,
            status: 409,
            message: `Someone has just recorded the ${REVIEW_KIND_LABELS[kind].toLowerCase()} of this agreement. Go back to the agreement to read it`,
          } as const;
        await recordAudit(tx, {
          allianceId: alliance.id,
          actorUserId: user.id,
          entityType: REVIEW_AUDIT_ENTITY,
          entityId: reviewId,
          action: 'review-recorded',
          after: described,
          at: now,
        });
      }
      await replaceRatings(tx, reviewId!, input.ratings);
      if (kind === 'end')
        await setObjectiveOutcomes(
          tx,
          agreement.version.id,
          input.ratings.map((rating) => ({ objectiveId: rating.objectiveId, outcome: RATING_LABELS[rating.rating] })),
        );
      return { ok: true, changed: review !== undefined } as const;
    });
  }

  async listDue(page: { limit: number; offset: number }) {
    const alliance = await this.alliances.current();
    return listReviewsDue(this.db, {
      signedVersions: this.agreements.signedVersions(alliance.id),
      today: this.today(),
      ...page,
    });
  }
}

/** The review as the audit trail keeps it: each objective's rating and evidence under "Objective N". */
function describeForAudit(
  agreement: Agreement,
  kind: ReviewKind,
  input: Pick<ReviewInput, 'summary' | 'nextSteps' | 'sharedWith'> & {
    ratings: Array<{ objectiveId: number; rating: ProgressRating; evidence: string }>;
  },
): AuditFields {
  const fields: AuditFields = { review: `${REVIEW_KIND_LABELS[kind]} of version ${agreement.version.number}` };
  agreement.version.objectives.forEach((objective, index) => {
    const rating = input.ratings.find((candidate) => candidate.objectiveId === objective.id);
    fields[`Objective ${index + 1}`] = rating ? `${RATING_LABELS[rating.rating]}: ${rating.evidence}` : null;
  });
  return {
    ...fields,
    summary: input.summary,
    nextSteps: input.nextSteps,
    sharedWith: NOTE_SHARING_LABELS[input.sharedWith],
  };
}
