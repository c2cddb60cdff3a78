/** How long each kind of record is kept: what an administrator sets, and the notice states. */
export type RetentionSchedule = {
  /** Enquiries that led to no support, in years after they were closed. */
  closedEnquiryYears: number;
  /** Agreements and their delivery, reviews and feedback, in years after the support ended. */
  agreementYears: number;
  /** The bodies of emails in the outbox, in days after sending. */
  outboxBodyDays: number;
};

/**
 * The defaults: 2 years lets a school that comes back be helped with its history; 6 years after the end
 * covers the limitation period for a claim on an agreement (Limitation Act 1980, s.5), which schools and
 * funders rely on; 90 days of email bodies is enough to answer "did you send it?".
 */
export const DEFAULT_RETENTION: RetentionSchedule = { closedEnquiryYears: 2, agreementYears: 6, outboxBodyDays: 90 };

export const RETENTION_BOUNDS: Record<keyof RetentionSchedule, { minimum: number; maximum: number }> = {
  closedEnquiryYears: { minimum: 1, maximum: 10 },
  agreementYears: { minimum: 1, maximum: 15 },
  outboxBodyDays: { minimum: 1, maximum: 730 },
};

/**
 * How long applications for designation that led to no designation are kept. Not a setting: a year
 * after a withdrawal or a decision not to designate covers the appeal window and the next yearly
 * recruitment round, when the alliance may need to see why an applicant who applies again was not
 * designated; an application never sent is the applicant's draft, and after 6 months unsaved (long after
 * its emailed link has expired) nobody is coming back to it. Designated applicants' records are the
 * leader's, kept with the leader.
 */
export const APPLICATION_RETENTION = { closedYears: 1, unsentMonths: 6 } as const;

/** What one retention run removes (or would): the counts kept with its audit event. */
export type RetentionCounts = {
  enquiriesAnonymised: number;
  agreementsAnonymised: number;
  emailBodiesRemoved: number;
  sessionsDeleted: number;
  signInLinksDeleted: number;
  applicationsAnonymised: number;
  unsentApplicationsDeleted: number;
};

export const RETENTION_COUNT_LABELS: Record<keyof RetentionCounts, string> = {
  enquiriesAnonymised: 'Enquiries that led to no support: contact details and what the school wrote removed',
  agreementsAnonymised: 'Agreements ended: names, notes, evidence and comments removed from them and their delivery',
  emailBodiesRemoved: 'Emails sent: bodies removed',
  sessionsDeleted: 'Sessions ended or expired: deleted',
  signInLinksDeleted: 'Invitation and password links expired: deleted',
  applicationsAnonymised:
    'Applications withdrawn or not designated a year ago: the applicant’s details, evidence, references and feedback removed',
  unsentApplicationsDeleted: 'Applications never sent and not saved for 6 months: deleted',
};

/** The text that replaces what was removed, so a page shows that something was there. */
export const REMOVED = 'Removed';

export const RETENTION_JOB = 'privacy-retention';
/** Before the working day, so the day's pages already show what is left. London time. */
export const RETENTION_TIME_OF_DAY = '02:00';

export const erasureReference = (id: number) => `ERASURE-${id}`;
