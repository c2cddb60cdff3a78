/** The words of the visits capability, as values: the tables, the forms and the pages share them. */

/** A planned visit lasts half a day or a whole day: what schools release staff for. */
export const VISIT_LENGTHS = ['half-day', 'full-day'] as const;
export type VisitLength = (typeof VISIT_LENGTHS)[number];

/** What was done in a piece of delivered support: one or more of these. */
export const ACTIVITIES = ['coaching', 'mentoring', 'training', 'analysis', 'planning', 'arranging-training'] as const;
export type Activity = (typeof ACTIVITIES)[number];
