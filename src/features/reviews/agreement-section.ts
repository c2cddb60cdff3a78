import { hasAnyRole, type CurrentUser } from '../../platform/access.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime, londonDate } from '../../platform/calendar/london-time.ts';
import type { Services } from '../../services.ts';
import type { ObjectiveRow } from '../agreements/agreement-content.repository.ts';
import { ALLIANCE_STAFF, type Agreement } from '../agreements/agreements.service.ts';
import { auditTrailFor } from '../audit/audit.service.ts';
import { QUALITY_LABELS } from '../feedback/feedback.schema.ts';
import { RATING_LABELS, RATING_TAG_CLASSES, REVIEW_ACTIONS, REVIEW_FIELD_LABELS, REVIEW_KIND_LABELS } from './reviews.labels.ts';
import type { StoredReview } from './reviews.repository.ts';
import { REVIEW_AUDIT_ENTITY, reviewOpensOn, whyCannotRecord } from './reviews.service.ts';
import { REVIEW_KINDS } from './reviews.tables.ts';

/** A recorded review as the page shows it: each objective's rating and evidence, then the rest. */
function presentReview(review: StoredReview, objectives: ObjectiveRow[]) {
  return {
    versionNumber: review.versionNumber,
    kindLabel: REVIEW_KIND_LABELS[review.kind],
    ratings: objectives.map((objective, index) => {
      const rating = review.ratings.find((candidate) => candidate.objectiveId === objective.id);
      return { number: index + 1, objective: objective.objective, rating: rating && { text: RATING_LABELS[rating.rating], classes: RATING_TAG_CLASSES[rating.rating] }, evidence: rating?.evidence ?? '' };
    }),
    summary: review.summary,
    nextSteps: review.nextSteps,
    recorded: `${review.recordedByName}, ${formatLondonDateTime(review.recordedAt)}`,
    changed: review.changedAt ? `${review.changedByName ?? 'Unknown'}, ${formatLondonDateTime(review.changedAt)}` : undefined,
  };
}

/**
 * What the agreement page shows of the reviews and the supported school's feedback, for this
 * person: the data for `reviews/views/_agreement-section.njk`. Undefined before the agreement has
 * any content worth reviewing (the partial then shows nothing).
 */
export async function reviewsAndFeedbackSection(services: Services, user: CurrentUser, current: Agreement) {
  const target = await services.reviews.signedAgreement(user, current.agreement.id, current);
  if (!target) return undefined;
  const id = current.agreement.id;
  const base = `/staff/agreements/${id}`;
  const isStaff = hasAnyRole(user, ALLIANCE_STAFF);
  const today = services.reviews.today();
  const reviews = await services.reviews.reviewsOf(id);
  const version = target.agreement.version;

  const kinds = (target.signed ? REVIEW_KINDS : []).map((kind) => {
    const review = reviews.find((candidate) => candidate.versionId === version.id && candidate.kind === kind);
    const opensOn = target.startDate && target.endDate ? reviewOpensOn(kind, { startDate: target.startDate, endDate: target.endDate }) : undefined;
    const canAct = !whyCannotRecord(user, target, kind, reviews, today);
    return {
      title: REVIEW_KIND_LABELS[kind],
      review: review && presentReview(review, version.objectives),
      opensOn: opensOn && formatLongDate(opensOn),
      due: opensOn !== undefined && opensOn <= today,
      action: canAct ? { href: `${base}/reviews/${kind}`, text: review ? `Change the ${REVIEW_KIND_LABELS[kind].toLowerCase()}` : `Record the ${REVIEW_KIND_LABELS[kind].toLowerCase()}` } : undefined,
    };
  });

  const earlier = [];
  for (const review of reviews.filter((candidate) => candidate.versionId !== version.id)) {
    const ofVersion = await services.agreements.find(user, id, review.versionNumber);
    if (ofVersion) earlier.push({ title: `${REVIEW_KIND_LABELS[review.kind]} of version ${review.versionNumber}`, review: presentReview(review, ofVersion.version.objectives), action: undefined });
  }

  const history = [];
  for (const review of reviews) {
    const trail = await auditTrailFor(services.db, user, { allianceId: current.agreement.allianceId, entityType: REVIEW_AUDIT_ENTITY, entityId: review.id, labels: REVIEW_FIELD_LABELS, actions: REVIEW_ACTIONS });
    if (trail) history.push(...trail.map((event) => ({ ...event, review: `${REVIEW_KIND_LABELS[review.kind]}, version ${review.versionNumber}` })));
  }

  return {
    signed: target.signed,
    versionNumber: version.number,
    dates: target.startDate && target.endDate ? `${formatLongDate(target.startDate)} to ${formatLongDate(target.endDate)}` : undefined,
    entries: [...kinds, ...earlier],
    history,
    feedback: await feedbackPart(services, user, target.agreement, { isStaff, ended: target.endDate !== null && target.endDate <= today, endDate: target.endDate }),
  };
}

/** The feedback part: for the alliance's staff and the supported school only, who gave it and asked for it. */
async function feedbackPart(services: Services, user: CurrentUser, agreement: Agreement, state: { isStaff: boolean; ended: boolean; endDate: string | null }) {
  const ofSupportedSchool = user.roles.includes('school-contact') && user.schoolUrn === agreement.supportedSchool.urn;
  if (!state.isStaff && !ofSupportedSchool) return undefined;
  const found = await services.feedback.forAgreement(agreement.agreement.id);
  const response = found?.response;
  const request = found?.request;
  return {
    endDate: state.endDate ? formatLongDate(state.endDate) : undefined,
    answer: response && {
      quality: `${response.quality}: ${QUALITY_LABELS[response.quality]}`,
      recommend: response.wouldRecommend ? 'Yes' : 'No',
      comments: response.comments,
      answered: `${formatLondonDateTime(response.answeredAt)}, ${response.answeredVia === 'signed-in' ? 'signed in' : 'from the emailed link'}`,
    },
    request: request && {
      recipients: request.recipients,
      noOneToAsk: request.recipients.length === 0,
      lastRequested: formatLongDate(londonDate(request.lastRequestedAt)),
      expires: request.linkExpiresAt ? formatLongDate(londonDate(request.linkExpiresAt)) : undefined,
      timesRequested: request.timesRequested,
    },
    canAnswer: ofSupportedSchool && request !== undefined && !response,
    answerHref: `/staff/agreements/${agreement.agreement.id}/feedback`,
    canRequest: state.isStaff && state.ended && !response,
    requestAction: `/staff/agreements/${agreement.agreement.id}/feedback/request`,
  };
}
