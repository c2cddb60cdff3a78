import type { CurrentUser } from '../../platform/access.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import type { Objective } from '../agreements/agreement-versions.service.ts';
import type { AgreementService } from '../agreements/agreements.service.ts';
import { RATING_LABELS, RATING_TAG_CLASSES, REVIEW_KIND_LABELS } from './reviews.labels.ts';
import {
  reviewOpensOn,
  whyCannotRecord,
  type ReviewService,
  type SignedAgreement,
  type StoredReview,
} from './reviews.service.ts';
import { REVIEW_KINDS } from './reviews.model.ts';
import { NOTE_SHARING_LABELS } from '../agreements/note-sharing.ts';

/** A recorded review as the page shows it: each objective's rating and evidence, then the rest. */
function presentReview(review: StoredReview, objectives: Objective[]) {
  return {
    versionNumber: review.versionNumber,
    kindLabel: REVIEW_KIND_LABELS[review.kind],
    ratings: objectives.map((objective, index) => {
      const rating = review.ratings.find((candidate) => candidate.objectiveId === objective.id);
      return {
        number: index + 1,
        objective: objective.objective,
        rating: rating && { text: RATING_LABELS[rating.rating], classes: RATING_TAG_CLASSES[rating.rating] },
        evidence: rating?.evidence ?? '',
      };
    }),
    summary: review.summary,
    nextSteps: review.nextSteps,
    sharedWith: NOTE_SHARING_LABELS[review.sharedWith],
    recorded: `${review.recordedByName}, ${formatLondonDateTime(review.recordedAt)}`,
    changed: review.changedAt
      ? `${review.changedByName ?? 'Unknown'}, ${formatLondonDateTime(review.changedAt)}`
      : undefined,
  };
}

/**
 * What the agreement page shows of the reviews, for this person: the data for
 * `reviews/views/_agreement-section.njk`. `target` is the agreement as ReviewService.signedAgreement
 * found it for this person.
 */
export async function reviewsSection(
  services: { reviews: ReviewService; agreements: AgreementService },
  user: CurrentUser,
  target: SignedAgreement,
) {
  const id = target.agreement.agreement.id;
  const base = `/staff/agreements/${id}`;
  const today = services.reviews.today();
  // Every review decides what may be recorded; only those shared with this person are shown.
  const reviews = await services.reviews.reviewsOf(target);
  const shown = services.reviews.reviewsFor(user, target, reviews);
  const version = target.agreement.version;

  const kinds = (target.signed ? REVIEW_KINDS : []).map((kind) => {
    const review = shown.find((candidate) => candidate.versionId === version.id && candidate.kind === kind);
    const opensOn =
      target.startDate && target.endDate
        ? reviewOpensOn(kind, { startDate: target.startDate, endDate: target.endDate })
        : undefined;
    const canAct = !whyCannotRecord(user, target, kind, reviews, today);
    return {
      title: REVIEW_KIND_LABELS[kind],
      review: review && presentReview(review, version.objectives),
      // Recorded but not shared with this person: say so, rather than "not recorded yet".
      notShared: !review && reviews.some((candidate) => candidate.versionId === version.id && candidate.kind === kind),
      opensOn: opensOn && formatLongDate(opensOn),
      due: opensOn !== undefined && opensOn <= today,
      action: canAct
        ? {
            href: `${base}/reviews/${kind}`,
            text: review
              ? `Change the ${REVIEW_KIND_LABELS[kind].toLowerCase()}`
              : `Record the ${REVIEW_KIND_LABELS[kind].toLowerCase()}`,
          }
        : undefined,
    };
  });

  const earlier = [];
  for (const review of shown.filter((candidate) => candidate.versionId !== version.id)) {
    const ofVersion = await services.agreements.find(user, id, review.versionNumber);
    if (ofVersion)
      earlier.push({
        title: `${REVIEW_KIND_LABELS[review.kind]} of version ${review.versionNumber}`,
        review: presentReview(review, ofVersion.version.objectives),
        action: undefined,
      });
  }

  const history = [];
  for (const review of shown) {
    const trail = await services.reviews.trail(user, target.agreement.agreement.allianceId, review.id);
    if (trail)
      history.push(
        ...trail.map((event) => ({
          ...event,
          review: `${REVIEW_KIND_LABELS[review.kind]}, version ${review.versionNumber}`,
        })),
      );
  }

  return {
    signed: target.signed,
    versionNumber: version.number,
    dates:
      target.startDate && target.endDate
        ? `${formatLongDate(target.startDate)} to ${formatLongDate(target.endDate)}`
        : undefined,
    entries: [...kinds, ...earlier],
    history,
  };
}
