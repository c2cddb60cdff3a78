import { z } from 'zod';
import { datePartsFrom, datePartsOf, readRequiredDate, type DateParts } from '../../platform/date-input.ts';
import { asArray, field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import type { DeploymentTermsFields, PlacementTermsFields } from './agreement-content.repository.ts';
import type { DeploymentTerms, PlacementTerms } from './agreement-versions.service.ts';
import {
  FUNDING_ORDER,
  fundingFormFrom,
  fundingFormValues,
  halfDaysFrom,
  parseFunding,
  type FundingFormValues,
} from './agreement-funding.schema.ts';
import { COMMISSIONING_BODIES, PRIORITY_REASONS } from './agreements.model.ts';

export type Parsed<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[] };

/** Required text, trimmed, with a limit: the messages GOV.UK's pattern for text inputs uses. */
export const requiredText = (missing: string, maximum: number, label: string) =>
  z.string().trim().min(1, missing).max(maximum, `${label} must be ${maximum} characters or fewer`);

export const optionalText = (maximum: number, label: string) =>
  z
    .string()
    .trim()
    .max(maximum, `${label} must be ${maximum} characters or fewer`)
    .transform((value) => (value === '' ? null : value));

function dateFrom(values: DateParts, label: string, name: string, problems: FieldProblem[]): string | undefined {
  const parsed = readRequiredDate(values, label);
  if (parsed.ok) return parsed.date;
  problems.push({ field: name, message: parsed.message });
  return undefined;
}

/** Problems in the order the form asks, so the error summary reads down the page. */
function inOrder(problems: FieldProblem[], order: string[]): FieldProblem[] {
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...problems].sort((a, b) => rank(a.field) - rank(b.field));
}

export type DeploymentFormValues = FundingFormValues & {
  focusSpecialismId: string;
  days: string;
  visitPattern: string;
  startDate: DateParts;
  endDate: DateParts;
};

const DEPLOYMENT_ORDER = ['focusSpecialismId', 'days', 'visitPattern', 'startDate', 'endDate', ...FUNDING_ORDER];

export function deploymentFormValues(body: Record<string, unknown>): DeploymentFormValues {
  return {
    focusSpecialismId: field(body, 'focusSpecialismId').slice(0, 12),
    days: field(body, 'days').slice(0, 20),
    visitPattern: field(body, 'visitPattern'),
    startDate: datePartsFrom(body, 'startDate'),
    endDate: datePartsFrom(body, 'endDate'),
    ...fundingFormValues(body),
  };
}

export function deploymentFormFrom(
  terms: DeploymentTerms | undefined,
  suggested?: { focusSpecialismId?: number },
): DeploymentFormValues {
  const focus = terms?.focusSpecialismId ?? suggested?.focusSpecialismId;
  return {
    focusSpecialismId: focus === undefined ? '' : String(focus),
    days: terms ? String(terms.halfDays / 2) : '',
    visitPattern: terms?.visitPattern ?? '',
    startDate: datePartsOf(terms?.startDate),
    endDate: datePartsOf(terms?.endDate),
    ...fundingFormFrom(terms),
  };
}

const visitPattern = requiredText(
  'Enter the visit pattern, for example every other Tuesday morning',
  500,
  'The visit pattern',
);

/** The deployment form's format: each field readable. The service then checks the rules (minimum days, dates in order). */
export function parseDeploymentForm(values: DeploymentFormValues): Parsed<DeploymentTermsFields> {
  const problems: FieldProblem[] = [];
  if (!/^\d{1,9}$/.test(values.focusSpecialismId))
    problems.push({ field: 'focusSpecialismId', message: 'Select the focus specialism' });
  const halfDays = halfDaysFrom(values.days, problems, 'days', {
    missing: 'Enter the days agreed',
    format: 'Enter the days agreed in whole or half days, like 5 or 5.5',
  });
  const pattern = visitPattern.safeParse(values.visitPattern);
  if (!pattern.success) problems.push({ field: 'visitPattern', message: pattern.error.issues[0]!.message });
  const startDate = dateFrom(values.startDate, 'the start date', 'startDate', problems);
  const endDate = dateFrom(values.endDate, 'the end date', 'endDate', problems);
  const funding = parseFunding(values, problems, 'the deployment');
  if (problems.length > 0 || halfDays === undefined || !pattern.success || !startDate || !endDate || !funding)
    return { ok: false, problems: inOrder(problems, DEPLOYMENT_ORDER) };
  return {
    ok: true,
    data: {
      focusSpecialismId: Number(values.focusSpecialismId),
      halfDays,
      visitPattern: pattern.data,
      startDate,
      endDate,
      ...funding,
    },
  };
}

