/**
 * An application's own state. Its stage as staff see it (references due, consent due, ready for
 * panel, at panel, decided, appealed) follows from this and from its requests, panel and decision.
 */
export const APPLICATION_STATUSES = ['started', 'sent', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The role an applicant holds now: eligibility turns on it (an HLTA cannot be an SLE). */
export const APPLICANT_ROLES = [
  'middle-leader',
  'senior-leader',
  'deputy-headteacher',
  'headteacher',
  'acting-headteacher',
  'executive-headteacher',
  'hlta',
] as const;
export type ApplicantRole = (typeof APPLICANT_ROLES)[number];

/**
 * What the service asks of someone other than the applicant, each by an emailed single-use link: two
 * references (the applicant's headteacher, or for an LLE the chair of governors; and a leader the
 * applicant has supported) and the release consent of the head and the chair of governors.
 */
export const REQUEST_KINDS = [
  'line-manager-reference',
  'supported-leader-reference',
  'head-consent',
  'chair-consent',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const DECISION_OUTCOMES = ['designated', 'not-designated', 'deferred'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** Why a panel member may not score an applicant. */
export const CONFLICT_REASONS = ['same-school', 'same-trust', 'declared'] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** A panel hears applications first, or appeals against a decision (then no member of the first panel sits). */
export const HEARINGS = ['application', 'appeal'] as const;
export type Hearing = (typeof HEARINGS)[number];

export const APPEAL_OUTCOMES = ['upheld', 'dismissed'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** Scores a panel member gives each criterion: 1 (not met) to 4 (met in full, outstanding). */
export const SCORE_RANGE = { min: 1, max: 4 } as const;
