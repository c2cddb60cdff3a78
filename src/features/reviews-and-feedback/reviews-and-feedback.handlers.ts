import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import { paginate, pageCountOf } from '../../platform/http/pagination.ts';
import type { FeedbackService } from '../feedback/feedback.service.ts';
import type { ReviewService } from '../reviews/reviews.service.ts';
import { agreementReference, KIND_LABELS } from '../agreements/agreements.labels.ts';
import { QUALITY_LABELS } from '../feedback/feedback.schema.ts';
import { REVIEW_KIND_LABELS } from '../reviews/reviews.labels.ts';

const PAGE_SIZE = 50;
const VIEWS = {
  due: 'Reviews due',
  feedback: 'Feedback received',
  'no-one-to-ask': 'Feedback: no one to ask',
} as const;
type View = keyof typeof VIEWS;

export type ReviewsAndFeedbackServices = { reviews: ReviewService; feedback: FeedbackService };

/**
 * The coordinators' list: reviews due (reviews), the schools' feedback and the schools no one could
 * be asked at (feedback), in one page with its filters in the URL.
 */
export function reviewsAndFeedbackHandlers(services: ReviewsAndFeedbackServices) {
  return {
    async list(request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply: FastifyReply) {
      const view: View = (Object.keys(VIEWS) as View[]).find((candidate) => candidate === request.query.view) ?? 'due';
      const requested = Number(request.query.page ?? '1');
      const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
      const slice = { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
      const href = (forView: View, forPage = 1) =>
        `/staff/reviews?view=${forView}${forPage > 1 ? `&page=${forPage}` : ''}`;
      const link = (agreementId: number, name: string) => ({
        href: `/staff/agreements/${agreementId}`,
        text: `${agreementReference(agreementId)}: ${name}`,
      });

      let total: number;
      let rows: Array<Record<string, unknown>>;
      let totals: { averageQuality: string; recommendPercent: string } | undefined;
      if (view === 'due') {
        const due = await services.reviews.listDue(slice);
        total = due.total;
        rows = due.rows.map((row) => ({
          agreement: link(row.agreementId, `${row.leaderName} at ${row.supportedSchoolName}`),
          kind: KIND_LABELS[row.agreementKind],
          review: `${REVIEW_KIND_LABELS[row.reviewKind]} (version ${row.versionNumber})`,
          dueOn: formatLongDate(row.dueOn),
          reviewHref: `/staff/agreements/${row.agreementId}/reviews/${row.reviewKind}`,
        }));
      } else if (view === 'feedback') {
        const received = await services.feedback.listReceived(slice);
        total = received.totals.total;
        totals =
          received.totals.averageQuality === null
            ? undefined
            : {
                averageQuality: received.totals.averageQuality.toFixed(1),
                recommendPercent: `${Math.round(received.totals.recommendPercent ?? 0)}%`,
              };
        rows = received.rows.map((row) => ({
          agreement: link(row.agreementId, `${row.leaderName} at ${row.supportedSchoolName}`),
          kind: KIND_LABELS[row.agreementKind],
          quality: `${row.quality}: ${QUALITY_LABELS[row.quality]}`,
          recommend: row.wouldRecommend ? 'Yes' : 'No',
          comments: row.comments ?? '',
          answered: formatLondonDateTime(row.answeredAt),
        }));
      } else {
        const waiting = await services.feedback.listNoOneToAsk(slice);
        total = waiting.total;
        rows = waiting.rows.map((row) => ({
          agreement: link(row.agreementId, `${row.leaderName} at ${row.supportedSchoolName}`),
          since: formatLondonDateTime(row.lastRequestedAt),
        }));
      }

      const pageCount = pageCountOf(total, PAGE_SIZE);
      return reply.render('reviews-and-feedback/views/list.njk', {
        view,
        title: VIEWS[view],
        views: (Object.keys(VIEWS) as View[]).map((candidate) => ({
          href: href(candidate),
          text: VIEWS[candidate],
          current: candidate === view,
        })),
        total,
        totals,
        rows,
        pagination: paginate(page, pageCount, (number) => href(view, number)),
      });
    },
  };
}
