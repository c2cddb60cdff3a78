import type { FastifyInstance } from 'fastify';
import { feedbackHandlers } from './feedback.handlers.ts';
import type { FeedbackService } from './feedback.service.ts';

/** The supported school answers for itself; the alliance's staff ask for its answer. */
export function registerFeedbackRoutes(app: FastifyInstance, services: { feedback: FeedbackService }): void {
  const feedback = feedbackHandlers(services);
  const schoolContacts = { access: ['school-contact'] as const };
  app.get('/staff/agreements/:id/feedback', { config: schoolContacts }, feedback.showSignedIn);
  app.post(
    '/staff/agreements/:id/feedback',
    { config: { ...schoolContacts, showFormAgain: feedback.answerSignedInAgain } },
    feedback.answerSignedIn,
  );
  app.post(
    '/staff/agreements/:id/feedback/request',
    { config: { access: ['administrator', 'coordinator'] } },
    feedback.requestAgain,
  );
  // The emailed link needs no password: the single-use token in it is the permission.
  app.get('/feedback', { config: { access: 'public' } }, feedback.showByLink);
  app.post(
    '/feedback',
    { config: { access: 'public', showFormAgain: feedback.answerByLinkAgain } },
    feedback.answerByLink,
  );
}
