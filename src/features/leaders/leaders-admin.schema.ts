import { z } from 'zod';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { datePartsFrom, readDateParts, type DatePart, type DateParts } from '../../platform/date-input.ts';
import { asArray, field, problemsFromZod, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import { leaderInputSchema } from './leaders.schema.ts';
import {
  DESIGNATION_STATUSES,
  DESIGNATION_TYPES,
  type DesignationStatus,
  type DesignationType,
  type Phase,
} from './leaders.model.ts';

/** Problems with a form, and which boxes of each date input to mark. */
export type LeaderFormErrors = FormErrors & { dateParts: Record<string, DatePart[]> };

/** A leader's details as the form holds them, kept as typed so the form can be shown again. */
export type LeaderDetailsValues = {
  name: string;
  email: string;
  jobTitle: string;
  /** What was typed in "Home school": a name, a URN, or the type-ahead's label. */
  homeSchool: string;
  /** A school chosen from the list offered when several matched. */
  homeSchoolUrn: string;
  profile: string;
  phases: string[];
  specialisms: string[];
  listed: string;
  listedConsentOn: DateParts;
};

export type DesignationValues = { type: string; status: string; startDate: DateParts; reviewDate: DateParts };

/** What a system leader may change about themselves. */
export type OwnProfileValues = { profile: string; phases: string[]; listed: string };

export function leaderDetailsValues(body: Record<string, unknown>): LeaderDetailsValues {
  return {
    name: field(body, 'name'),
    email: field(body, 'email'),
    jobTitle: field(body, 'jobTitle'),
    homeSchool: field(body, 'homeSchool').slice(0, 300),
    homeSchoolUrn: field(body, 'homeSchoolUrn').slice(0, 20),
    profile: field(body, 'profile'),
    phases: asArray(body.phases),
    specialisms: asArray(body.specialisms).slice(0, 100),
    listed: field(body, 'listed'),
    listedConsentOn: datePartsFrom(body, 'listedConsentOn'),
  };
}

export function designationValues(body: Record<string, unknown>): DesignationValues {
  return {
    type: field(body, 'type'),
    status: field(body, 'status'),
    startDate: datePartsFrom(body, 'startDate'),
    reviewDate: datePartsFrom(body, 'reviewDate'),
  };
}

export function ownProfileValues(body: Record<string, unknown>): OwnProfileValues {
  return { profile: field(body, 'profile'), phases: asArray(body.phases), listed: field(body, 'listed') };
}

const listedChoice = z.enum(['yes', 'no'], { error: 'Select whether they agree to be listed in the public directory' });

const detailsSchema = leaderInputSchema
  .pick({ name: true, email: true, jobTitle: true, profile: true, phases: true, specialisms: true })
  .extend({ listed: listedChoice });

export type LeaderDetails = {
  name: string;
  email: string;
  jobTitle: string | null;
  profile: string;
  phases: Phase[];
  specialisms: string[];
  listed: boolean;
  listedConsentOn: CalendarDate | null;
};

/** Problems in the order the fields appear, with where each date's problem is. */
type Checked<T> =
  { ok: true; value: T } | { ok: false; problems: FieldProblem[]; dateParts: Record<string, DatePart[]> };

/** The details other than the home school (which needs the register: see leader-form.ts). */
export function checkLeaderDetails(values: LeaderDetailsValues, today: CalendarDate): Checked<LeaderDetails> {
  const parsed = detailsSchema.safeParse({ ...values, jobTitle: values.jobTitle || null });
  const problems = parsed.success ? [] : problemsFromZod(parsed.error);
  const dateParts: Record<string, DatePart[]> = {};
  let listedConsentOn: CalendarDate | null = null;
  if (values.listed === 'yes') {
    const consent = readDateParts(values.listedConsentOn, {
      label: 'Date consent was given',
      missing: 'Enter the date they agreed to be listed',
    });
    if (!consent.ok) {
      problems.push({ field: 'listedConsentOn', message: consent.message });
      dateParts.listedConsentOn = consent.parts;
    } else if (consent.date && consent.date > today) {
      problems.push({ field: 'listedConsentOn', message: 'Date consent was given must be today or in the past' });
      dateParts.listedConsentOn = ['day', 'month', 'year'];
    } else listedConsentOn = consent.date;
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems, dateParts };
  const { listed, ...details } = parsed.data;
  return {
    ok: true,
    value: { ...details, jobTitle: details.jobTitle ?? null, listed: listed === 'yes', listedConsentOn },
  };
}

export type DesignationChange = {
  type: DesignationType;
  status: DesignationStatus;
  startDate: CalendarDate;
  reviewDate: CalendarDate | null;
};

const designationChoiceSchema = z.object({
  type: z.enum(DESIGNATION_TYPES, { error: 'Select the type of designation' }),
  status: z.enum(DESIGNATION_STATUSES, { error: 'Select the designation’s status' }),
});

/** A designation from its form; `fixedType` when changing one, whose type is not on the form. */
export function checkDesignation(values: DesignationValues, fixedType?: DesignationType): Checked<DesignationChange> {
  const parsed = designationChoiceSchema.safeParse({ type: fixedType ?? values.type, status: values.status });
  const problems = parsed.success ? [] : problemsFromZod(parsed.error);
  const dateParts: Record<string, DatePart[]> = {};
  const start = readDateParts(values.startDate, {
    label: 'Start date',
    missing: 'Enter the date the designation started',
  });
  const review = readDateParts(values.reviewDate, { label: 'Review date' });
  if (!start.ok) {
    problems.push({ field: 'startDate', message: start.message });
    dateParts.startDate = start.parts;
  }
  if (!review.ok) {
    problems.push({ field: 'reviewDate', message: review.message });
    dateParts.reviewDate = review.parts;
  } else if (start.ok && start.date && review.date && review.date <= start.date) {
    problems.push({ field: 'reviewDate', message: 'Review date must be after the start date' });
    dateParts.reviewDate = ['day', 'month', 'year'];
  }
  if (!parsed.success || !start.ok || !review.ok || problems.length > 0) return { ok: false, problems, dateParts };
  return { ok: true, value: { ...parsed.data, startDate: start.date!, reviewDate: review.date } };
}

export type OwnProfile = { profile: string; phases: Phase[]; listed: boolean };

const ownProfileSchema = leaderInputSchema.pick({ profile: true, phases: true }).extend({
  listed: z.enum(['yes', 'no'], { error: 'Select whether you agree to be listed in the public directory' }),
});

export function checkOwnProfile(
  values: OwnProfileValues,
): { ok: true; value: OwnProfile } | { ok: false; problems: FieldProblem[] } {
  const parsed = ownProfileSchema.safeParse(values);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error) };
  return { ok: true, value: { ...parsed.data, listed: parsed.data.listed === 'yes' } };
}

