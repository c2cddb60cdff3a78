import type { ProgressRating, ReviewKind } from './reviews.model.ts';

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = { 'mid-point': 'Mid-point review', end: 'End review' };

export const RATING_LABELS: Record<ProgressRating, string> = {
  'not-met': 'Not met',
  'partly-met': 'Partly met',
  met: 'Met',
  exceeded: 'Exceeded',
};

export const RATING_TAG_CLASSES: Record<ProgressRating, string> = {
  'not-met': 'govuk-tag--red',
  'partly-met': 'govuk-tag--yellow',
  met: 'govuk-tag--green',
  exceeded: 'govuk-tag--turquoise',
};

/** What the audit trail of a review calls its actions and fields. */
export const REVIEW_ACTIONS: Record<string, string> = {
  'review-recorded': 'Review recorded',
  'review-changed': 'Review changed',
};
export const REVIEW_FIELD_LABELS: Record<string, string> = {
  review: 'Review',
  summary: 'Summary',
  nextSteps: 'Next steps',
  sharedWith: 'Shared with',
};
