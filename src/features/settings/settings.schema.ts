import { z } from 'zod';
import { daysBetween, isCalendarDate } from '../../platform/calendar/calendar-date.ts';
import { field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import type { AllianceSettings, Closure } from '../../platform/alliance/alliance.service.ts';

/** The settings form as typed, kept so it can be shown again. */
export type SettingsFormValues = {
  name: string;
  addressLines: string;
  telephone: string;
  email: string;
  website: string;
  responseWorkingDays: string;
  cutOffTime: string;
  typicalSleDaysPerYear: string;
  minimumDeploymentDays: string;
  quietWeeks: string;
  escalateAfterWorkingDays: string;
  /** One origin a line. */
  apiAllowedOrigins: string;
};

const SETTINGS_FIELDS = [
  'name',
  'addressLines',
  'telephone',
  'email',
  'website',
  'responseWorkingDays',
  'cutOffTime',
  'typicalSleDaysPerYear',
  'minimumDeploymentDays',
  'quietWeeks',
  'escalateAfterWorkingDays',
  'apiAllowedOrigins',
] as const;

export function settingsFormValues(body: Record<string, unknown>): SettingsFormValues {
  const values = Object.fromEntries(SETTINGS_FIELDS.map((name) => [name, field(body, name)])) as SettingsFormValues;
  // Line breaks are part of the address; keep them, normalised.
  values.addressLines = values.addressLines.replace(/\r\n?/g, '\n');
  values.apiAllowedOrigins = values.apiAllowedOrigins.replace(/\r\n?/g, '\n');
  return values;
}

const wholeNumber = (label: string, minimum: number, maximum: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${label}`)
    .regex(/^\d+$/, `${label[0]!.toUpperCase()}${label.slice(1)} must be a whole number, like 2`)
    .transform(Number)
    .refine(
      (value) => value >= minimum && value <= maximum,
      `${label[0]!.toUpperCase()}${label.slice(1)} must be between ${minimum} and ${maximum}`,
    );

/** The database refuses more (alliances_api_allowed_origins); a browser's Origin header is short. */
export const MAX_ALLOWED_ORIGINS = 20;
const MAX_ORIGIN_LENGTH = 200;

/**
 * An origin as a browser sends it in its Origin header: scheme, host and port, no path or trailing
 * slash, lower case. Only that exact text can ever match, so anything else is refused rather than
 * saved and silently never matched.
 */
export function isOrigin(text: string): boolean {
  if (text.length > MAX_ORIGIN_LENGTH) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}

const settingsSchema = z.object({
  name: z.string().trim().min(1, 'Enter the alliance’s name').max(120, 'Name must be 120 characters or fewer'),
  addressLines: z
    .string()
    .transform((text) =>
      text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .refine((lines) => lines.length > 0, 'Enter the alliance’s postal address')
    .refine((lines) => lines.length <= 6, 'The address must be 6 lines or fewer')
    .refine(
      (lines) => lines.every((line) => line.length <= 100),
      'Each line of the address must be 100 characters or fewer',
    ),
  telephone: z
    .string()
    .trim()
    .min(1, 'Enter a telephone number')
    .refine(
      (value) =>
        /^\+?[\d\s()-]+$/.test(value) && value.replace(/\D/g, '').length >= 10 && value.replace(/\D/g, '').length <= 15,
      'Enter a telephone number, like 0151 428 2128',
    ),
  email: z
    .string()
    .trim()
    .min(1, 'Enter an email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.com')),
  website: z
    .string()
    .trim()
    .min(1, 'Enter the website address')
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
      } catch {
        return false;
      }
    }, 'Enter a website address starting with https://, like https://www.example.org'),
  responseWorkingDays: wholeNumber('the response target in working days', 0, 30),
  cutOffTime: z
    .string()
    .trim()
    .min(1, 'Enter the cut-off time')
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the cut-off time as hours and minutes on the 24-hour clock, like 17:00'),
  typicalSleDaysPerYear: wholeNumber('the typical SLE days a year', 0, 200),
  minimumDeploymentDays: z
    .string()
    .trim()
    .min(1, 'Enter the minimum deployment in days')
    .regex(/^\d+(\.[05])?$/, 'Enter the minimum deployment in whole or half days, like 1 or 1.5')
    .transform(Number)
    .refine((days) => days >= 0.5 && days <= 200, 'The minimum deployment must be between 0.5 and 200 days'),
  quietWeeks: wholeNumber('the weeks without activity', 1, 52),
  escalateAfterWorkingDays: wholeNumber('the working days overdue before the alliance lead is told', 1, 30),
  apiAllowedOrigins: z
    .string()
    .transform((text) => [
      ...new Set(
        text
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
      ),
    ])
    .refine((origins) => origins.length <= MAX_ALLOWED_ORIGINS, `Enter at most ${MAX_ALLOWED_ORIGINS} websites`)
    .superRefine((origins, context) => {
      const wrong = origins.find((origin) => !isOrigin(origin));
      if (wrong !== undefined)
        context.addIssue({
          code: 'custom',
          message: `Enter each website as its origin only, like https://www.example.org: ‘${wrong.slice(0, 60)}’ is not one`,
        });
    }),
});