/** The error summary for these problems: each links to its field, a date to its first wrong box. */
export function leaderFormErrors(
  problems: FieldProblem[],
  dateParts: Record<string, DatePart[]> = {},
  fieldIds: Record<string, string> = {},
): LeaderFormErrors {
  const fields: FormErrors['fields'] = {};
  const summary: FormErrors['summary'] = [];
  for (const problem of problems) {
    if (fields[problem.field]) continue;
    fields[problem.field] = { text: problem.message };
    const parts = dateParts[problem.field];
    const id = parts ? `${problem.field}-${parts[0]}` : (fieldIds[problem.field] ?? problem.field);
    summary.push({ text: problem.message, href: `#${id}` });
  }
  return { summary, fields, dateParts };
}

export const REGISTER_PAGE_SIZE = 25;

const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );

/** The register's search and filters, all in the URL, so a filtered list can be bookmarked and shared. */
export const registerQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(200, 'Search words must be 200 characters or fewer')
    .optional()
    .transform((value) => value || undefined),
  type: repeatable(z.enum(DESIGNATION_TYPES, { error: 'Type must be sle, lle or nle' })),
  status: repeatable(
    z.enum(DESIGNATION_STATUSES, { error: `Status must be one of: ${DESIGNATION_STATUSES.join(', ')}` }),
  ),
  listed: z
    .enum(['', 'yes', 'no'], { error: 'Listed must be yes or no' })
    .optional()
    .transform((value) => value || undefined),
  review: z
    .enum(['', 'overdue', 'due-soon'], { error: 'Review must be overdue or due-soon' })
    .optional()
    .transform((value) => value || undefined),
  page: z.preprocess(
    (value) => (value === '' || value === undefined ? 1 : Number(value)),
    z
      .number({ error: 'Page must be a whole number' })
      .int('Page must be a whole number')
      .min(1, 'Page must be 1 or more')
      .max(100_000, 'Page must be 100000 or less'),
  ),
});

export type RegisterQuery = z.output<typeof registerQuerySchema>;

/** The register's URL for a query. */
export function registerUrl(query: Partial<RegisterQuery>): string {
  const parameters = new URLSearchParams();
  if (query.q) parameters.set('q', query.q);
  for (const type of query.type ?? []) parameters.append('type', type);
  for (const status of query.status ?? []) parameters.append('status', status);
  if (query.listed) parameters.set('listed', query.listed);
  if (query.review) parameters.set('review', query.review);
  if (query.page && query.page > 1) parameters.set('page', String(query.page));
  const text = parameters.toString();
  return text ? `/staff/leaders?${text}` : '/staff/leaders';
}
