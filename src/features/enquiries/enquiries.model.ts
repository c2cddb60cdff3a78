/** The words of an enquiry, as values: the tables, the forms and the pages share them (statuses: enquiry-status.ts). */

export const SUPPORT_TYPES = ['sle', 'lle', 'unsure'] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];

/** How the alliance first reached the school. */
export const FIRST_CONTACT_METHODS = ['telephone', 'email', 'meeting', 'other'] as const;
export type FirstContactMethod = (typeof FIRST_CONTACT_METHODS)[number];

/**
 * Why a school's need is a priority, as the alliance's brokerage weighs it: results below the
 * expected standards, a vulnerable school (for example at risk of intervention), or a headteacher in
 * their first headship. Set by a coordinator; matching reads them.
 */
export const PRIORITY_REASONS = ['below-expected-standards', 'vulnerable', 'new-headteacher'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];
