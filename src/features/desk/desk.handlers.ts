import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { field, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import type { Services } from '../../services.ts';
import { auditTrailFor } from '../audit/audit.service.ts';
import { SUPPORT_TYPES } from '../enquiries/enquiries.tables.ts';
import { ENQUIRY_AUDIT_ACTIONS, ENQUIRY_AUDIT_LABELS } from '../enquiries/enquiry-lifecycle.service.ts';
import { ENQUIRY_STATUSES, OPEN_STATUSES, STATUS_LABELS, deskMoves } from '../enquiries/enquiry-status.ts';
import { HEARD_FROM, SUPPORT_TYPE_LABELS, TIMESCALES } from '../enquiries/enquiries.schema.ts';
import type { EnquiryRow } from '../enquiries/enquiries.repository.ts';
import { actorOf, bodyOf, EXPIRED_FORM, enquiryHeading, enquiryPath, loadEnquiry, notFound, queueRow, SUPPORT_TYPE_SHORT_LABELS } from './desk.pages.ts';
import { parseNote, parseQueueQuery, RESPONSE_FILTER_LABELS, RESPONSE_FILTERS, type QueueQuery } from './desk.schema.ts';
import type { QueuePage } from './desk.service.ts';

const QUEUE_PATH = '/staff/enquiries';

/** The queue's URL for a query: only what differs from the defaults, so a plain visit has a plain URL. */
export function queueUrl(query: Partial<QueueQuery>): string {
  const parameters = new URLSearchParams();
  if (query.status && query.status !== 'open') parameters.set('status', query.status);
  if (query.response) parameters.set('response', query.response);
  if (query.kind) parameters.set('kind', query.kind);
  if (query.specialism !== undefined) parameters.set('specialism', String(query.specialism));
  if (query.coordinator !== undefined) parameters.set('coordinator', String(query.coordinator));
  if (query.sort && query.sort !== 'due') parameters.set('sort', query.sort);
  if (query.page && query.page > 1) parameters.set('page', String(query.page));
  const text = parameters.toString();
  return text ? `${QUEUE_PATH}?${text}` : QUEUE_PATH;
}

function pagination(query: QueueQuery, page: QueuePage) {
  if (page.pageCount <= 1) return undefined;
  const numbers = [...new Set([1, page.page - 1, page.page, page.page + 1, page.pageCount])].filter((n) => n >= 1 && n <= page.pageCount).sort((a, b) => a - b);
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  numbers.forEach((number, index) => {
    if (index > 0 && number - numbers[index - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number, href: queueUrl({ ...query, page: number }), current: number === page.page });
  });
  return {
    previous: page.page > 1 ? { href: queueUrl({ ...query, page: page.page - 1 }) } : undefined,
    next: page.page < page.pageCount ? { href: queueUrl({ ...query, page: page.page + 1 }) } : undefined,
    items,
  };
}

type Option = { value: string; text: string };
const choose = (options: Option[], selected: string) => options.map((option) => ({ ...option, selected: option.value === selected }));
const asText = (value: unknown) => (typeof value === 'string' ? value : '');

export function deskHandlers(services: Services) {
  const secure = services.config.environment === 'production';

  /** Each filter's choices, with the current one selected. */
  async function filterItems(values: Record<string, string>, userId: number) {
    const specialisms = await services.alliances.specialisms();
    const staff = (await services.desk.staff()).filter((person) => person.isCoordinator);
    return {
      status: choose([{ value: '', text: 'Open' }, { value: 'all', text: 'Any status' }, ...ENQUIRY_STATUSES.map((status) => ({ value: status, text: STATUS_LABELS[status] }))], values.status ?? ''),
      response: choose([{ value: '', text: 'Any' }, ...RESPONSE_FILTERS.map((value) => ({ value, text: RESPONSE_FILTER_LABELS[value] }))], values.response ?? ''),
      kind: choose([{ value: '', text: 'Any' }, ...SUPPORT_TYPES.map((value) => ({ value, text: SUPPORT_TYPE_SHORT_LABELS[value] }))], values.kind ?? ''),
      specialism: choose(
        [{ value: '', text: 'Any' }, ...specialisms.map((specialism) => ({ value: String(specialism.id), text: specialism.retired ? `${specialism.name} (retired)` : specialism.name }))],
        values.specialism ?? '',
      ),
      coordinator: choose(
        [
          { value: '', text: 'Anyone or no one' },
          { value: 'mine', text: 'Assigned to me' },
          { value: 'unassigned', text: 'Not assigned' },
          ...staff.filter((person) => person.id !== userId).map((person) => ({ value: String(person.id), text: person.name })),
        ],
        values.coordinator ?? '',
      ),
      sort: choose([{ value: '', text: 'Reply due, soonest first' }, { value: 'received', text: 'Newest first' }], values.sort === 'due' ? '' : (values.sort ?? '')),
    };
  }

  async function renderEnquiry(request: FastifyRequest, reply: FastifyReply, enquiry: EnquiryRow, note?: { value: string; errors: FormErrors }) {
    const file = await services.desk.file(enquiry);
    const alliance = await services.alliances.current();
    return reply.render('desk/views/enquiry.njk', {
      heading: enquiryHeading(file),
      enquiry,
      school: file.school,
      specialismNames: file.specialismNames,
      requestedLeader: file.requestedLeader,
      supportType: SUPPORT_TYPE_LABELS[enquiry.supportType],
      timescale: TIMESCALES[enquiry.timescale as keyof typeof TIMESCALES] ?? enquiry.timescale,
      heardFrom: enquiry.heardFrom ? (HEARD_FROM[enquiry.heardFrom as keyof typeof HEARD_FROM] ?? enquiry.heardFrom) : 'Not said',
      nextMoves: deskMoves(enquiry.status).map((to) => ({ text: STATUS_LABELS[to], href: `${enquiryPath(enquiry.reference)}/status?to=${to}` })),
      notes: file.notes.map((item) => ({ ...item, when: formatLondonDateTime(item.at) })),
      noteValue: note?.value ?? '',
      errors: note?.errors,
      proposals: await services.proposals.forEnquiry(enquiry.id),
      matchingHref: OPEN_STATUSES.includes(enquiry.status) ? `${enquiryPath(enquiry.reference)}/matching` : undefined,
      auditTrail: await auditTrailFor(services.db, request.user, { allianceId: alliance.id, entityType: 'enquiry', entityId: enquiry.id, labels: ENQUIRY_AUDIT_LABELS, actions: ENQUIRY_AUDIT_ACTIONS }),
    });
  }

  return {
    async showQueue(request: FastifyRequest, reply: FastifyReply) {
      const user = actorOf(request);
      const raw = Object.fromEntries(Object.entries((request.query ?? {}) as Record<string, unknown>).map(([key, value]) => [key, asText(value)]));
      const parsed = parseQueueQuery(request.query);
      if (!parsed.ok) {
        const errors = toFormErrors(parsed.problems);
        return reply.code(400).render('desk/views/queue.njk', { errors, filters: await filterItems(raw, user.id), clearUrl: QUEUE_PATH });
      }
      const query = parsed.data;
      // The filter form sends every select, "Any" as an empty value: keep the URL to the filters chosen.
      if (Object.values(raw).some((value) => value === '')) return reply.redirect(queueUrl(query), 303);
      const page = await services.desk.queue(user, query);
      const values = { ...raw, status: query.status === 'open' ? '' : query.status };
      return reply.render('desk/views/queue.njk', {
        filters: await filterItems(values, user.id),
        page,
        rows: page.items.map(queueRow),
        pagination: pagination(query, page),
        clearUrl: QUEUE_PATH,
        filtered: queueUrl({ ...query, sort: 'due', page: 1 }) !== QUEUE_PATH,
      });
    },

    async showEnquiry(request: FastifyRequest, reply: FastifyReply) {
      const enquiry = await loadEnquiry(services, request);
      if (!enquiry) return notFound(reply);
      return renderEnquiry(request, reply, enquiry);
    },

    async addNote(request: FastifyRequest, reply: FastifyReply) {
      const enquiry = await loadEnquiry(services, request);
      if (!enquiry) return notFound(reply);
      const value = field(bodyOf(request), 'note');
      const parsed = parseNote(value);
      const outcome = parsed.ok ? await services.desk.addNote(actorOf(request), enquiry, parsed.data.body) : parsed;
      if (!outcome.ok) return renderEnquiry(request, reply.code(400), enquiry, { value, errors: toFormErrors(outcome.problems) });
      setFlash(reply, 'Note added', secure);
      return reply.redirect(`${enquiryPath(enquiry.reference)}#notes`, 303);
    },

    async addNoteAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const enquiry = await loadEnquiry(services, request);
      if (!enquiry) return notFound(reply);
      const errors = { summary: [{ text: EXPIRED_FORM, href: '#note' }], fields: {} };
      return renderEnquiry(request, reply.code(problem === 'csrf' ? 403 : 429), enquiry, { value: field(bodyOf(request), 'note'), errors });
    },
  };
}
