import type { CurrentUser } from '../../platform/access.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatHalfDays } from '../../platform/units.ts';
import type { Agreement } from '../agreements/agreements.service.ts';
import { NOTE_SHARING_LABELS } from '../agreements/note-sharing.ts';
import { AGREED_RULE, agreedBasis, agreedDays, percentDelivered } from './agreed-days.ts';
import { HOURS_RULE } from './delivery-time.ts';
import { ACTIVITY_LABELS, attendeeLabel, describeTime, formatStartTime, LENGTH_LABELS } from './visits.labels.ts';
import type { DeliveryService } from './visits.service.ts';

/**
 * The agreement page's "Visits and delivery" section (visits/views/_delivery.njk): planned visits
 * with their calendar files, delivered against agreed, and each log. Undefined until the agreement
 * is signed: there is nothing to plan or log before then.
 */
export async function deliverySection(delivery: DeliveryService, user: CurrentUser, agreement: Agreement) {
  const context = await delivery.contextFor(user, agreement);
  const { signed } = context;
  if (!signed) return undefined;
  const id = agreement.agreement.id;
  const base = `/staff/agreements/${id}`;
  // One after another: PGlite serves one query at a time.
  const visits = await delivery.plannedVisits(context);
  const logs = await delivery.logs(user, context);
  const delivered = await delivery.delivered(context);
  const counted = agreedDays(signed, await delivery.termDates());
  const agreed = counted.halfDays;
  const who = (pairingId: number | null) => attendeeLabel(signed.pairings, pairingId, agreement.leader.name);
  const percent = percentDelivered(delivered.total, agreed);
  return {
    canManage: context.canManage,
    planHref: `${base}/visits/new`,
    logHref: `${base}/delivery/new`,
    calendarHref: `${base}/visits/calendar.ics`,
    visits: visits.map((visit) => ({
      date: formatLongDate(visit.date),
      time: `${visit.startMinutes === null ? 'Time to be arranged' : `From ${formatStartTime(visit.startMinutes)}`}, ${LENGTH_LABELS[visit.length].toLowerCase()}`,
      place: visit.place,
      who: who(visit.pairingId),
      calendarHref: `${base}/visits/${visit.id}/calendar.ics`,
      removeAction: `${base}/visits/${visit.id}/remove`,
    })),
    totals: {
      agreed: formatHalfDays(agreed),
      agreedBasis: agreedBasis(counted),
      delivered: formatHalfDays(delivered.total),
      byLeader: signed.pairings.length > 0 ? formatHalfDays(delivered.byLeader) : undefined,
      percent: percent === undefined ? 'Not known' : `${percent}%`,
      lastDate: delivered.lastDate ? formatLongDate(delivered.lastDate) : 'Nothing logged yet',
    },
    agreedRule: AGREED_RULE,
    hoursRule: HOURS_RULE,
    logs: logs.map((log) => ({
      date: formatLongDate(log.date),
      who: who(log.pairingId),
      time: describeTime(log),
      activities: log.activities.map((activity) => ACTIVITY_LABELS[activity]).join(', '),
      notes: log.notes,
      sharedWith: NOTE_SHARING_LABELS[log.sharedWith],
      progress: log.progress.map((item) => ({
        objective:
          signed.objectives.find((objective) => objective.id === item.objectiveId)?.objective ?? 'An earlier objective',
        text: item.progress,
      })),
      loggedBy: log.loggedByName,
      changeHref: delivery.mayChangeLog(user, context, log) ? `${base}/delivery/${log.id}` : undefined,
    })),
    auditTrail: await delivery.trail(user, context),
  };
}
