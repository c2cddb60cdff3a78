import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { datePartsFrom, readRequiredDate, type DatePart, type DateParts } from '../../platform/date-input.ts';
import { field, type FieldProblem } from '../../platform/forms.ts';

/** Who provided the training: a name, as a certificate gives it. */
export const MAX_PROVIDER = 120;

export type CoreTrainingValues = { coreTrainingOn: DateParts; provider: string };

export function coreTrainingValues(body: Record<string, unknown>): CoreTrainingValues {
  return { coreTrainingOn: datePartsFrom(body, 'coreTrainingOn'), provider: field(body, 'provider').slice(0, 10_000) };
}

export type CheckedCoreTraining =
  | { ok: true; value: { on: CalendarDate; provider: string } }
  | { ok: false; problems: FieldProblem[]; wrongParts: DatePart[] };

/** The form's date and provider, each with the design system's messages; the date's future is the service's rule. */
export function checkCoreTraining(values: CoreTrainingValues): CheckedCoreTraining {
  const problems: FieldProblem[] = [];
  let wrongParts: DatePart[] = [];
  const date = readRequiredDate(values.coreTrainingOn, 'the date of the training');
  if (!date.ok) {
    problems.push({ field: 'coreTrainingOn', message: date.message });
    const empty = (['day', 'month', 'year'] as const).filter((part) => values.coreTrainingOn[part] === '');
    wrongParts = empty.length > 0 && empty.length < 3 ? [...empty] : ['day', 'month', 'year'];
  }
  if (values.provider === '') problems.push({ field: 'provider', message: 'Enter who provided the training' });
  else if (values.provider.length > MAX_PROVIDER)
    problems.push({ field: 'provider', message: `Provider must be ${MAX_PROVIDER} characters or fewer` });
  if (problems.length > 0 || !date.ok) return { ok: false, problems, wrongParts };
  return { ok: true, value: { on: date.date, provider: values.provider } };
}
