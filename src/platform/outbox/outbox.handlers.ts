import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatLondonDateTime } from '../calendar/london-time.ts';
import { renderProblemPage } from '../errors.ts';
import { setFlash } from '../flash.ts';
import { paginate } from '../http/pagination.ts';
import { notFound } from '../http/replies.ts';
import { actorOf, parseId } from '../http/requests.ts';
import { OUTBOX_STATUSES, type ListedEmail, type OutboxAdmin, type OutboxStatus } from './outbox-admin.service.ts';

export const EMAILS_PATH = '/staff/emails';

const STATUS_FILTERS: Record<OutboxStatus, string> = { pending: 'Waiting', sent: 'Sent', failed: 'Failed' };

const listQuery = z.object({
  status: z
    .enum(['', ...OUTBOX_STATUSES], { error: `Status must be one of: ${OUTBOX_STATUSES.join(', ')}` })
    .optional()
    .transform((status) => status || undefined),
  page: z.preprocess(
    (value) => (value === '' || value === undefined ? 1 : Number(value)),
    z
      .number({ error: 'Page must be a whole number' })
      .int('Page must be a whole number')
      .min(1, 'Page must be 1 or more')
      .max(10_000, 'Page must be 10000 or less'),
  ),
});

/** What a message's status means to the person reading the list: including a retry still to come. */
function describeStatus(email: Pick<ListedEmail, 'status' | 'attempts' | 'nextAttemptAt'>, sending: boolean) {
  if (email.status === 'sent') return { text: 'Sent', classes: 'govuk-tag--green' };
  if (email.status === 'failed') return { text: 'Failed', classes: 'govuk-tag--red' };
  if (!sending) return { text: 'In the outbox', classes: 'govuk-tag--grey' };
  if (email.attempts > 0)
    return {
      text: 'Waiting to retry',
      classes: 'govuk-tag--yellow',
      detail: `Next try ${formatLondonDateTime(email.nextAttemptAt)}`,
    };
  return { text: 'Queued', classes: 'govuk-tag--blue' };
}

const emailsUrl = (status: OutboxStatus | undefined, page: number) => {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${EMAILS_PATH}?${text}` : EMAILS_PATH;
};

export type OutboxRouteServices = { outboxAdmin: OutboxAdmin };

export function outboxHandlers({ outboxAdmin }: OutboxRouteServices) {
  return {
    async list(request: FastifyRequest, reply: FastifyReply) {
      const parsed = listQuery.safeParse(request.query);
      if (!parsed.success)
        return renderProblemPage(reply, 400, {
          heading: 'Sorry, there is a problem with that address',
          paragraphs: [parsed.error.issues[0]!.message, 'Go back to the list of emails and try again.'],
        });
      const { status, page } = parsed.data;
      const listed = await outboxAdmin.list(actorOf(request), { status, page });
      if (!listed) return notFound(reply);
      const sending = outboxAdmin.sending;
      return reply.render('outbox/views/emails.njk', {
        sending,
        total: listed.total,
        status,
        filters: [
          { text: 'All', href: emailsUrl(undefined, 1), current: status === undefined },
          ...OUTBOX_STATUSES.map((value) => ({
            text: STATUS_FILTERS[value],
            href: emailsUrl(value, 1),
            current: status === value,
          })),
        ],
        rows: listed.messages.map((email) => ({
          ...email,
          queued: formatLondonDateTime(email.createdAt),
          sent: email.sentAt ? formatLondonDateTime(email.sentAt) : undefined,
          statusTag: describeStatus(email, sending),
        })),
        pagination: paginate(page, listed.pageCount, (number) => emailsUrl(status, number)),
      });
    },

    async show(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
      const id = parseId(request.params.id);
      const found = id === undefined ? undefined : await outboxAdmin.find(actorOf(request), id);
      if (!found) return notFound(reply);
      const { email, trail } = found;
      return reply.header('cache-control', 'no-store').render('outbox/views/email.njk', {
        email,
        sending: outboxAdmin.sending,
        statusTag: describeStatus(email, outboxAdmin.sending),
        queued: formatLondonDateTime(email.createdAt),
        sent: email.sentAt ? formatLondonDateTime(email.sentAt) : undefined,
        bodyRemoved: email.personalDataRemovedAt ? formatLondonDateTime(email.personalDataRemovedAt) : undefined,
        auditTrail: trail,
      });
    },

    async resend(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
      const id = parseId(request.params.id);
      const outcome = id === undefined ? undefined : await outboxAdmin.resend(actorOf(request), id);
      if (!outcome) return notFound(reply);
      setFlash(reply, `A copy was queued to send again: message ${outcome.copyId}`);
      return reply.redirect(`${EMAILS_PATH}/${outcome.copyId}`, 303);
    },
  };
}
