import { formatHalfDays } from '../../platform/units.ts';
import type { Pairing } from '../agreements/agreement-versions.service.ts';
import { formatMinutes } from './delivery-time.ts';
import type { Activity, VisitLength } from './visits.model.ts';

export const ACTIVITY_LABELS: Record<Activity, string> = {
  coaching: 'Coaching',
  mentoring: 'Mentoring',
  training: 'Training',
  analysis: 'Analysis',
  planning: 'Planning',
  'arranging-training': 'Arranging training for staff',
};

export const LENGTH_LABELS: Record<VisitLength, string> = { 'half-day': 'Half a day', 'full-day': 'A full day' };

/** How long a planned visit with a start time lasts in people's calendars: the half day of the hours rule, or two. */
export const LENGTH_MINUTES: Record<VisitLength, number> = { 'half-day': 180, 'full-day': 360 };

/** "Deputy headteacher (Sam Lee) with Deputy headteacher": one of a placement's staff pairings. */
export function pairingLabel(
  pairing: Pick<Pairing, 'leaderSchoolRole' | 'leaderSchoolName' | 'supportedSchoolRole' | 'supportedSchoolName'>,
): string {
  const person = (role: string, name: string | null) => (name ? `${role} (${name})` : role);
  return `${person(pairing.leaderSchoolRole, pairing.leaderSchoolName)} with ${person(pairing.supportedSchoolRole, pairing.supportedSchoolName)}`;
}

/**
 * Who a visit or log names: the leader, or a pairing. A pairing of an earlier signed version (a
 * variation copies pairings under new ids) is still paired staff, never the leader.
 */
export function attendeeLabel(
  pairings: Array<Parameters<typeof pairingLabel>[0] & { id: number }>,
  pairingId: number | null,
  leader: string,
): string {
  if (pairingId === null) return leader;
  const pairing = pairings.find((candidate) => candidate.id === pairingId);
  return pairing ? pairingLabel(pairing) : 'Paired staff named in an earlier version of the agreement';
}

/** A log's time as it was given, and what it counts for when given in hours. */
export function describeTime(log: {
  halfDays: number | null;
  minutes: number | null;
  countedHalfDays: number;
}): string {
  if (log.halfDays !== null) return formatHalfDays(log.halfDays);
  return `${formatMinutes(log.minutes ?? 0)} (counts as ${formatHalfDays(log.countedHalfDays)})`;
}

/** "9:30am" from minutes after midnight. */
export function formatStartTime(minutes: number): string {
  const hour24 = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  return `${hour12}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}${hour24 < 12 ? 'am' : 'pm'}`;
}

/** What the audit trail calls each change to an agreement's visits and delivery. */
export const DELIVERY_ACTIONS: Record<string, string> = {
  'visit-planned': 'Visit planned',
  'visit-removed': 'Planned visit removed',
  'delivery-logged': 'Delivery logged',
  'delivery-changed': 'Delivery log changed',
  'delivery-deleted': 'Delivery log deleted',
};

export const DELIVERY_FIELD_LABELS: Record<string, string> = {
  visit: 'Visit',
  log: 'Log',
  date: 'Date',
  startTime: 'Start time',
  length: 'Length',
  place: 'Place',
  attendee: 'Who',
  time: 'Time',
  activities: 'Activities',
  notes: 'Notes',
  sharedWith: 'Shared with',
  progress: 'Progress against objectives',
};
