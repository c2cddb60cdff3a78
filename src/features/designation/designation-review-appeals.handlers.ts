import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDate } from '../../platform/calendar/calendar-date.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FieldProblem } from '../../platform/forms.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { reviewPageContext, type ReviewPageForms, type ReviewPageServices } from './designation-review.page.ts';
import {
  appealDecisionValues,
  parseAppealDecision,
  parseAppealPanel,
  parseReviewAppeal,
  reviewAppealValues,
} from './designation-review-appeals.schema.ts';

const EXPIRED_FORM = 'This form had expired, so nothing was saved. Check your answers and try again';
const reviewUrl = (id: number) => `/staff/designation-reviews/${id}#appeal`;
const FIELD_IDS = { lodgedOn: 'lodgedOn-day', panelId: 'panelId', appealOutcome: 'appealOutcome' };

/** The appeal forms on a review's page: record the appeal, choose its panel, record its outcome. */
export function reviewAppealHandlers(services: ReviewPageServices) {
  const { designationReviews, reviewAppeals } = services;

  async function reviewOf(request: FastifyRequest) {
    const id = parseId((request.params as { id?: string }).id);
    return id === undefined ? undefined : designationReviews.find(actorOf(request), id);
  }

  async function again(request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[], forms: ReviewPageForms) {
    const review = await reviewOf(request);
    if (!review) return notFound(reply);
    return reply.code(400).render(
      'designation/views/designation-reviews/review.njk',
      await reviewPageContext(services, actorOf(request), review, {
        ...forms,
        errors: toFormErrors(problems, FIELD_IDS),
      }),
    );
  }

  return {
    async lodge(request: FastifyRequest, reply: FastifyReply) {
      const review = await reviewOf(request);
      if (!review) return notFound(reply);
      const values = reviewAppealValues(bodyOf(request));
      const parsed = parseReviewAppeal(values);
      const outcome = parsed.ok ? await reviewAppeals.lodge(actorOf(request), review.id, parsed.value) : parsed;
      if (!outcome.ok) return again(request, reply, outcome.problems, { appeal: values, form: 'appeal' });
      setFlash(reply, `Appeal recorded: ${review.leaderName} has been emailed`);
      return reply.redirect(reviewUrl(review.id), 303);
    },

    async choosePanel(request: FastifyRequest, reply: FastifyReply) {
      const review = await reviewOf(request);
      if (!review) return notFound(reply);
      const parsed = parseAppealPanel(bodyOf(request));
      const outcome = parsed.ok ? await reviewAppeals.choosePanel(actorOf(request), review.id, parsed.value) : parsed;
      if (!outcome.ok) return again(request, reply, outcome.problems, { form: 'appeal-panel' });
      setFlash(reply, `The appeal will be heard by the panel meeting on ${formatDate(outcome.value)}`);
      return reply.redirect(reviewUrl(review.id), 303);
    },

    async decide(request: FastifyRequest, reply: FastifyReply) {
      const review = await reviewOf(request);
      if (!review) return notFound(reply);
      const values = appealDecisionValues(bodyOf(request));
      const parsed = parseAppealDecision(values);
      const outcome = parsed.ok ? await reviewAppeals.decide(actorOf(request), review.id, parsed.value) : parsed;
      if (!outcome.ok)
        return again(request, reply, outcome.problems, { appealDecision: values, form: 'appeal-decision' });
      setFlash(
        reply,
        outcome.value
          ? `Appeal upheld: the designation is restored until its next review, on ${formatDate(outcome.value)}`
          : 'Appeal dismissed: the de-designation stands',
      );
      return reply.redirect(reviewUrl(review.id), 303);
    },

    /** An appeal form refused as expired: the page again with the input kept. */
    async formAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const review = await reviewOf(request);
      if (!review) throw formExpiredError();
      const body = bodyOf(request);
      const path = request.url.split('?')[0]!;
      const form = path.endsWith('/panel') ? 'appeal-panel' : path.endsWith('/outcome') ? 'appeal-decision' : 'appeal';
      return reply.code(formProblemStatus(problem)).render(
        'designation/views/designation-reviews/review.njk',
        await reviewPageContext(services, actorOf(request), review, {
          form,
          appeal: form === 'appeal' ? reviewAppealValues(body) : undefined,
          appealDecision: form === 'appeal-decision' ? appealDecisionValues(body) : undefined,
          errors: formError(EXPIRED_FORM, '#appeal'),
        }),
      );
    },
  };
}
