import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VisitRouteServices } from './visits.requests.ts';
import { paginate, pageCountOf } from '../../platform/http/pagination.ts';
import { z } from 'zod';
import { addDays, formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatHalfDays } from '../../platform/units.ts';
import { agreementReference, KIND_LABELS, STATUS_LABELS } from '../agreements/agreements.labels.ts';
import { AGREED_RULE, percentDelivered } from './agreed-days.ts';
import { HOURS_RULE } from './delivery-time.ts';

const PAGE_SIZE = 50;

const filtersSchema = z.object({
  quiet: z.literal('yes').optional().catch(undefined),
  weeks: z.string().trim().optional(),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** /staff/delivery: delivered against agreed for every signed agreement, for the alliance's coordinators. */
export function deliveryOverviewHandlers(services: VisitRouteServices) {
  return {
    async list(request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply: FastifyReply) {
      const filters = filtersSchema.parse(request.query ?? {});
      // Unless the URL says, the alliance's setting (4 weeks at first: worth a call before a half term ends).
      const weeksText = filters.weeks ?? String(await services.delivery.quietWeeks());
      const weeks =
        /^\d{1,2}$/.test(weeksText) && Number(weeksText) >= 1 && Number(weeksText) <= 52
          ? Number(weeksText)
          : undefined;
      const weeksError = weeks === undefined ? 'Enter a number of weeks from 1 to 52' : undefined;
      const quietSince =
        filters.quiet && weeks !== undefined ? addDays(services.delivery.today(), -7 * weeks) : undefined;
      const { rows, total } = await services.delivery.overview({
        quietSince,
        limit: PAGE_SIZE,
        offset: (filters.page - 1) * PAGE_SIZE,
      });

      const pageCount = pageCountOf(total, PAGE_SIZE);
      const href = (page: number) => {
        const params = new URLSearchParams();
        if (filters.quiet) params.set('quiet', 'yes');
        if (filters.weeks !== undefined) params.set('weeks', weeksText);
        if (page > 1) params.set('page', String(page));
        const search = params.toString();
        return `/staff/delivery${search ? `?${search}` : ''}`;
      };
      return reply.code(weeksError ? 400 : 200).render('visits/views/overview.njk', {
        filters: { quiet: Boolean(filters.quiet), weeks: weeksText },
        errors: weeksError
          ? { summary: [{ text: weeksError, href: '#weeks' }], fields: { weeks: { text: weeksError } } }
          : undefined,
        quietSince: quietSince ? formatLongDate(quietSince) : undefined,
        total,
        agreedRule: AGREED_RULE,
        hoursRule: HOURS_RULE,
        rows: rows.map((row) => {
          const percent = percentDelivered(row.deliveredHalfDays, row.agreedHalfDays);
          return {
            href: `/staff/agreements/${row.id}`,
            reference: agreementReference(row.id),
            leaderName: row.leaderName,
            supportedSchoolName: row.supportedSchoolName,
            kind: KIND_LABELS[row.kind],
            status: row.status === 'varying' ? STATUS_LABELS.varying : undefined,
            agreed: formatHalfDays(row.agreedHalfDays),
            delivered: formatHalfDays(row.deliveredHalfDays),
            percent: percent === undefined ? 'Not known' : `${percent}%`,
            lastDate: row.lastDate ? formatLongDate(row.lastDate) : 'None yet',
          };
        }),
        pagination: paginate(filters.page, pageCount, href),
      });
    },
  };
}
