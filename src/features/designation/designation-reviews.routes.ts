import type { FastifyInstance } from 'fastify';
import { designationReviewHandlers, type DesignationReviewRouteServices } from './designation-reviews.handlers.ts';
import { reviewConsentHandlers, type ReviewConsentRouteServices } from './review-consent.handlers.ts';
import { reviewAppealHandlers } from './designation-review-appeals.handlers.ts';
import { REVIEW_STAFF } from './designation-reviews.service.ts';

/** Staff > Designation reviews, and the head's and chair's answer by their emailed link. */
export function registerDesignationReviewRoutes(
  app: FastifyInstance,
  services: DesignationReviewRouteServices & ReviewConsentRouteServices,
): void {
  const reviews = designationReviewHandlers(services);
  const consent = reviewConsentHandlers(services);
  const access = { access: REVIEW_STAFF };
  const reviewForm = { ...access, showFormAgain: reviews.reviewFormAgain };

  app.get('/staff/designation-reviews', { config: access }, reviews.list);
  app.post('/staff/designation-reviews', { config: { ...access, showFormAgain: reviews.startAgain } }, reviews.start);
  app.get('/staff/designation-reviews/early/:designationId', { config: access }, reviews.showEarly);
  app.post(
    '/staff/designation-reviews/early/:designationId',
    { config: { ...access, showFormAgain: reviews.openEarlyAgain } },
    reviews.openEarly,
  );
  app.get('/staff/designation-reviews/:id', { config: access }, reviews.show);
  app.post('/staff/designation-reviews/:id/evidence', { config: reviewForm }, reviews.saveEvidence);
  app.post('/staff/designation-reviews/:id/consent', { config: reviewForm }, reviews.askConsent);
  app.post('/staff/designation-reviews/:id/outcome', { config: reviewForm }, reviews.recordOutcome);
  const appeals = reviewAppealHandlers(services);
  const appealForm = { ...access, showFormAgain: appeals.formAgain };
  app.post('/staff/designation-reviews/:id/appeal', { config: appealForm }, appeals.lodge);
  app.post('/staff/designation-reviews/:id/appeal/panel', { config: appealForm }, appeals.choosePanel);
  app.post('/staff/designation-reviews/:id/appeal/outcome', { config: appealForm }, appeals.decide);

  // The emailed link needs no password: the single-use token in it is the permission. The token
  // travels in the query, whose values the log leaves out (platform/logging.ts), not in the path.
  app.get('/review-consent', { config: { access: 'public' } }, consent.show);
  app.post('/review-consent', { config: { access: 'public', showFormAgain: consent.answerAgain } }, consent.answer);
}
