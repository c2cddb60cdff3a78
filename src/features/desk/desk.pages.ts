import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../../platform/access.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime, londonDate } from '../../platform/calendar/london-time.ts';
import type { Services } from '../../services.ts';
import type { EnquiryRow } from '../enquiries/enquiries.repository.ts';
import type { SupportType } from '../enquiries/enquiries.tables.ts';
import { FIRST_CONTACT_METHOD_LABELS, PRIORITY_REASON_LABELS } from '../enquiries/enquiry-lifecycle.service.ts';
import { normaliseEnquiryReference } from '../enquiries/enquiry-reference.ts';
import { STATUS_LABELS, STATUS_TAG_CLASSES, type EnquiryStatus } from '../enquiries/enquiry-status.ts';
import { describeClock } from './enquiry-clock.ts';
import type { EnquiryFile, QueueItem } from './desk.service.ts';

/** How the desk's pages turn enquiries into what their templates show. */

export const SUPPORT_TYPE_SHORT_LABELS: Record<SupportType, string> = { sle: 'SLE', lle: 'LLE', unsure: 'Not sure' };

export type WithReference = FastifyRequest<{ Params: { reference: string } }>;
export type Body = Record<string, unknown>;

export const bodyOf = (request: FastifyRequest): Body => (typeof request.body === 'object' && request.body !== null ? (request.body as Body) : {});

export const EXPIRED_FORM = 'This form had expired, so nothing was changed. Check your answers and try again';

export function actorOf(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new Error('The access guard lets only signed-in staff reach the desk');
  return request.user;
}

export const enquiryPath = (reference: string) => `/staff/enquiries/${reference}`;

/** The enquiry the URL names, in this alliance; a reference typed with small slips still finds it. */
export async function loadEnquiry(services: Services, request: FastifyRequest): Promise<EnquiryRow | undefined> {
  const raw = (request.params as { reference?: string }).reference ?? '';
  const reference = raw.length <= 20 ? normaliseEnquiryReference(raw) : undefined;
  return reference ? services.desk.findEnquiry(reference) : undefined;
}

export function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

export const statusTag = (status: EnquiryStatus) => ({ text: STATUS_LABELS[status], classes: STATUS_TAG_CLASSES[status] });

/** "23 Nov 2026": dates in a table column, where the long form would wrap. */
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
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
  return {
    reference: enquiry.reference,
    href: enquiryPath(enquiry.reference),
    schoolName: file.school.name,
    status: statusTag(enquiry.status),
    clock: { text: clock.text, classes: clock.tagClass, detail: clock.detail },
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
        }
      : undefined,
  };
}
