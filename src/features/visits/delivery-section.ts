import type { CurrentUser } from '../../platform/access.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatHalfDays } from '../../platform/units.ts';
import type { Services } from '../../services.ts';
import type { Agreement } from '../agreements/agreements.service.ts';
import { auditTrailFor } from '../audit/audit.service.ts';
import { AGREED_RULE, agreedHalfDays, percentDelivered } from './agreed-days.ts';
import { HOURS_RULE } from './delivery-time.ts';
import { ACTIVITY_LABELS, attendeeLabel, describeTime, formatStartTime, LENGTH_LABELS } from './visits.labels.ts';
import { deliveredOn, listDeliveryLogs, listPlannedVisits } from './visits.repository.ts';
import { DELIVERY_ENTITY } from './visits.service.ts';

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
  progress: 'Progress against objectives',
};

/**
 * The agreement page's "Visits and delivery" section (visits/views/_delivery.njk): planned visits
 * with their calendar files, delivered against agreed, and each log. Undefined until the agreement
 * is signed: there is nothing to plan or log before then.
 */
export async function deliverySection(services: Services, user: CurrentUser, agreement: Agreement) {
  const context = await services.delivery.contextFor(user, agreement);
  const { signed } = context;
  if (!signed) return undefined;
  const id = agreement.agreement.id;
  const base = `/staff/agreements/${id}`;
  // One after another: PGlite serves one query at a time.
  const visits = await listPlannedVisits(services.db, id);
  const logs = await listDeliveryLogs(services.db, id);
  const delivered = await deliveredOn(services.db, id);
  const agreed = agreedHalfDays(signed);
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
      progress: log.progress.map((item) => ({ objective: signed.objectives.find((objective) => objective.id === item.objectiveId)?.objective ?? 'An earlier objective', text: item.progress })),
      loggedBy: log.loggedByName,
      changeHref: services.delivery.mayChangeLog(user, context, log) ? `${base}/delivery/${log.id}` : undefined,
    })),
    auditTrail: await auditTrailFor(services.db, user, { allianceId: agreement.agreement.allianceId, entityType: DELIVERY_ENTITY, entityId: id, labels: DELIVERY_FIELD_LABELS, actions: DELIVERY_ACTIONS }),
  };
}