export type PlacementFormValues = FundingFormValues & {
  commissioningBody: string;
  commissioningBodyName: string;
  supportedHeadName: string;
  priorityReasons: string[];
  focus: string;
  intensity: string;
  intensityReason: string;
  startDate: DateParts;
  endDate: DateParts;
  endPointReason: string;
};

const PLACEMENT_ORDER = [
  'commissioningBody',
  'commissioningBodyName',
  'supportedHeadName',
  'priorityReasons',
  'focus',
  'intensity',
  'intensityReason',
  'startDate',
  'endDate',
  'endPointReason',
  ...FUNDING_ORDER,
];

export function placementFormValues(body: Record<string, unknown>): PlacementFormValues {
  return {
    commissioningBody: field(body, 'commissioningBody'),
    commissioningBodyName: field(body, 'commissioningBodyName'),
    supportedHeadName: field(body, 'supportedHeadName'),
    priorityReasons: asArray(body.priorityReasons).slice(0, 10),
    focus: field(body, 'focus'),
    intensity: field(body, 'intensity').slice(0, 20),
    intensityReason: field(body, 'intensityReason'),
    startDate: datePartsFrom(body, 'startDate'),
    endDate: datePartsFrom(body, 'endDate'),
    endPointReason: field(body, 'endPointReason'),
    ...fundingFormValues(body),
  };
}

export function placementFormFrom(
  terms: PlacementTerms | undefined,
  suggested?: { priorityReasons: string[]; supportedHeadName?: string },
): PlacementFormValues {
  return {
    commissioningBody: terms?.commissioningBody ?? '',
    commissioningBodyName: terms?.commissioningBodyName ?? '',
    supportedHeadName: terms?.supportedHeadName ?? suggested?.supportedHeadName ?? '',
    priorityReasons: terms?.priorityReasons ?? suggested?.priorityReasons ?? [],
    focus: terms?.focus ?? '',
    intensity: terms ? String(terms.intensityHalfDaysPerWeek / 2) : '',
    intensityReason: terms?.intensityReason ?? '',
    startDate: datePartsOf(terms?.startDate),
    endDate: datePartsOf(terms?.endDate),
    endPointReason: terms?.endPointReason ?? '',
    ...fundingFormFrom(terms),
  };
}

const placementTextSchema = z.object({
  commissioningBody: z.enum(COMMISSIONING_BODIES, { error: 'Select who commissioned the placement' }),
  commissioningBodyName: requiredText(
    'Enter the name of the commissioning body',
    200,
    'The name of the commissioning body',
  ),
  supportedHeadName: requiredText(
    'Enter the name of the supported school’s headteacher',
    120,
    'The headteacher’s name',
  ),
  priorityReasons: z
    .array(z.enum(PRIORITY_REASONS, { error: 'Select reasons from the list' }))
    .min(1, 'Select at least one reason the school is a priority'),
  focus: requiredText('Enter the focus on school improvement', 2000, 'The focus'),
  intensityReason: optionalText(1000, 'The reason for the intensity'),
  endPointReason: optionalText(1000, 'The reason for the end point'),
});

export function parsePlacementForm(values: PlacementFormValues): Parsed<PlacementTermsFields> {
  const parsed = placementTextSchema.safeParse(values);
  const problems: FieldProblem[] = parsed.success ? [] : problemsFromZod(parsed.error);
  const intensity = halfDaysFrom(values.intensity, problems, 'intensity', {
    missing: 'Enter the intensity in days a week',
    format: 'Enter the intensity in whole or half days a week, like 0.5 or 1',
  });
  const startDate = dateFrom(values.startDate, 'the start date', 'startDate', problems);
  const endDate = dateFrom(values.endDate, 'the agreed end point', 'endDate', problems);
  const funding = parseFunding(values, problems, 'the placement');
  if (!parsed.success || problems.length > 0 || intensity === undefined || !startDate || !endDate || !funding)
    return { ok: false, problems: inOrder(problems, PLACEMENT_ORDER) };
  const { priorityReasons, ...text } = parsed.data;
  return {
    ok: true,
    data: {
      ...text,
      priorityReasons: [...new Set(priorityReasons)],
      intensityHalfDaysPerWeek: intensity,
      startDate,
      endDate,
      ...funding,
    },
  };
}
