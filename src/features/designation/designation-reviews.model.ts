/**
 * Why a designation is reviewed: at the end of its period, or early when the leader no longer meets
 * the criteria, for professional misconduct (for example withdrawing from agreed support without just
 * cause or notice), or 18 months after they move school.
 */
export const REVIEW_REASONS = ['period-ended', 'criteria-not-met', 'misconduct', 'moved-school'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const REVIEW_OUTCOMES = ['redesignated', 'de-designated', 'resigned'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** A move of school is reviewed this many months after the move. */
export const MOVED_SCHOOL_REVIEW_MONTHS = 18;

/** Who renews a school's release consent during a review, or after a leader moves school. */
export const CONSENT_ROLES = ['head', 'chair'] as const;
export type ConsentRole = (typeof CONSENT_ROLES)[number];

/** Where a review's steps are kept on the audit trail. */
export const REVIEW_AUDIT_ENTITY = 'designation-review';
