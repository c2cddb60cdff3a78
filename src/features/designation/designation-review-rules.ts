import { addMonths, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { Term } from '../../platform/calendar/term-weeks.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import { MOVED_SCHOOL_REVIEW_MONTHS, type ReviewReason } from './designation-reviews.model.ts';

/**
 * The dates of a designation's review, as plain rules: when one falls due, which count as due soon or
 * overdue, and when a review opened early is due. Every date is a London calendar day.
 */

/**
 * Without the alliance's term dates, "the next term" is taken as the next 3 months: about a term,
 * and time enough to gather evidence and ask the head and chair before the date passes.
 */
export const REVIEW_WINDOW_MONTHS = 3;

/**
 * A review opened early because the leader no longer meets the criteria, or for professional
 * misconduct, is due within 20 working days (four school weeks): the leader stays listed and
 * proposable while it is open, so a question about their fitness must not stand for a term; four
 * weeks still give them time to answer and the head to be asked.
 */
export const EARLY_REVIEW_WORKING_DAYS = 20;

/**
 * The day a designation starting on `start` is reviewed: `years` later, on the same day of the month,
 * kept within the month (29 February is reviewed on 28 February in a year that is not a leap year).
 */
export function reviewDateFor(start: CalendarDate, years: number): CalendarDate {
  return addMonths(start, years * 12);
}

/** A re-designation runs a new period from the day of its outcome. */
export function redesignatedReviewDate(outcomeOn: CalendarDate, years: number): CalendarDate {
  return reviewDateFor(outcomeOn, years);
}

/**
 * The last day of "the next term": the end of the first of the alliance's terms starting after
 * today, so a review due this term or next is on the list in time; 3 months on without one.
 */
export function reviewWindowEnd(today: CalendarDate, terms: readonly Term[]): CalendarDate {
  const next = [...terms].sort((a, b) => (a.firstDay < b.firstDay ? -1 : 1)).find((term) => term.firstDay > today);
  return next ? next.lastDay : addMonths(today, REVIEW_WINDOW_MONTHS);
}

export type ReviewTiming = 'overdue' | 'due' | 'not-due';

/**
 * Where a designation in force stands: overdue when its review date has passed and no review has
 * closed on or after that date; due when the date falls between today and the window's end.
 */
export function reviewTiming(
  reviewDate: CalendarDate,
  today: CalendarDate,
  windowEnd: CalendarDate,
  lastClosedOn: CalendarDate | null = null,
): ReviewTiming {
  if (lastClosedOn !== null && lastClosedOn >= reviewDate) return 'not-due';
  if (reviewDate < today) return 'overdue';
  return reviewDate <= windowEnd ? 'due' : 'not-due';
}

/**
 * When a review is due: at the end of a period, on the designation's review date (today if that has
 * passed); early for the criteria or misconduct, 20 working days after it opens; after a move of
 * school, 18 months after the move (month-end kept, as for review dates).
 */
export function reviewDueOn(
  reason: ReviewReason,
  context: {
    openedOn: CalendarDate;
    reviewDate: CalendarDate;
    movedOn?: CalendarDate;
    calendar: Pick<WorkingCalendar, 'addWorkingDays'>;
  },
): CalendarDate {
  switch (reason) {
    case 'period-ended':
      return context.reviewDate > context.openedOn ? context.reviewDate : context.openedOn;
    case 'criteria-not-met':
    case 'misconduct':
      return context.calendar.addWorkingDays(context.openedOn, EARLY_REVIEW_WORKING_DAYS);
    case 'moved-school':
      return movedSchoolReviewDueOn(context.movedOn ?? context.openedOn);
  }
}

/** A move of school is reviewed 18 months after the move, the day kept within the month. */
export function movedSchoolReviewDueOn(movedOn: CalendarDate): CalendarDate {
  return addMonths(movedOn, MOVED_SCHOOL_REVIEW_MONTHS);
}

/** The early reasons a coordinator may choose; a move of school opens its review itself. */
export const EARLY_REASONS = ['criteria-not-met', 'misconduct'] as const satisfies readonly ReviewReason[];
export type EarlyReason = (typeof EARLY_REASONS)[number];

export const REASON_LABELS: Record<ReviewReason, string> = {
  'period-ended': 'End of the designation period',
  'criteria-not-met': 'No longer meets the criteria',
  misconduct: 'Professional misconduct',
  'moved-school': 'Moved school',
};

/**
 * The days a year the school releases the leader, from the head's and chair's answers: both must
 * agree, so the lesser of the two; undefined unless both said yes.
 */
export function agreedReleaseDays(
  answers: ReadonlyArray<{ role: 'head' | 'chair'; supports: boolean | null; releaseDays: number | null }>,
): number | undefined {
  const head = answers.find((answer) => answer.role === 'head');
  const chair = answers.find((answer) => answer.role === 'chair');
  if (!head?.supports || !chair?.supports) return undefined;
  return Math.min(head.releaseDays ?? 0, chair.releaseDays ?? 0);
}

/** The newest request for each role (head, then chair): a new request replaces the one before. */
export function latestPerRole<T extends { id: number; role: 'head' | 'chair'; sentAt: Date }>(
  requests: readonly T[],
): T[] {
  const newest = (role: T['role']) =>
    requests
      .filter((request) => request.role === role)
      .sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime() || b.id - a.id)[0];
  return [newest('head'), newest('chair')].filter((request): request is T => request !== undefined);
}
