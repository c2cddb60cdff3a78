import type { FastifyInstance } from 'fastify';
import { reviewsAndFeedbackHandlers, type ReviewsAndFeedbackServices } from './reviews-and-feedback.handlers.ts';

export function registerReviewsAndFeedbackRoutes(app: FastifyInstance, services: ReviewsAndFeedbackServices): void {
  const handlers = reviewsAndFeedbackHandlers(services);
  app.get('/staff/reviews', { config: { access: ['administrator', 'coordinator'] } }, handlers.list);
}
