import { isCalendarDate, type CalendarDate } from './calendar/calendar-date.ts';
import { field } from './forms.ts';

/** GOV.UK's date input as typed: three boxes, kept as strings so the form can be shown again. */
export type DateInputValues = { day: string; month: string; year: string };

export const EMPTY_DATE: DateInputValues = { day: '', month: '', year: '' };

/** The boxes named `<prefix>-day`, `<prefix>-month` and `<prefix>-year`, as the date input macro names them. */
export function dateInputValues(body: Record<string, unknown>, prefix: string): DateInputValues {
  return { day: field(body, `${prefix}-day`).slice(0, 4), month: field(body, `${prefix}-month`).slice(0, 4), year: field(body, `${prefix}-year`).slice(0, 6) };
}

export function dateInputFrom(date: CalendarDate | null | undefined): DateInputValues {
  if (!date) return EMPTY_DATE;
  const [year, month, day] = date.split('-') as [string, string, string];
  return { day: String(Number(day)), month: String(Number(month)), year };
}

const capitalised = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/**
 * A date from the three boxes, with the design system's messages for each way it can be wrong.
 * `label` names the date in a sentence: "the start date".
 */
export function parseDateInput(values: DateInputValues, label: string): { ok: true; date: CalendarDate } | { ok: false; message: string } {
  const { day, month, year } = values;
  if (day === '' && month === '' && year === '') return { ok: false, message: `Enter ${label}` };
  if (day === '' || month === '' || year === '') {
    const missing = [day === '' && 'day', month === '' && 'month', year === '' && 'year'].filter(Boolean).join(' and ');
    return { ok: false, message: `${capitalised(label)} must include a ${missing}` };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d+$/.test(year)) return { ok: false, message: `${capitalised(label)} must be a real date` };
  if (year.length !== 4) return { ok: false, message: `The year of ${label} must include 4 numbers` };
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!isCalendarDate(date)) return { ok: false, message: `${capitalised(label)} must be a real date` };
  if (year < '2000' || year > '2100') return { ok: false, message: `The year of ${label} must be between 2000 and 2100` };
  return { ok: true, date };
}
