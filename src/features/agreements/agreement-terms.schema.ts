import { z } from 'zod';
import { datePartsFrom, datePartsOf, readRequiredDate, type DateParts } from '../../platform/date-input.ts';
import { asArray, field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import { parseDaysToHalfDays, parsePoundsToPence } from '../../platform/units.ts';
import type { DeploymentTermsFields, PlacementTermsFields } from './agreement-content.repository.ts';
import type { DeploymentTerms, PlacementTerms } from './agreement-versions.service.ts';
import { COMMISSIONING_BODIES, FUNDING_TYPES, PRIORITY_REASONS } from './agreements.model.ts';

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

/** Days as typed, to half days: `missing` when empty, `format` when not whole or half days. */
function halfDaysFrom(
  typed: string,
  problems: FieldProblem[],
  name: string,
  messages: { missing: string; format: string },
): number | undefined {
  if (typed === '') problems.push({ field: name, message: messages.missing });
  else {
    const halfDays = parseDaysToHalfDays(typed);
    if (halfDays === undefined) problems.push({ field: name, message: messages.format });
    return halfDays;
  }
  return undefined;
}

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

export type DeploymentFormValues = {
  focusSpecialismId: string;
  days: string;
  visitPattern: string;
  startDate: DateParts;
  endDate: DateParts;
  fundingType: string;
  fee: string;
  exchangeDescription: string;
  exchangeDays: string;
};

const DEPLOYMENT_ORDER = [
  'focusSpecialismId',
  'days',
  'visitPattern',
  'startDate',
  'endDate',
  'fundingType',
  'fee',
  'exchangeDescription',
  'exchangeDays',
];

export function deploymentFormValues(body: Record<string, unknown>): DeploymentFormValues {
  return {
    focusSpecialismId: field(body, 'focusSpecialismId').slice(0, 12),
    days: field(body, 'days').slice(0, 20),
    visitPattern: field(body, 'visitPattern'),
    startDate: datePartsFrom(body, 'startDate'),
    endDate: datePartsFrom(body, 'endDate'),
    fundingType: field(body, 'fundingType'),
    fee: field(body, 'fee').slice(0, 30),
    exchangeDescription: field(body, 'exchangeDescription'),
    exchangeDays: field(body, 'exchangeDays').slice(0, 20),
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
    fundingType: terms?.fundingType ?? '',
    fee: terms?.feePence ? (terms.feePence / 100).toFixed(2) : '',
    exchangeDescription: terms?.exchangeDescription ?? '',
    exchangeDays: terms?.exchangeHalfDays ? String(terms.exchangeHalfDays / 2) : '',
  };
}

const visitPattern = requiredText(
  'Enter the visit pattern, for example every other Tuesday morning',
  500,
  'The visit pattern',
);
const exchangeDescription = requiredText(
  'Describe the services the supported school gives in exchange',
  1000,
  'The description of the exchange',
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
  const fundingType = FUNDING_TYPES.find((type) => type === values.fundingType);
  if (!fundingType) problems.push({ field: 'fundingType', message: 'Select how the deployment is funded' });

  let feePence: number | null = null;
  let description: string | null = null;
  let exchangeHalfDays: number | null = null;
  if (fundingType === 'fee') {
    if (values.fee === '') problems.push({ field: 'fee', message: 'Enter the fee in pounds' });
    else {
      feePence = parsePoundsToPence(values.fee) ?? null;
      if (feePence === null)
        problems.push({ field: 'fee', message: 'Enter the fee in pounds and pence, like 1,500 or 1500.50' });
    }
  }
  if (fundingType === 'exchange') {
    const parsed = exchangeDescription.safeParse(values.exchangeDescription);
    if (parsed.success) description = parsed.data;
    else problems.push({ field: 'exchangeDescription', message: parsed.error.issues[0]!.message });
    exchangeHalfDays =
      halfDaysFrom(values.exchangeDays, problems, 'exchangeDays', {
        missing: 'Enter what the exchange is worth in days',
        format: 'Enter what the exchange is worth in whole or half days, like 2 or 2.5',
      }) ?? null;
  }
  if (problems.length > 0 || halfDays === undefined || !pattern.success || !startDate || !endDate || !fundingType)
    return { ok: false, problems: inOrder(problems, DEPLOYMENT_ORDER) };
  return {
    ok: true,
    data: {
      focusSpecialismId: Number(values.focusSpecialismId),
      halfDays,
      visitPattern: pattern.data,
      startDate,
      endDate,
      fundingType,
      feePence,
      exchangeDescription: description,
      exchangeHalfDays,
    },
  };
}

export type PlacementFormValues = {
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
  if (!parsed.success || problems.length > 0 || intensity === undefined || !startDate || !endDate)
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
    },
  };
}
