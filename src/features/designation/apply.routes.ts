import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { applicationRequestHandlers, type ApplicationRequestRouteServices } from './application-requests.handlers.ts';
import { consentQuestion, refereesQuestion } from './apply-people.ts';
import { questionHandlers, type ApplyServices, type Question } from './apply-pages.ts';
import {
  evidenceQuestion,
  headshipQuestion,
  otherAllianceQuestion,
  roleQuestion,
  schoolQuestion,
  specialismsQuestion,
} from './apply-questions.ts';
import { applyHandlers } from './apply.handlers.ts';

export type ApplyRouteServices = ApplyServices & ApplicationRequestRouteServices;

const PUBLIC = { access: 'public' } as const;
type Again = (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) => Promise<FastifyReply>;
const publicForm = (again: Again) => ({ config: { ...PUBLIC, showFormAgain: again } });
/** The two forms that email a link to an address typed in: limited, so they cannot be used to flood someone's inbox. */
const emailing = (again: Again) => ({
  config: {
    ...PUBLIC,
    showFormAgain: again,
    rateLimit: { max: 60, timeWindow: '15 minutes', hook: 'preHandler' as const },
  },
});

/**
 * Applying for designation, and what it asks of others. The journey is public: an applicant has no
 * account, only the save-and-return link (and the cookie holding it). A referee's or consenter's
 * emailed link needs no password either: the single-use token in it is the permission.
 */
export function registerApplyRoutes(app: FastifyInstance, services: ApplyRouteServices): void {
  const apply = applyHandlers(services);
  app.get('/apply', { config: PUBLIC }, apply.start);
  app.get('/apply/designation', { config: PUBLIC }, apply.showDesignation);
  app.post('/apply/designation', publicForm(apply.designationAgain), apply.chooseDesignation);
  app.get('/apply/your-details', { config: PUBLIC }, apply.showYourDetails);
  app.post('/apply/your-details', emailing(apply.yourDetailsAgain), apply.saveYourDetails);

  const questions: Array<[string, Question<never>]> = [
    ['/apply/school', schoolQuestion(services) as Question<never>],
    ['/apply/role', roleQuestion(services) as Question<never>],
    ['/apply/headship', headshipQuestion(services) as Question<never>],
    ['/apply/other-alliance', otherAllianceQuestion(services) as Question<never>],
    ['/apply/specialisms', specialismsQuestion(services) as Question<never>],
    ['/apply/evidence/:criterionId', evidenceQuestion(services) as Question<never>],
    ['/apply/referees', refereesQuestion(services) as Question<never>],
    ['/apply/consent', consentQuestion(services) as Question<never>],
  ];
  for (const [path, question] of questions) {
    const handlers = questionHandlers(services, question);
    app.get(path, { config: PUBLIC }, handlers.show);
    app.post(path, publicForm(handlers.again), handlers.submit);
  }

  app.get('/apply/check', { config: PUBLIC }, apply.check);
  app.post('/apply/check', publicForm(apply.sendAgain), apply.send);
  app.get('/apply/sent', { config: PUBLIC }, apply.sent);
  app.get('/apply/cannot-apply', { config: PUBLIC }, apply.cannotApply);
  app.get('/apply/resume', { config: PUBLIC }, apply.showNewLink);
  app.post('/apply/resume', emailing(apply.newLinkAgain), apply.sendNewLink);
  app.get('/apply/resume/:token', { config: PUBLIC }, apply.resume);

  const requests = applicationRequestHandlers(services);
  app.get('/application-requests/:token', { config: PUBLIC }, requests.show);
  app.post('/application-requests/:token', publicForm(requests.answerAgain as Again), requests.answer);

  const staff = { access: ['administrator', 'coordinator'] as const };
  app.post('/staff/applications/:id/requests/:requestId/resend', { config: staff }, requests.resend);
  app.get('/staff/applications/:id/requests/:requestId/change', { config: staff }, requests.showChange);
  app.post(
    '/staff/applications/:id/requests/:requestId/change',
    { config: { ...staff, showFormAgain: requests.changeAgain } },
    requests.change,
  );
}
