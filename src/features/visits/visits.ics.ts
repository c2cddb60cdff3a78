import { calendarFile, type CalendarEvent } from '../../platform/calendar/ics.ts';
import { agreementReference } from '../agreements/agreements.labels.ts';
import type { DeliveryAgreement, SignedVersion } from './visits.service.ts';
import { attendeeLabel, LENGTH_LABELS, LENGTH_MINUTES } from './visits.labels.ts';
import type { PlannedVisitRow } from './visits.repository.ts';

/**
 * Planned visits as calendar events. The UID is the visit's id under the alliance's name, so a visit
 * imported twice (on its own, then with the whole agreement) is the same event, not two.
 */
function visitEvent(
  context: DeliveryAgreement & { signed: SignedVersion },
  visit: PlannedVisitRow,
  allianceSlug: string,
): CalendarEvent {
  const { agreement } = context;
  const who = attendeeLabel(context.signed.pairings, visit.pairingId, agreement.leader.name);
  const reference = agreementReference(agreement.agreement.id);
  return {
    uid: `planned-visit-${visit.id}@${allianceSlug}.school-to-school-support`,
    stamp: visit.createdAt,
    date: visit.date,
    time:
      visit.startMinutes === null
        ? undefined
        : { start: visit.startMinutes, durationMinutes: LENGTH_MINUTES[visit.length] },
    summary: `Support visit: ${agreement.leader.name} at ${agreement.supportedSchool.name}`,
    location: visit.place,
    description: [`${reference}, ${LENGTH_LABELS[visit.length].toLowerCase()}.`, `Attending: ${who}.`].join('\n'),
  };
}

export function visitsCalendar(
  context: DeliveryAgreement & { signed: SignedVersion },
  visits: PlannedVisitRow[],
  alliance: { name: string; slug: string },
): string {
  return calendarFile({
    productId: `-//${alliance.name}//School-to-school support//EN`,
    name: `${agreementReference(context.agreement.agreement.id)} visits: ${context.agreement.supportedSchool.name}`,
    events: visits.map((visit) => visitEvent(context, visit, alliance.slug)),
  });
}
