/** The words of the register of system leaders, as values: the tables, the forms and the pages share them. */

export const DESIGNATION_TYPES = ['sle', 'lle', 'nle'] as const;
export type DesignationType = (typeof DESIGNATION_TYPES)[number];

export const DESIGNATION_STATUSES = ['applicant', 'designated', 'under-review', 'lapsed', 'withdrawn'] as const;
export type DesignationStatus = (typeof DESIGNATION_STATUSES)[number];
/** Designations in force: these let a leader be listed and proposed. */
export const ACTIVE_DESIGNATION_STATUSES: readonly DesignationStatus[] = ['designated', 'under-review'];

/** The phases a leader can support. */
export const PHASES = ['early-years', 'primary', 'secondary', 'post-16', 'special', 'alternative-provision'] as const;
export type Phase = (typeof PHASES)[number];
