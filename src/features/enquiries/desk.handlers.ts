import type { FastifyReply, FastifyRequest } from 'fastify';
import { toFormErrors } from '../../platform/forms.ts';
import type { AgreementsOfEnquiry } from './desk.types.ts';
import type { SpecialismService } from '../specialisms/specialisms.service.ts';
import { paginate } from '../../platform/http/pagination.ts';
import { SUPPORT_TYPES } from './enquiries.model.ts';
import { ENQUIRY_STATUSES, STATUS_LABELS } from './enquiry-status.ts';
import { queueRow, SUPPORT_TYPE_SHORT_LABELS } from './desk.pages.ts';
import { actorOf } from '../../platform/http/requests.ts';
import { parseQueueQuery, RESPONSE_FILTER_LABELS, RESPONSE_FILTERS, type QueueQuery } from './desk.schema.ts';
import type { EnquiryDeskService } from './desk.service.ts';

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

type Option = { value: string; text: string };
const choose = (options: Option[], selected: string) =>
  options.map((option) => ({ ...option, selected: option.value === selected }));
const asText = (value: unknown) => (typeof value === 'string' ? value : '');

export type DeskRouteServices = {
  desk: EnquiryDeskService;
  specialisms: SpecialismService;
  agreements: AgreementsOfEnquiry;
};

export function deskHandlers(services: DeskRouteServices) {
  /** Each filter's choices, with the current one selected. */
  async function filterItems(values: Record<string, string>, userId: number) {
    const specialisms = await services.specialisms.all();
    const staff = (await services.desk.staff()).filter((person) => person.isCoordinator);
    return {
      status: choose(
        [
          { value: '', text: 'Open' },
          { value: 'all', text: 'Any status' },
          ...ENQUIRY_STATUSES.map((status) => ({ value: status, text: STATUS_LABELS[status] })),
        ],
        values.status ?? '',
      ),
      response: choose(
        [
          { value: '', text: 'Any' },
          ...RESPONSE_FILTERS.map((value) => ({ value, text: RESPONSE_FILTER_LABELS[value] })),
        ],
        values.response ?? '',
      ),
      kind: choose(
        [
          { value: '', text: 'Any' },
          ...SUPPORT_TYPES.map((value) => ({ value, text: SUPPORT_TYPE_SHORT_LABELS[value] })),
        ],
        values.kind ?? '',
      ),
      specialism: choose(
        [
          { value: '', text: 'Any' },
          ...specialisms.map((specialism) => ({
            value: String(specialism.id),
            text: specialism.retired ? `${specialism.name} (retired)` : specialism.name,
          })),
        ],
        values.specialism ?? '',
      ),
      coordinator: choose(
        [
          { value: '', text: 'Anyone or no one' },
          { value: 'mine', text: 'Assigned to me' },
          { value: 'unassigned', text: 'Not assigned' },
          ...staff
            .filter((person) => person.id !== userId)
            .map((person) => ({ value: String(person.id), text: person.name })),
        ],
        values.coordinator ?? '',
      ),
      sort: choose(
        [
          { value: '', text: 'Reply due, soonest first' },
          { value: 'received', text: 'Newest first' },
        ],
        values.sort === 'due' ? '' : (values.sort ?? ''),
      ),
    };
  }

  return {
    async showQueue(request: FastifyRequest, reply: FastifyReply) {
      const user = actorOf(request);
      const raw = Object.fromEntries(
        Object.entries((request.query ?? {}) as Record<string, unknown>).map(([key, value]) => [key, asText(value)]),
      );
      const parsed = parseQueueQuery(request.query);
      if (!parsed.ok) {
        const errors = toFormErrors(parsed.problems);
        return reply.code(400).render('enquiries/views/queue.njk', {
          errors,
          filters: await filterItems(raw, user.id),
          clearUrl: QUEUE_PATH,
        });
      }
      const query = parsed.data;
      // The filter form sends every select, "Any" as an empty value: keep the URL to the filters chosen.
      if (Object.values(raw).some((value) => value === '')) return reply.redirect(queueUrl(query), 303);
      const page = await services.desk.queue(user, query);
      const values = { ...raw, status: query.status === 'open' ? '' : query.status };
      return reply.render('enquiries/views/queue.njk', {
        filters: await filterItems(values, user.id),
        page,
        rows: page.items.map(queueRow),
        pagination: paginate(page.page, page.pageCount, (number) => queueUrl({ ...query, page: number })),
        clearUrl: QUEUE_PATH,
        filtered: queueUrl({ ...query, sort: 'due', page: 1 }) !== QUEUE_PATH,
      });
    },
  };
}
