import { addMonths } from '../../platform/calendar/calendar-date.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import { formatHalfDays, formatPence } from '../../platform/units.ts';
import type { DeploymentTermsFields, PlacementTermsFields } from './agreement-content.repository.ts';

/** A school year is about 190 days: more than that from one leader is a typing mistake. */
export const MAXIMUM_DEPLOYMENT_HALF_DAYS = 380;
/** £100,000: well above any fee for days of a leader's time, so a larger one is a typing mistake. */
export const MAXIMUM_FEE_PENCE = 10_000_000;

/** An LLE placement's normal intensity: half a day to 1 day a week. */
export const PLACEMENT_INTENSITY = {
  minimumHalfDaysPerWeek: 1,
  maximumHalfDaysPerWeek: 2,
  limitHalfDaysPerWeek: 10,
} as const;
/** An LLE placement's normal length: 6 months to 3 years. */
export const PLACEMENT_LENGTH = { minimumMonths: 6, maximumMonths: 36 } as const;

type FundingOf = Pick<DeploymentTermsFields, 'feePence' | 'exchangeDescription' | 'exchangeHalfDays'> & {
  fundingType: DeploymentTermsFields['fundingType'] | null;
};

const hasText = (value: string | null | undefined) => typeof value === 'string' && value.trim() !== '';

/**
 * The rules an SLE deployment's terms must meet, beyond each field's format. `minimumHalfDays` is
 * the alliance's minimum deployment (a setting).
 */
export function deploymentTermsProblems(terms: DeploymentTermsFields, minimumHalfDays: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (terms.halfDays < minimumHalfDays) {
    problems.push({
      field: 'days',
      message: `The days agreed must be at least ${formatHalfDays(minimumHalfDays)}, the alliance’s minimum deployment`,
    });
  } else if (terms.halfDays > MAXIMUM_DEPLOYMENT_HALF_DAYS) {
    problems.push({
      field: 'days',
      message: `The days agreed must be ${formatHalfDays(MAXIMUM_DEPLOYMENT_HALF_DAYS)} or fewer, a school year`,
    });
  }
  if (!hasText(terms.visitPattern))
    problems.push({
      field: 'visitPattern',
      message: 'Enter the visit pattern, for example every other Tuesday morning',
    });
  if (terms.endDate <= terms.startDate)
    problems.push({ field: 'endDate', message: 'The end date must be after the start date' });
  problems.push(...fundingProblems(terms));
  return problems;
}

/** The rules funding must meet, for a deployment or a placement: a fee within bounds, an exchange described and valued. */
export function fundingProblems(terms: FundingOf): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (terms.fundingType === 'fee') {
    if (terms.feePence === null || !Number.isInteger(terms.feePence) || terms.feePence <= 0)
      problems.push({ field: 'fee', message: 'The fee must be more than £0. If there is no fee, choose ‘No funding’' });
    else if (terms.feePence > MAXIMUM_FEE_PENCE)
      problems.push({ field: 'fee', message: `The fee must be ${formatPence(MAXIMUM_FEE_PENCE)} or less` });
  }
  if (terms.fundingType === 'exchange') {
    if (!hasText(terms.exchangeDescription))
      problems.push({
        field: 'exchangeDescription',
        message: 'Describe the services the supported school gives in exchange',
      });
    if (terms.exchangeHalfDays === null || terms.exchangeHalfDays <= 0)
      problems.push({ field: 'exchangeDays', message: 'Enter what the exchange is worth in days, more than 0' });
    else if (terms.exchangeHalfDays > MAXIMUM_DEPLOYMENT_HALF_DAYS)
      problems.push({
        field: 'exchangeDays',
        message: `The exchange must be worth ${formatHalfDays(MAXIMUM_DEPLOYMENT_HALF_DAYS)} or fewer`,
      });
  }
  return problems;
}

/** Only the funding the type uses is kept: a fee typed before choosing "exchange" is not stored. */
export function normaliseFunding<Terms extends FundingOf>(terms: Terms): Terms {
  return {
    ...terms,
    feePence: terms.fundingType === 'fee' ? terms.feePence : null,
    exchangeDescription: terms.fundingType === 'exchange' ? terms.exchangeDescription : null,
    exchangeHalfDays: terms.fundingType === 'exchange' ? terms.exchangeHalfDays : null,
  };
}

export type PlacementRange = {
  intensityOutside: 'above' | 'below' | undefined;
  lengthOutside: 'shorter' | 'longer' | undefined;
};

/** Whether a placement is outside its normal intensity or length, and so needs a reason recorded. */
export function placementRange(
  terms: Pick<PlacementTermsFields, 'intensityHalfDaysPerWeek' | 'startDate' | 'endDate'>,
): PlacementRange {
  const { minimumHalfDaysPerWeek, maximumHalfDaysPerWeek } = PLACEMENT_INTENSITY;
  const intensityOutside =
    terms.intensityHalfDaysPerWeek > maximumHalfDaysPerWeek
      ? 'above'
      : terms.intensityHalfDaysPerWeek < minimumHalfDaysPerWeek
        ? 'below'
        : undefined;
  const lengthOutside =
    terms.endDate < addMonths(terms.startDate, PLACEMENT_LENGTH.minimumMonths)
      ? 'shorter'
      : terms.endDate > addMonths(terms.startDate, PLACEMENT_LENGTH.maximumMonths)
        ? 'longer'
        : undefined;
  return { intensityOutside, lengthOutside };
}

/** The rules an LLE placement's terms must meet, beyond each field's format. */
export function placementTermsProblems(terms: PlacementTermsFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!hasText(terms.commissioningBodyName))
    problems.push({ field: 'commissioningBodyName', message: 'Enter the name of the commissioning body' });
  if (!hasText(terms.supportedHeadName))
    problems.push({ field: 'supportedHeadName', message: 'Enter the name of the supported school’s headteacher' });
  if (terms.priorityReasons.length === 0)
    problems.push({ field: 'priorityReasons', message: 'Select at least one reason the school is a priority' });
  if (!hasText(terms.focus)) problems.push({ field: 'focus', message: 'Enter the focus on school improvement' });
  // Null only for terms saved before placements recorded funding: saving them again needs an answer.
  if (terms.fundingType === null)
    problems.push({ field: 'fundingType', message: 'Select how the placement is funded' });
  problems.push(...fundingProblems(terms));
  const intensityPossible =
    terms.intensityHalfDaysPerWeek >= 1 && terms.intensityHalfDaysPerWeek <= PLACEMENT_INTENSITY.limitHalfDaysPerWeek;
  if (terms.intensityHalfDaysPerWeek < 1)
    problems.push({ field: 'intensity', message: 'The intensity must be at least half a day a week' });
  else if (!intensityPossible)
    problems.push({ field: 'intensity', message: 'The intensity must be 5 days a week or fewer' });
  if (terms.endDate <= terms.startDate) {
    problems.push({ field: 'endDate', message: 'The agreed end point must be after the start date' });
    return problems;
  }
  const range = placementRange(terms);
  if (intensityPossible && range.intensityOutside && !hasText(terms.intensityReason)) {
    problems.push({
      field: 'intensityReason',
      message: 'The intensity is more than 1 day a week: enter the reason for it',
    });
  }
  if (range.lengthOutside && !hasText(terms.endPointReason)) {
    const how = range.lengthOutside === 'shorter' ? 'less than 6 months' : 'more than 3 years';
    problems.push({
      field: 'endPointReason',
      message: `The agreed end point is ${how} after the start: enter the reason for it`,
    });
  }
  return problems;
}
