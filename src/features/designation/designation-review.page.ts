import type { CurrentUser } from '../../platform/access.ts';
import { academicYearOf } from '../../platform/calendar/academic-year.ts';
import type { FormErrors } from '../../platform/forms.ts';
import type { FeedbackService } from '../feedback/feedback.service.ts';
import { DESIGNATION_ABBREVIATIONS, DESIGNATION_LABELS, DESIGNATION_STATUS_LABELS } from '../leaders/leaders.schema.ts';
import type { ReleaseService } from '../release/release.service.ts';
import type { DeliveryService } from '../visits/visits.service.ts';
import { agreedReleaseDays, REASON_LABELS } from './designation-review-rules.ts';
import {
  OUTCOME_LABELS,
  type DesignationReviewService,
  type ReviewWithSubject,
} from './designation-reviews.service.ts';
import {
  COMMENT_LIMIT,
  EVIDENCE_LIMIT,
  NOTE_LIMIT,
  type ConsentPeopleValues,
  type OutcomeValues,
} from './designation-reviews.schema.ts';
import { ROLE_NAMES } from './review-consent.emails.ts';
import type { ReviewConsentService } from './review-consent.service.ts';
import { dateInputItems, datePartsOf } from '../../platform/date-input.ts';
import { formatDate } from '../../platform/calendar/calendar-date.ts';
import type { ReviewAppealService } from './designation-review-appeals.service.ts';
import {
  APPEAL_NOTES_LIMIT,
  GROUNDS_LIMIT,
  type AppealDecisionValues,
  type ReviewAppealValues,
} from './designation-review-appeals.schema.ts';

export type ReviewPageServices = {
  designationReviews: DesignationReviewService;
  reviewConsent: ReviewConsentService;
  delivery: DeliveryService;
  feedback: FeedbackService;
  release: ReleaseService;
  reviewAppeals: ReviewAppealService;
};

/** What was typed into one of the page's forms, shown again with its errors. */
export type ReviewPageForms = {
  evidenceNote?: string;
  consent?: ConsentPeopleValues;
  outcome?: OutcomeValues;
  appeal?: ReviewAppealValues;
  appealDecision?: AppealDecisionValues;
  errors?: FormErrors;
  /** Which form the errors belong to, for the summary's heading and the fields' messages. */
  form?: 'evidence' | 'consent' | 'outcome' | 'appeal' | 'appeal-panel' | 'appeal-decision';
};

/**
 * A review's page: the designation and why it is reviewed, the evidence gathered from the leader's
 * delivery, the supported schools' ratings and the release ledger (each from its own capability),
 * the head's and chair's renewed consent, the coordinator's note, and the outcome.
 */
export async function reviewPageContext(
  services: ReviewPageServices,
  user: CurrentUser,
  review: ReviewWithSubject,
  forms: ReviewPageForms = {},
) {
  const today = services.designationReviews.today();
  const from = await services.designationReviews.periodStart(review);
  const to = review.closedOn ?? today;
  const delivery = await services.delivery.leaderDelivery(user, review.leaderId, { from, to });
  const ratings = await services.feedback.ratingsForLeader(user, review.leaderId, from);
  const year = academicYearOf(today);
  const ledger =
    review.designationType === 'sle' ? await services.release.ledger(user, review.leaderId, year.startYear) : undefined;
  const consents = await services.reviewConsent.requestsFor(review.id);
  const agreedDays = agreedReleaseDays(consents);
  const consentNeeded = review.designationType === 'sle' || review.reason === 'moved-school';
  const headRequest = consents.find((consent) => consent.role === 'head');
  const chairRequest = consents.find((consent) => consent.role === 'chair');
  const abbreviation = DESIGNATION_ABBREVIATIONS[review.designationType];
  return {
    review,
    pageTitle: `${review.leaderName}: ${abbreviation} designation review`,
    designationName: DESIGNATION_LABELS[review.designationType],
    abbreviation,
    statusLabel: DESIGNATION_STATUS_LABELS[review.designationStatus],
    reasonLabel: REASON_LABELS[review.reason],
    outcomeLabel: review.outcome ? OUTCOME_LABELS[review.outcome] : undefined,
    overdue: !review.outcome && review.dueOn < today,
    period: { from, to },
    delivery,
    deliveredHalfDays: delivery.reduce((sum, row) => sum + row.deliveredHalfDays, 0),
    ratings,
    ledger: ledger && { year, position: ledger.position, consent: ledger.consent },
    consentNeeded,
    consents: consents.map((consent) => ({ ...consent, roleName: ROLE_NAMES[consent.role] })),
    agreedDays,
    consentValues: forms.consent ?? {
      headName: headRequest?.name ?? '',
      headEmail: headRequest?.email ?? '',
      chairName: chairRequest?.name ?? '',
      chairEmail: chairRequest?.email ?? '',
    },
    evidenceNote: forms.evidenceNote ?? review.evidenceNote,
    outcomeValues: forms.outcome ?? { outcome: '', outcomeReason: '' },
    outcomeItems: (['redesignated', 'de-designated', 'resigned'] as const).map((value) => ({
      value,
      text: OUTCOME_LABELS[value],
      checked: forms.outcome?.outcome === value,
    })),
    errors: forms.errors,
    form: forms.form,
    limits: { note: NOTE_LIMIT, evidence: EVIDENCE_LIMIT, comment: COMMENT_LIMIT },
    appeal: await appealContext(services, user, review, forms),
    auditTrail: await services.designationReviews.trail(user, review.id),
  };
}

/** The appeal against a de-designation: its forms, their input kept, and what was decided. */
async function appealContext(
  services: ReviewPageServices,
  user: CurrentUser,
  review: ReviewWithSubject,
  forms: ReviewPageForms,
) {
  const view = await services.reviewAppeals.view(user, review);
  if (!view) return undefined;
  const lodgedOn = forms.appeal?.lodgedOn ?? datePartsOf(undefined);
  const decision = forms.appealDecision ?? { appealOutcome: '', appealNotes: '' };
  const panel = view.panels.find((item) => item.id === view.appeal?.panelId);
  return {
    ...view,
    lastDayText: formatDate(view.lastDay),
    panelText: panel ? `The appeal panel meeting on ${formatDate(panel.meetsOn)}` : undefined,
    values: { grounds: forms.appeal?.grounds ?? '', ...decision },
    lodgedOnItems: dateInputItems(lodgedOn, forms.errors?.fields.lodgedOn ? ['day', 'month', 'year'] : []),
    panelItems: view.panels.map((item) => ({
      value: String(item.id),
      text: `Meeting on ${formatDate(item.meetsOn)}`,
      checked: item.id === view.appeal?.panelId,
    })),
    outcomeItems: [
      { value: 'upheld', text: 'Upheld: restore the designation', checked: decision.appealOutcome === 'upheld' },
      {
        value: 'dismissed',
        text: 'Dismissed: the de-designation stands',
        checked: decision.appealOutcome === 'dismissed',
      },
    ],
    limits: { grounds: GROUNDS_LIMIT, notes: APPEAL_NOTES_LIMIT },
  };
}
