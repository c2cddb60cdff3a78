import { daysBetween } from '../../platform/calendar/calendar-date.ts';
import type { SignedVersion } from './visits.service.ts';

/**
 * The half days agreed in a signed version, that delivery is measured against:
 * - an SLE deployment: the days in its terms;
 * - an LLE placement: its intensity (half days a week) for each whole week from its start date to its
 *   end date, holidays included, as the placement's terms state no term dates; plus the days of each
 *   staff pairing.
 * The overview (delivery-overview.repository.ts) computes the same in SQL; a test holds them together.
 */
export const AGREED_RULE =
  'Agreed: for an SLE deployment, the days in its signed terms. For an LLE placement, its days a week for every whole week from its start date to its end date (school holidays included), plus the days agreed for each staff pairing.';

export function agreedHalfDays(signed: SignedVersion): number {
  const { terms } = signed;
  if (terms.kind === 'sle-deployment') return terms.halfDays;
  const weeks = Math.floor(daysBetween(terms.startDate, terms.endDate) / 7);
  return terms.intensityHalfDaysPerWeek * weeks + signed.pairings.reduce((sum, pairing) => sum + pairing.halfDays, 0);
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
