import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDate } from '../../platform/calendar/calendar-date.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { field, formError, toFormErrors, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { DESIGNATION_ABBREVIATIONS, DESIGNATION_LABELS } from '../leaders/leaders.schema.ts';
import { reviewPageContext, type ReviewPageForms, type ReviewPageServices } from './designation-review.page.ts';
import { EARLY_REASONS, REASON_LABELS } from './designation-review-rules.ts';
import {
  consentPeopleValues,
  earlyReviewValues,
  evidenceNoteValue,
  NOTE_LIMIT,
  outcomeValues,
  parseConsentPeople,
  parseEarlyReview,
  parseEvidenceNote,
  parseOutcome,
  type EarlyReviewValues,
} from './designation-reviews.schema.ts';
import { OUTCOME_LABELS } from './designation-reviews.service.ts';

export type DesignationReviewRouteServices = ReviewPageServices;

type WithId = FastifyRequest<{ Params: { id: string } }>;
const LIST = '/staff/designation-reviews';
const EXPIRED_FORM = 'This form had expired, so nothing was saved. Check your answers and try again';
const reviewUrl = (id: number, at = '') => `${LIST}/${id}${at}`;

/** Staff > Designation reviews: the lists, opening a review, and a review's page and forms. */
export function designationReviewHandlers(services: DesignationReviewRouteServices) {
  const { designationReviews } = services;

  async function renderList(request: FastifyRequest, reply: FastifyReply, errors?: FormErrors) {
    const lists = await designationReviews.lists(actorOf(request));
    if (!lists) return notFound(reply);
    return reply.render('designation/views/designation-reviews/list.njk', {
      ...lists,
      errors,
      abbreviations: DESIGNATION_ABBREVIATIONS,
      reasonLabels: REASON_LABELS,
    });
  }

  async function renderReview(request: FastifyRequest, reply: FastifyReply, forms: ReviewPageForms = {}) {
    const id = parseId((request.params as { id?: string }).id);
    const review = id === undefined ? undefined : await designationReviews.find(actorOf(request), id);
    if (!review) return notFound(reply);
    return reply.render(
      'designation/views/designation-reviews/review.njk',
      await reviewPageContext(services, actorOf(request), review, forms),
    );
  }

  async function designationFrom(request: FastifyRequest) {
    const id = parseId((request.params as { designationId?: string }).designationId);
    return id === undefined ? undefined : designationReviews.designationToReview(actorOf(request), id);
  }

  async function renderEarly(
    request: FastifyRequest,
    reply: FastifyReply,
    values: EarlyReviewValues,
    errors?: FormErrors,
  ) {
    const found = await designationFrom(request);
    if (!found) return notFound(reply);
    return reply.render('designation/views/designation-reviews/early.njk', {
      ...found,
      designationName: DESIGNATION_LABELS[found.designation.type],
      values,
      errors,
      noteLimit: NOTE_LIMIT,
      reasonItems: EARLY_REASONS.map((reason) => ({
        value: reason,
        text: REASON_LABELS[reason],
        checked: values.reason === reason,
      })),
    });
  }

  /** The review the URL names, if the person may review it. */
  async function reviewIdOf(request: FastifyRequest): Promise<number | undefined> {
    const id = parseId((request.params as { id?: string }).id);
    return id !== undefined && (await designationReviews.find(actorOf(request), id)) ? id : undefined;
  }

  /** A form of the review's page refused: the page again, its input kept, with the problems. */
  const again = (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[], forms: ReviewPageForms) =>
    renderReview(request, reply.code(400), { ...forms, errors: toFormErrors(problems) });

  return {
    list: (request: FastifyRequest, reply: FastifyReply) => renderList(request, reply),

    async start(request: FastifyRequest, reply: FastifyReply) {
      const designationId = parseId(field(bodyOf(request), 'designationId'));
      const outcome =
        designationId === undefined
          ? { ok: false as const, problems: [{ field: 'designation', message: 'Select a designation to review' }] }
          : await designationReviews.startPeriodReview(actorOf(request), designationId);
      if (!outcome.ok)
        return renderList(request, reply.code(400), toFormErrors(outcome.problems, { designation: 'due' }));
      setFlash(reply, 'Review opened: gather the evidence and ask the head and chair for their consent');
      return reply.redirect(reviewUrl(outcome.value), 303);
    },

    startAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      renderList(request, reply.code(formProblemStatus(problem)), formError(EXPIRED_FORM, '#due')),

    showEarly: (request: FastifyRequest, reply: FastifyReply) =>
      renderEarly(request, reply, { reason: '', reasonNote: '' }),

    async openEarly(request: FastifyRequest, reply: FastifyReply) {
      const found = await designationFrom(request);
      if (!found) return notFound(reply);
      const values = earlyReviewValues(bodyOf(request));
      const parsed = parseEarlyReview(values);
      const outcome = parsed.ok
        ? await designationReviews.openEarlyReview(
            actorOf(request),
            found.designation.id,
            parsed.value.reason,
            parsed.value.reasonNote,
          )
        : parsed;
      if (!outcome.ok)
        return renderEarly(request, reply.code(400), values, toFormErrors(outcome.problems, { designation: 'reason' }));
      setFlash(reply, `Early review of ${found.leader.name}’s designation opened`);
      return reply.redirect(reviewUrl(outcome.value), 303);
    },

    async openEarlyAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      if (!(await designationFrom(request))) throw formExpiredError();
      return renderEarly(
        request,
        reply.code(formProblemStatus(problem)),
        earlyReviewValues(bodyOf(request)),
        formError(EXPIRED_FORM, '#reason'),
      );
    },

    show: (request: WithId, reply: FastifyReply) => renderReview(request, reply),

    async saveEvidence(request: WithId, reply: FastifyReply) {
      const id = await reviewIdOf(request);
      if (id === undefined) return notFound(reply);
      const evidenceNote = evidenceNoteValue(bodyOf(request));
      const parsed = parseEvidenceNote(evidenceNote);
      const outcome = parsed.ok
        ? await designationReviews.saveEvidenceNote(actorOf(request), id, parsed.value)
        : parsed;
      if (!outcome.ok) return again(request, reply, outcome.problems, { evidenceNote, form: 'evidence' });
      setFlash(reply, outcome.value ? 'Evidence note saved' : 'Nothing was changed', { at: 'evidence' });
      return reply.redirect(reviewUrl(id, '#evidence'), 303);
    },

    async askConsent(request: WithId, reply: FastifyReply) {
      const id = await reviewIdOf(request);
      if (id === undefined) return notFound(reply);
      const consent = consentPeopleValues(bodyOf(request));
      const parsed = parseConsentPeople(consent);
      const outcome = parsed.ok ? await services.reviewConsent.ask(actorOf(request), id, parsed.value) : parsed;
      if (!outcome.ok) return again(request, reply, outcome.problems, { consent, form: 'consent' });
      const sentTo = `${consent.headEmail} and ${consent.chairEmail}`;
      setFlash(reply, `Release consent asked for: a link was emailed to ${sentTo}`, { at: 'consent' });
      return reply.redirect(reviewUrl(id, '#consent'), 303);
    },

    async recordOutcome(request: WithId, reply: FastifyReply) {
      const id = await reviewIdOf(request);
      if (id === undefined) return notFound(reply);
      const values = outcomeValues(bodyOf(request));
      const parsed = parseOutcome(values);
      const outcome = parsed.ok ? await designationReviews.recordOutcome(actorOf(request), id, parsed.value) : parsed;
      if (!outcome.ok || !parsed.ok)
        return again(request, reply, outcome.ok ? [] : outcome.problems, { outcome: values, form: 'outcome' });
      const label = OUTCOME_LABELS[parsed.value.outcome];
      setFlash(
        reply,
        outcome.value
          ? `${label} until the next review, on ${formatDate(outcome.value)}`
          : `${label}: the review is closed`,
      );
      return reply.redirect(reviewUrl(id), 303);
    },

    /** A form of the review's page refused as expired: the page again with the input kept. */
    async reviewFormAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const id = parseId((request.params as { id?: string }).id);
      if (id === undefined || !(await designationReviews.find(actorOf(request), id))) throw formExpiredError();
      const body = bodyOf(request);
      const path = request.url.split('?')[0]!;
      const form = path.endsWith('/evidence') ? 'evidence' : path.endsWith('/consent') ? 'consent' : 'outcome';
      const first = { evidence: '#evidenceNote', consent: '#headName', outcome: '#outcome' }[form];
      return renderReview(request, reply.code(formProblemStatus(problem)), {
        form,
        evidenceNote: form === 'evidence' ? evidenceNoteValue(body) : undefined,
        consent: form === 'consent' ? consentPeopleValues(body) : undefined,
        outcome: form === 'outcome' ? outcomeValues(body) : undefined,
        errors: formError(EXPIRED_FORM, first),
      });
    },
  };
}
