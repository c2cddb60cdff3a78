import { daysBetween } from '../../platform/calendar/calendar-date.ts';
import { termsCover, termWeeksBetween, type Term } from '../../platform/calendar/term-weeks.ts';
import type { SignedVersion } from './visits.service.ts';

/**
 * The half days agreed in a signed version, that delivery is measured against:
 * - an SLE deployment: the days in its terms;
 * - an LLE placement: its intensity (half days a week) for each week from its start date to its end
 *   date, plus the days of each staff pairing. The weeks are the term weeks (Monday to Sunday weeks
 *   with a day of term) when the alliance's term dates cover every academic year of the placement;
 *   otherwise every whole week, holidays included, as nothing says which weeks are holidays.
 * The overview (delivery-overview.repository.ts) computes the same in SQL; a test holds them together.
 */
export const AGREED_RULE =
  'Agreed: for an SLE deployment, the days in its signed terms. For an LLE placement, its days a week for every week in term from its start date to its end date when the alliance’s term dates are set for those years (otherwise every whole week, school holidays included), plus the days agreed for each staff pairing.';

/** The agreed half days and, for a placement, the weeks they were counted over and whether those were term weeks. */
export type AgreedDays = { halfDays: number; weeks?: { count: number; termWeeks: boolean } };

export function agreedDays(signed: SignedVersion, termDates: Term[]): AgreedDays {
  const { terms } = signed;
  if (terms.kind === 'sle-deployment') return { halfDays: terms.halfDays };
  const termWeeks = termsCover(termDates, terms.startDate, terms.endDate);
  const count = termWeeks
    ? termWeeksBetween(termDates, terms.startDate, terms.endDate)
    : Math.floor(daysBetween(terms.startDate, terms.endDate) / 7);
  const paired = signed.pairings.reduce((sum, pairing) => sum + pairing.halfDays, 0);
  return { halfDays: terms.intensityHalfDaysPerWeek * count + paired, weeks: { count, termWeeks } };
}

export function agreedHalfDays(signed: SignedVersion, termDates: Term[]): number {
  return agreedDays(signed, termDates).halfDays;
}

/** Which weeks a placement's days were counted over, said beside the agreed days. */
export function agreedBasis(agreed: AgreedDays): string | undefined {
  if (!agreed.weeks) return undefined;
  const { count, termWeeks } = agreed.weeks;
  const weeks = `${count} ${termWeeks ? 'term ' : ''}week${count === 1 ? '' : 's'}`;
  return termWeeks ? `over ${weeks}` : `over ${weeks}; set term dates in settings to count term weeks only`;
}

/**
 * Delivered as a share of agreed, in whole percent rounded to the nearest (2 of 12 is 17%), except
 * that it reads 100% only when all is delivered and 0% only when nothing is; undefined with nothing agreed.
 */
export function percentDelivered(delivered: number, agreed: number): number | undefined {
  if (agreed <= 0) return undefined;
  const nearest = Math.round((delivered * 100) / agreed);
  if (delivered > 0 && delivered < agreed) return Math.min(99, Math.max(1, nearest));
  return nearest;
}
