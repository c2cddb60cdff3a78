/** The words of the reviews capability, as values: the tables, the forms and the pages share them. */

export const REVIEW_KINDS = ['mid-point', 'end'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** How far an objective has been achieved, worst to best. */
export const PROGRESS_RATINGS = ['not-met', 'partly-met', 'met', 'exceeded'] as const;
export type ProgressRating = (typeof PROGRESS_RATINGS)[number];