export function parseSettings(
  values: SettingsFormValues,
): { ok: true; settings: AllianceSettings } | { ok: false; problems: FieldProblem[] } {
  const parsed = settingsSchema.safeParse(values);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error) };
  const { minimumDeploymentDays, ...rest } = parsed.data;
  // Days of support are stored in half days (DOMAIN.md), shown as days.
  return { ok: true, settings: { ...rest, minimumDeploymentHalfDays: Math.round(minimumDeploymentDays * 2) } };
}

export type ClosureFormValues = {
  day: string;
  month: string;
  year: string;
  lastDay: string;
  lastMonth: string;
  lastYear: string;
  description: string;
};

export function closureFormValues(body: Record<string, unknown>): ClosureFormValues {
  return {
    day: field(body, 'closureDate-day'),
    month: field(body, 'closureDate-month'),
    year: field(body, 'closureDate-year'),
    lastDay: field(body, 'closureLastDate-day'),
    lastMonth: field(body, 'closureLastDate-month'),
    lastYear: field(body, 'closureLastDate-year'),
    description: field(body, 'description'),
  };
}

/** A closure runs for a holiday at most (the summer's six weeks and a little); longer is a typing slip. */
export const CLOSURE_MAX_DAYS = 60;

/** One GOV.UK date input's parts as a date, or the problem with them; undefined when all are blank. */
function dateFrom(
  parts: { day: string; month: string; year: string },
  blank: string,
): { date?: string; problem?: string } {
  const { day, month, year } = parts;
  if (day === '' && month === '' && year === '') return { problem: blank };
  if (day === '' || month === '' || year === '') {
    const missing = [day === '' && 'day', month === '' && 'month', year === '' && 'year'].filter(Boolean).join(' and ');
    return { problem: `The date must include a ${missing}` };
  }
  const date = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day) || !isCalendarDate(date))
    return { problem: 'The date must be a real date, like 24 12 2026' };
  if (year < '2000' || year > '2100') return { problem: 'The year must be between 2000 and 2100' };
  return { date };
}

/** A closure from the GOV.UK date inputs (its last day optional, for a range): each problem names the part to fix. */
export function parseClosure(
  values: ClosureFormValues,
): { ok: true; closure: Closure } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const first = dateFrom(values, 'Enter the date the alliance is closed');
  if (first.problem) problems.push({ field: 'closureDate', message: first.problem });
  const hasLast = values.lastDay !== '' || values.lastMonth !== '' || values.lastYear !== '';
  const last = hasLast
    ? dateFrom({ day: values.lastDay, month: values.lastMonth, year: values.lastYear }, '')
    : { date: undefined };
  if (last.problem)
    problems.push({ field: 'closureLastDate', message: last.problem.replace('The date', 'The last day') });
  else if (first.date && last.date && last.date < first.date)
    problems.push({ field: 'closureLastDate', message: 'The last day must be the same as or after the first day' });
  else if (first.date && last.date && daysBetween(first.date, last.date) >= CLOSURE_MAX_DAYS)
    problems.push({
      field: 'closureLastDate',
      message: `A closure can be at most ${CLOSURE_MAX_DAYS} days long. Add a longer one as separate closures`,
    });
  if (values.description === '')
    problems.push({ field: 'description', message: 'Enter why the alliance is closed, for example INSET day' });
  else if (values.description.length > 100)
    problems.push({ field: 'description', message: 'The reason must be 100 characters or fewer' });
  if (problems.length > 0 || !first.date) return { ok: false, problems };
  const lastDate = last.date && last.date !== first.date ? last.date : null;
  return { ok: true, closure: { date: first.date, lastDate, description: values.description } };
}
