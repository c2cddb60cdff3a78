import type { FastifyInstance } from 'fastify';
import type { ReviewService } from './reviews.service.ts';
import { reviewHandlers } from './reviews.handlers.ts';

/**
 * Reviews are recorded by the alliance's staff and by system leaders, each checked against the
 * agreement (only its own leader); the parties read them on the agreement's page.
 */
export function registerReviewRoutes(app: FastifyInstance, services: { reviews: ReviewService }): void {
  const reviews = reviewHandlers(services);
  const reviewers = { access: ['administrator', 'coordinator', 'system-leader'] as const };
  app.get('/staff/agreements/:id/reviews/:kind', { config: reviewers }, reviews.showReview);
  app.post(
    '/staff/agreements/:id/reviews/:kind',
    { config: { ...reviewers, showFormAgain: reviews.reviewAgain } },
    reviews.submitReview,
  );
}
