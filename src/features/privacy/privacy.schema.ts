import { z } from 'zod';
import { field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import { RETENTION_BOUNDS, type RetentionSchedule } from './privacy.model.ts';

export type RetentionFormValues = Record<keyof RetentionSchedule, string>;

const RETENTION_FIELDS = ['closedEnquiryYears', 'agreementYears', 'outboxBodyDays'] as const;

export function retentionFormValues(body: Record<string, unknown>): RetentionFormValues {
  return Object.fromEntries(RETENTION_FIELDS.map((name) => [name, field(body, name)])) as RetentionFormValues;
}

export function retentionValuesOf(schedule: RetentionSchedule): RetentionFormValues {
  return Object.fromEntries(RETENTION_FIELDS.map((name) => [name, String(schedule[name])])) as RetentionFormValues;
}

const bounded = (name: keyof RetentionSchedule, label: string, unit: string) => {
  const { minimum, maximum } = RETENTION_BOUNDS[name];
  return z
    .string()
    .min(1, `Enter how many ${unit} to keep ${label}`)
    .regex(/^\d{1,4}$/, `How long to keep ${label} must be a whole number of ${unit}, like ${minimum + 1}`)
    .transform(Number)
    .refine(
      (value) => value >= minimum && value <= maximum,
      `How long to keep ${label} must be between ${minimum} and ${maximum} ${unit}`,
    );
};

const retentionSchema = z.object({
  closedEnquiryYears: bounded('closedEnquiryYears', 'enquiries that led to no support', 'years'),
  agreementYears: bounded('agreementYears', 'agreements and their delivery', 'years'),
  outboxBodyDays: bounded('outboxBodyDays', 'the text of emails sent', 'days'),
});

export function parseRetention(
  values: RetentionFormValues,
): { ok: true; schedule: RetentionSchedule } | { ok: false; problems: FieldProblem[] } {
  const parsed = retentionSchema.safeParse(values);
  return parsed.success ? { ok: true, schedule: parsed.data } : { ok: false, problems: problemsFromZod(parsed.error) };
}

/** An email address to look a person up by: compared without regard to case, as accounts are. */
export const personEmailSchema = z
  .string()
  .trim()
  .min(1, 'Enter the person’s email address')
  .max(254, 'The email address must be 254 characters or fewer')
  .pipe(z.email('Enter an email address in the correct format, like name@example.com'))
  .transform((email) => email.toLowerCase());

export function parsePersonEmail(value: unknown): { ok: true; email: string } | { ok: false; message: string } {
  const parsed = personEmailSchema.safeParse(typeof value === 'string' ? value : '');
  return parsed.success ? { ok: true, email: parsed.data } : { ok: false, message: parsed.error.issues[0]!.message };
}
