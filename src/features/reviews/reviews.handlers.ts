import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { agreementHeading } from '../agreements/agreement-page.ts';
import { EXPIRED_FORM } from '../agreements/agreements.requests.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import type { Agreement } from '../agreements/agreements.service.ts';
import {
  defaultNoteSharing,
  NOTE_SHARING,
  NOTE_SHARING_HINTS,
  NOTE_SHARING_LABELS,
} from '../agreements/note-sharing.ts';
import { RATING_LABELS, REVIEW_KIND_LABELS } from './reviews.labels.ts';
import {
  evidenceField,
  parseReviewForm,
  ratingField,
  reviewFormValues,
  type ReviewFormValues,
} from './reviews.schema.ts';
import type { ReviewRefusal, ReviewService } from './reviews.service.ts';
import { PROGRESS_RATINGS, REVIEW_KINDS, type ReviewKind } from './reviews.model.ts';
import type { StoredReview } from './reviews.service.ts';

type ReviewRequest = FastifyRequest<{ Params: { id: string; kind: string } }>;

function targetOf(request: ReviewRequest): { agreementId: number; kind: ReviewKind } | undefined {
  const agreementId = parseId(request.params.id);
  const kind = REVIEW_KINDS.find((candidate) => candidate === request.params.kind);
  return agreementId === undefined || !kind ? undefined : { agreementId, kind };
}

function valuesOf(review: StoredReview | undefined, agreement: Agreement): ReviewFormValues {
  return {
    ratings: Object.fromEntries((review?.ratings ?? []).map((rating) => [String(rating.objectiveId), rating.rating])),
    evidence: Object.fromEntries(
      (review?.ratings ?? []).map((rating) => [String(rating.objectiveId), rating.evidence]),
    ),
    summary: review?.summary ?? '',
    nextSteps: review?.nextSteps ?? '',
    sharedWith: review?.sharedWith ?? defaultNoteSharing(agreement.agreement.kind),
  };
}

/** Recording and changing the mid-point and end reviews of an agreement. */
export function reviewHandlers(services: { reviews: ReviewService }) {
  function renderRefusal(reply: FastifyReply, agreementId: number, refusal: ReviewRefusal) {
    if (refusal.status === 404) return notFound(reply);
    return reply.code(refusal.status).render('reviews/views/refused.njk', { agreementId, message: refusal.message });
  }

  function renderForm(
    reply: FastifyReply,
    agreement: Agreement,
    kind: ReviewKind,
    review: StoredReview | undefined,
    values: ReviewFormValues,
    errors?: FormErrors,
  ) {
    const objectives = agreement.version.objectives.map((objective, index) => ({
      ...objective,
      number: index + 1,
      ratingName: ratingField(objective.id),
      evidenceName: evidenceField(objective.id),
      evidence: values.evidence[String(objective.id)] ?? '',
      ratingItems: PROGRESS_RATINGS.map((rating) => ({
        value: rating,
        text: RATING_LABELS[rating],
        checked: values.ratings[String(objective.id)] === rating,
      })),
    }));
    return reply.render('reviews/views/review-form.njk', {
      heading: agreementHeading(agreement),
      kind,
      kindLabel: REVIEW_KIND_LABELS[kind],
      versionNumber: agreement.version.number,
      changing: review !== undefined,
      sharingItems: NOTE_SHARING.map((sharing) => ({
        value: sharing,
        text: NOTE_SHARING_LABELS[sharing],
        hint: { text: NOTE_SHARING_HINTS[sharing] },
        checked: values.sharedWith === sharing,
      })),
      objectives,
      values,
      errors,
    });
  }

  return {
    async showReview(request: ReviewRequest, reply: FastifyReply) {
      const target = targetOf(request);
      if (!target) return notFound(reply);
      const prepared = await services.reviews.prepare(actorOf(request), target.agreementId, target.kind);
      if (!prepared.ok) return renderRefusal(reply, target.agreementId, prepared);
      return renderForm(
        reply,
        prepared.agreement,
        target.kind,
        prepared.review,
        valuesOf(prepared.review, prepared.agreement),
      );
    },

    async submitReview(request: ReviewRequest, reply: FastifyReply) {
      const target = targetOf(request);
      if (!target) return notFound(reply);
      const user = actorOf(request);
      const prepared = await services.reviews.prepare(user, target.agreementId, target.kind);
      if (!prepared.ok) return renderRefusal(reply, target.agreementId, prepared);
      const objectiveIds = prepared.agreement.version.objectives.map((objective) => objective.id);
      const values = reviewFormValues(bodyOf(request), objectiveIds);
      const parsed = parseReviewForm(values, objectiveIds);
      if (!parsed.ok)
        return renderForm(
          reply.code(400),
          prepared.agreement,
          target.kind,
          prepared.review,
          values,
          toFormErrors(parsed.problems),
        );
      const outcome = await services.reviews.record(user, target.agreementId, target.kind, parsed.input);
      if (!outcome.ok) {
        if ('problems' in outcome)
          return renderForm(
            reply.code(400),
            prepared.agreement,
            target.kind,
            prepared.review,
            values,
            toFormErrors(outcome.problems),
          );
        return renderRefusal(reply, target.agreementId, outcome);
      }
      setFlash(reply, `${REVIEW_KIND_LABELS[target.kind]} ${outcome.changed ? 'changed' : 'recorded'}`, {
        at: 'reviews',
      });
      return reply.redirect(`/staff/agreements/${target.agreementId}#reviews`, 303);
    },

    async reviewAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const target = targetOf(request as ReviewRequest);
      const prepared = target
        ? await services.reviews.prepare(actorOf(request), target.agreementId, target.kind)
        : undefined;
      if (!target || !prepared?.ok) throw formExpiredError();
      const values = reviewFormValues(
        bodyOf(request),
        prepared.agreement.version.objectives.map((objective) => objective.id),
      );
      return renderForm(
        reply.code(formProblemStatus(problem)),
        prepared.agreement,
        target.kind,
        prepared.review,
        values,
        formError(EXPIRED_FORM, '#summary'),
      );
    },
  };
}
