import { daysBetween } from '../../platform/calendar/calendar-date.ts';
import type { Term } from '../../platform/calendar/term-weeks.ts';
import { datePartsFrom, readRequiredDate, type DateParts } from '../../platform/date-input.ts';
import type { FieldProblem } from '../../platform/forms.ts';

/** The longest term, the autumn, is about 16 weeks; longer than this is a typing slip (the table checks it too). */
export const TERM_MAX_DAYS = 130;

export type TermFormValues = { firstDay: DateParts; lastDay: DateParts };

export function termFormValues(body: Record<string, unknown>): TermFormValues {
  return { firstDay: datePartsFrom(body, 'firstDay'), lastDay: datePartsFrom(body, 'lastDay') };
}

export const EMPTY_TERM: TermFormValues = {
  firstDay: { day: '', month: '', year: '' },
  lastDay: { day: '', month: '', year: '' },
};

/** A term from its two GOV.UK date inputs: each problem names the date to fix. */
export function parseTerm(values: TermFormValues): { ok: true; term: Term } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const first = readRequiredDate(values.firstDay, 'the first day of term');
  if (!first.ok) problems.push({ field: 'firstDay', message: first.message });
  const last = readRequiredDate(values.lastDay, 'the last day of term');
  if (!last.ok) problems.push({ field: 'lastDay', message: last.message });
  if (first.ok && last.ok) {
    if (last.date < first.date)
      problems.push({ field: 'lastDay', message: 'The last day of term must be the same as or after the first day' });
    else if (daysBetween(first.date, last.date) > TERM_MAX_DAYS)
      problems.push({
        field: 'lastDay',
        message: `A term can be at most ${TERM_MAX_DAYS} days from its first day to its last`,
      });
  }
  if (problems.length > 0 || !first.ok || !last.ok) return { ok: false, problems };
  return { ok: true, term: { firstDay: first.date, lastDay: last.date } };
}
