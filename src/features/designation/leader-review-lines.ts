import type { LeaderReviews } from '../leaders/leader-reviews.ts';
import { REASON_LABELS } from './designation-review-rules.ts';
import { OUTCOME_LABELS, type DesignationReviewService } from './designation-reviews.service.ts';

/** A leader's reviews as their staff page lists them, through the reviews service (which decides who may see them). */
export function leaderReviewLines(reviews: DesignationReviewService): LeaderReviews {
  return async (user, leaderId) =>
    (await reviews.ofLeader(user, leaderId)).map((review) => ({
      href: `/staff/designation-reviews/${review.id}`,
      designationType: review.designationType,
      reason: REASON_LABELS[review.reason],
      openedOn: review.openedOn,
      dueOn: review.dueOn,
      outcome: review.outcome ? OUTCOME_LABELS[review.outcome] : undefined,
      closedOn: review.closedOn,
    }));
}
