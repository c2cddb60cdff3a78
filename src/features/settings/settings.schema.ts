import { z } from 'zod';
import { isCalendarDate } from '../../platform/calendar/calendar-date.ts';
import { field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import type { AllianceSettings } from '../../platform/alliance/alliance.service.ts';

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
] as const;

export function settingsFormValues(body: Record<string, unknown>): SettingsFormValues {
  const values = Object.fromEntries(SETTINGS_FIELDS.map((name) => [name, field(body, name)])) as SettingsFormValues;
  // Line breaks are part of the address; keep them, normalised.
  values.addressLines = values.addressLines.replace(/\r\n?/g, '\n');
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

export type ClosureFormValues = { day: string; month: string; year: string; description: string };

export function closureFormValues(body: Record<string, unknown>): ClosureFormValues {
  return {
    day: field(body, 'closureDate-day'),
    month: field(body, 'closureDate-month'),
    year: field(body, 'closureDate-year'),
    description: field(body, 'description'),
  };
}

/** A closure date from the GOV.UK date input: each problem names the part to fix. */
export function parseClosure(
  values: ClosureFormValues,
): { ok: true; date: string; description: string } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const { day, month, year } = values;
  if (day === '' && month === '' && year === '')
    problems.push({ field: 'closureDate', message: 'Enter the date the alliance is closed' });
  else if (day === '' || month === '' || year === '') {
    const missing = [day === '' && 'day', month === '' && 'month', year === '' && 'year'].filter(Boolean).join(' and ');
    problems.push({ field: 'closureDate', message: `The date must include a ${missing}` });
  } else {
    const date = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day) || !isCalendarDate(date))
      problems.push({ field: 'closureDate', message: 'The date must be a real date, like 24 12 2026' });
    else if (year < '2000' || year > '2100')
      problems.push({ field: 'closureDate', message: 'The year must be between 2000 and 2100' });
  }
  if (values.description === '')
    problems.push({ field: 'description', message: 'Enter why the alliance is closed, for example INSET day' });
  else if (values.description.length > 100)
    problems.push({ field: 'description', message: 'The reason must be 100 characters or fewer' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    date: `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`,
    description: values.description,
  };
}
