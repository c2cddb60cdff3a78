import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { field, formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { formExpiredError } from '../../platform/http/replies.ts';
import { bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import { DESIGNATION_LABELS } from '../leaders/leaders.schema.ts';
import {
  COMMENT_LIMIT,
  consentAnswerValues,
  MAX_RELEASE_DAYS,
  parseConsentAnswer,
  type ConsentAnswerValues,
} from './designation-reviews.schema.ts';
import { ROLE_NAMES } from './review-consent.emails.ts';
import type { ConsentLinkProblem, ConsentSubject, ReviewConsentService } from './review-consent.service.ts';

export type ReviewConsentRouteServices = { reviewConsent: ReviewConsentService };

const ACTION = '/review-consent';
const EXPIRED_FORM = 'This form had expired, so your answer was not sent. Check it and send it again';

const LINK_PROBLEMS: Record<ConsentLinkProblem, { heading: string; text: string }> = {
  'not-found': {
    heading: 'This link does not work',
    text: 'Check you copied the whole link from the email. If the alliance has sent you a newer email, use the link in that one: each new link replaces the one before.',
  },
  expired: {
    heading: 'This link has expired',
    text: 'Links to answer work for 30 days. Ask the alliance to send you a new one.',
  },
  answered: {
    heading: 'You have already answered',
    text: 'Your answer has been sent to the alliance, so this link cannot be used again. If something has changed, contact the alliance.',
  },
  closed: {
    heading: 'This review has ended',
    text: 'The alliance has finished its review of this designation, so no answer is needed now. Thank you.',
  },
};

/** The head's or chair's answer from the emailed link: no sign-in; the single-use token is the permission. */
export function reviewConsentHandlers({ reviewConsent }: ReviewConsentRouteServices) {
  const linkProblem = (reply: FastifyReply, reason: ConsentLinkProblem) =>
    reply
      .code(reason === 'answered' || reason === 'closed' ? 409 : 404)
      .render('designation/views/designation-reviews/consent-link-problem.njk', LINK_PROBLEMS[reason]);

  function renderForm(
    reply: FastifyReply,
    subject: ConsentSubject,
    token: string,
    values: ConsentAnswerValues,
    errors?: FormErrors,
  ) {
    return reply.render('designation/views/designation-reviews/consent.njk', {
      ...subject,
      token,
      action: ACTION,
      values,
      errors,
      roleName: ROLE_NAMES[subject.request.role],
      designationName: DESIGNATION_LABELS[subject.designationType],
      maxDays: MAX_RELEASE_DAYS,
      commentLimit: COMMENT_LIMIT,
    });
  }

  const empty: ConsentAnswerValues = { supports: '', releaseDays: '', comment: '' };

  return {
    /** Following the link shows the question; only the form answers it (mail scanners follow links). */
    async show(request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) {
      const found = await reviewConsent.byLink(request.query.token);
      if (!found.ok) return linkProblem(reply, found.reason);
      return renderForm(reply, found.subject, request.query.token!, empty);
    },

    async answer(request: FastifyRequest, reply: FastifyReply) {
      const body = bodyOf(request);
      const token = field(body, 'token');
      const values = consentAnswerValues(body);
      const parsed = parseConsentAnswer(values);
      if (!parsed.ok) {
        const found = await reviewConsent.byLink(token);
        if (!found.ok) return linkProblem(reply, found.reason);
        return renderForm(reply.code(400), found.subject, token, values, toFormErrors(parsed.problems));
      }
      const outcome = await reviewConsent.answerByLink(token, parsed.value);
      if (!outcome.ok) return linkProblem(reply, outcome.reason);
      return reply.render('designation/views/designation-reviews/consent-thanks.njk', {
        leaderName: outcome.subject.leaderName,
        supports: parsed.value.supports,
      });
    },

    async answerAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const body = bodyOf(request);
      const token = field(body, 'token');
      const found = await reviewConsent.byLink(token);
      if (!found.ok) throw formExpiredError();
      return renderForm(
        reply.code(formProblemStatus(problem)),
        found.subject,
        token,
        consentAnswerValues(body),
        formError(EXPIRED_FORM, '#supports'),
      );
    },
  };
}
