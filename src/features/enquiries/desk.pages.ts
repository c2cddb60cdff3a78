import type { FastifyRequest } from 'fastify';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime, londonDate } from '../../platform/calendar/london-time.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { FormErrors } from '../../platform/forms.ts';
import type { Enquiry } from './enquiries.service.ts';
import { HEARD_FROM, SUPPORT_TYPE_LABELS, TIMESCALES } from './enquiries.schema.ts';
import type { SupportType } from './enquiries.model.ts';
import { FIRST_CONTACT_METHOD_LABELS, PRIORITY_REASON_LABELS } from './enquiry-lifecycle.service.ts';
import { normaliseEnquiryReference } from './enquiry-reference.ts';
import { deskMoves, OPEN_STATUSES, STATUS_LABELS, STATUS_TAG_CLASSES, type EnquiryStatus } from './enquiry-status.ts';
import { describeClock } from './enquiry-clock.ts';
import type { EnquiryDeskService } from './desk.service.ts';
import type { EnquiryFile, QueueItem } from './desk.types.ts';

/** How the desk's pages turn enquiries into what their templates show. */

export const SUPPORT_TYPE_SHORT_LABELS: Record<SupportType, string> = { sle: 'SLE', lle: 'LLE', unsure: 'Not sure' };

export type WithReference = FastifyRequest<{ Params: { reference: string } }>;
export type Body = Record<string, unknown>;

export const EXPIRED_FORM = 'This form had expired, so nothing was changed. Check your answers and try again';

export const enquiryPath = (reference: string) => `/staff/enquiries/${reference}`;

/** The enquiry the URL names, in this alliance; a reference typed with small slips still finds it. */
export async function loadEnquiry(
  services: { desk: EnquiryDeskService },
  request: FastifyRequest,
): Promise<Enquiry | undefined> {
  const raw = (request.params as { reference?: string }).reference ?? '';
  const reference = raw.length <= 20 ? normaliseEnquiryReference(raw) : undefined;
  return reference ? services.desk.findEnquiry(reference) : undefined;
}

export const statusTag = (status: EnquiryStatus) => ({
  text: STATUS_LABELS[status],
  classes: STATUS_TAG_CLASSES[status],
});

/** "23 Nov 2026": dates in a table column, where the long form would wrap. */
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
export const shortDate = (date: string) => SHORT_DATE.format(new Date(`${date}T00:00:00Z`));

export function queueRow(item: QueueItem) {
  const clock = describeClock(item.clock, item.respondBy);
  return {
    reference: item.reference,
    href: enquiryPath(item.reference),
    schoolName: item.schoolName,
    schoolTown: item.schoolTown,
    kind: SUPPORT_TYPE_SHORT_LABELS[item.supportType],
    specialisms: item.specialismNames.join(', '),
    receivedOn: shortDate(londonDate(item.receivedAt)),
    respondBy: shortDate(item.respondBy),
    clock: { text: clock.text, classes: clock.tagClass },
    status: statusTag(item.status),
    coordinatorName: item.coordinatorName,
    priority: item.priorityReasons.length > 0,
  };
}

/** The top of an enquiry page and of each of its forms: which enquiry, and where it stands. */
export function enquiryHeading(file: EnquiryFile) {
  const { enquiry } = file;
  const clock = describeClock(file.clock, enquiry.respondBy);
  // A deadline after the last known bank holiday counts any later one as a working day: say so.
  const beyond = file.respondByBeyondBankHolidays;
  const running = file.clock.state !== 'met' && file.clock.state !== 'missed' && file.clock.state !== 'stopped';
  const unknownHolidays =
    !beyond || !running
      ? ''
      : beyond.knownUntil
        ? ` (bank holidays after ${formatLongDate(beyond.knownUntil)} are not known yet, so this date may not allow for one)`
        : ' (no bank holidays are known, so this date may not allow for one)';
  return {
    reference: enquiry.reference,
    href: enquiryPath(enquiry.reference),
    schoolName: file.school.name,
    status: statusTag(enquiry.status),
    clock: { text: clock.text, classes: clock.tagClass, detail: clock.detail + unknownHolidays },
    respondBy: formatLongDate(enquiry.respondBy),
    receivedAt: formatLondonDateTime(enquiry.receivedAt),
    coordinatorName: file.coordinatorName,
    priorityReasons: enquiry.priorityReasons.map((reason) => PRIORITY_REASON_LABELS[reason]),
    firstContact: enquiry.firstContactAt
      ? {
          at: formatLondonDateTime(enquiry.firstContactAt),
          method: enquiry.firstContactMethod ? FIRST_CONTACT_METHOD_LABELS[enquiry.firstContactMethod] : 'Not recorded',
          byName: file.firstContactByName ?? 'Not recorded',
          notes: enquiry.firstContactNotes,
          late:
            enquiry.firstContactLateReason && enquiry.firstContactRecordedAt
              ? {
                  recordedAt: formatLondonDateTime(enquiry.firstContactRecordedAt),
                  reason: enquiry.firstContactLateReason,
                }
              : undefined,
        }
      : undefined,
  };
}

/**
 * What the desk contributes to an enquiry's page (enquiry-page/ adds the proposals): the enquiry, its
 * clock, notes and trail, and the moves that can be made from it. Undefined for someone who may not
 * see the enquiry's file.
 */
export async function enquiryPageContext(
  desk: EnquiryDeskService,
  user: CurrentUser,
  enquiry: Enquiry,
  note?: { value: string; errors: FormErrors },
) {
  const file = await desk.file(user, enquiry);
  if (!file) return undefined;
  return {
    heading: enquiryHeading(file),
    enquiry,
    school: file.school,
    specialismNames: file.specialismNames,
    requestedLeader: file.requestedLeader,
    supportType: SUPPORT_TYPE_LABELS[enquiry.supportType],
    timescale: TIMESCALES[enquiry.timescale as keyof typeof TIMESCALES] ?? enquiry.timescale,
    heardFrom: enquiry.heardFrom
      ? (HEARD_FROM[enquiry.heardFrom as keyof typeof HEARD_FROM] ?? enquiry.heardFrom)
      : 'Not said',
    nextMoves: deskMoves(enquiry.status).map((to) => ({
      text: STATUS_LABELS[to],
      href: `${enquiryPath(enquiry.reference)}/status?to=${to}`,
    })),
    notes: file.notes.map((item) => ({ ...item, when: formatLondonDateTime(item.at) })),
    noteValue: note?.value ?? '',
    errors: note?.errors,
    matchingHref: OPEN_STATUSES.includes(enquiry.status) ? `${enquiryPath(enquiry.reference)}/matching` : undefined,
    auditTrail: await desk.trail(user, enquiry),
  };
}
