import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { field, formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { EXPIRED_FORM } from '../agreements/agreements.requests.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import { agreementReference, KIND_LABELS } from '../agreements/agreements.labels.ts';
import { MAX_COMMENTS, parseSurvey, QUALITY_LABELS, surveyValues, type SurveyValues } from './feedback.schema.ts';
import type { FeedbackService, LinkProblem, Subject } from './feedback.service.ts';

const LINK_PROBLEMS: Record<LinkProblem, { heading: string; text: string }> = {
  'not-found': {
    heading: 'This link does not work',
    text: 'Check you copied the whole link from the email. If the alliance has sent you a newer email, use the link in that one: each new link replaces the one before.',
  },
  expired: {
    heading: 'This link has expired',
    text: 'Links to the feedback survey work for 30 days. Ask the alliance to send you a new one.',
  },
  answered: {
    heading: 'This feedback has already been given',
    text: 'Someone at your school has already answered this survey, so it cannot be answered again. Thank you. If you want to add something, contact the alliance.',
  },
};

type AgreementRequest = FastifyRequest<{ Params: { id: string } }>;

/** The supported school's survey: from the emailed link, or signed in; and coordinators asking again. */
export function feedbackHandlers(services: { feedback: FeedbackService }) {
  function renderSurvey(
    reply: FastifyReply,
    subject: Subject,
    context: { action: string; token?: string; values: SurveyValues; errors?: FormErrors },
  ) {
    return reply.render('feedback/views/survey.njk', {
      ...context,
      subject: {
        ...subject,
        reference: agreementReference(subject.agreementId),
        kindLabel: KIND_LABELS[subject.kind],
        dates: `${formatLongDate(subject.startDate)} to ${formatLongDate(subject.endDate)}`,
      },
      maxComments: MAX_COMMENTS,
      qualityItems: [4, 3, 2, 1].map((quality) => ({
        value: String(quality),
        text: `${quality}: ${QUALITY_LABELS[quality]}`,
        checked: context.values.quality === String(quality),
      })),
      recommendItems: [
        { value: 'yes', text: 'Yes', checked: context.values.recommend === 'yes' },
        { value: 'no', text: 'No', checked: context.values.recommend === 'no' },
      ],
    });
  }

  const linkProblem = (reply: FastifyReply, reason: LinkProblem) =>
    reply.code(reason === 'answered' ? 409 : 404).render('feedback/views/link-problem.njk', LINK_PROBLEMS[reason]);
  const empty: SurveyValues = { quality: '', recommend: '', comments: '' };

  /** The agreement's open request for this signed-in school contact, with what the survey shows. */
  async function signedInSubject(request: AgreementRequest) {
    const agreementId = parseId(request.params.id);
    const open =
      agreementId === undefined ? undefined : await services.feedback.openRequestFor(actorOf(request), agreementId);
    return open ? { agreementId: agreementId!, subject: await services.feedback.subjectOf(open.id) } : undefined;
  }

  return {
    /** Following the link shows the survey; only the form answers it (mail scanners follow links). */
    async showByLink(request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) {
      const found = await services.feedback.findByLink(request.query.token);
      if (!found.ok) return linkProblem(reply, found.reason);
      return renderSurvey(reply, found.subject, { action: '/feedback', token: request.query.token, values: empty });
    },

    async answerByLink(request: FastifyRequest, reply: FastifyReply) {
      const body = bodyOf(request);
      const token = field(body, 'token');
      const values = surveyValues(body);
      const parsed = parseSurvey(values);
      if (!parsed.ok) {
        const found = await services.feedback.findByLink(token);
        if (!found.ok) return linkProblem(reply, found.reason);
        return renderSurvey(reply.code(400), found.subject, {
          action: '/feedback',
          token,
          values,
          errors: toFormErrors(parsed.problems),
        });
      }
      const outcome = await services.feedback.answerByLink(token, parsed.answer);
      if (!outcome.ok) return linkProblem(reply, outcome.reason);
      return reply.render('feedback/views/thanks.njk', { schoolName: outcome.subject.schoolName });
    },

    async answerByLinkAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const body = bodyOf(request);
      const found = await services.feedback.findByLink(field(body, 'token'));
      // Refused as a forgery either way: the survey again only when there is one to show.
      if (!found.ok) throw formExpiredError();
      return renderSurvey(reply.code(formProblemStatus(problem)), found.subject, {
        action: '/feedback',
        token: field(body, 'token'),
        values: surveyValues(body),
        errors: formError(EXPIRED_FORM, '#quality'),
      });
    },

    async showSignedIn(request: AgreementRequest, reply: FastifyReply) {
      const open = await signedInSubject(request);
      if (!open?.subject) return notFound(reply);
      return renderSurvey(reply, open.subject, {
        action: `/staff/agreements/${open.agreementId}/feedback`,
        values: empty,
      });
    },

    async answerSignedIn(request: AgreementRequest, reply: FastifyReply) {
      const open = await signedInSubject(request);
      if (!open?.subject) return notFound(reply);
      const values = surveyValues(bodyOf(request));
      const parsed = parseSurvey(values);
      const action = `/staff/agreements/${open.agreementId}/feedback`;
      if (!parsed.ok)
        return renderSurvey(reply.code(400), open.subject, { action, values, errors: toFormErrors(parsed.problems) });
      const answered = await services.feedback.answerSignedIn(actorOf(request), open.agreementId, parsed.answer);
      setFlash(
        reply,
        answered ? 'Thank you: your feedback has been sent to the alliance' : LINK_PROBLEMS.answered.text,
        { at: 'feedback' },
      );
      return reply.redirect(`/staff/agreements/${open.agreementId}#feedback`, 303);
    },

    async answerSignedInAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const open = await signedInSubject(request as AgreementRequest);
      if (!open?.subject) throw formExpiredError();
      return renderSurvey(reply.code(formProblemStatus(problem)), open.subject, {
        action: `/staff/agreements/${open.agreementId}/feedback`,
        values: surveyValues(bodyOf(request)),
        errors: formError(EXPIRED_FORM, '#quality'),
      });
    },

    async requestAgain(request: AgreementRequest, reply: FastifyReply) {
      const agreementId = parseId(request.params.id);
      if (agreementId === undefined) return notFound(reply);
      const outcome = await services.feedback.requestAgain(actorOf(request), agreementId);
      if (!outcome.ok && outcome.message === 'There is no such agreement') return notFound(reply);
      const message = !outcome.ok
        ? outcome.message
        : outcome.recipients.length > 0
          ? `Feedback asked for: a new link was emailed to ${outcome.recipients.join(', ')}`
          : 'There is still no one to ask: add a school contact for the supported school, then ask again';
      setFlash(reply, message, { at: 'feedback' });
      return reply.redirect(`/staff/agreements/${agreementId}#feedback`, 303);
    },
  };
}
