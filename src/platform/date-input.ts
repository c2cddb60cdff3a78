import { isCalendarDate, type CalendarDate } from './calendar/calendar-date.ts';
import { parseTimeOfDay } from './calendar/london-time.ts';

/** GOV.UK's date input as typed: three boxes, kept as text so the form can be shown again. */
export type DateInputValues = { day: string; month: string; year: string };

export function dateInputValues(body: Record<string, unknown>, prefix: string): DateInputValues {
  const text = (name: string) => (typeof body[`${prefix}-${name}`] === 'string' ? (body[`${prefix}-${name}`] as string).trim() : '');
  return { day: text('day'), month: text('month'), year: text('year') };
}

export function dateInputFrom(date: CalendarDate): DateInputValues {
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
}

/**
 * A date from the three boxes, or the message GOV.UK's pattern gives for what is wrong with it.
 * `what` names the date in the message: "the date of the first contact".
 */
export function parseDateInput(values: DateInputValues, what: string): { ok: true; date: CalendarDate } | { ok: false; message: string } {
  const { day, month, year } = values;
  const capitalised = `${what[0]!.toUpperCase()}${what.slice(1)}`;
  if (day === '' && month === '' && year === '') return { ok: false, message: `Enter ${what}` };
  const missing = [day === '' && 'day', month === '' && 'month', year === '' && 'year'].filter(Boolean);
  if (missing.length > 0) return { ok: false, message: `${capitalised} must include a ${missing.join(' and ')}` };
  const date = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day) || !isCalendarDate(date)) {
    return { ok: false, message: `${capitalised} must be a real date` };
  }
  return { ok: true, date };
}

/**
 * A time of day as people write it: 14:30, 9:30, 9.30, 2:30pm, 2pm, 12pm (midday), 12am (midnight).
 * Minutes after midnight, or undefined when it is not a time.
 */
export function parseTimeInput(text: string): number | undefined {
  const value = text.trim().toLowerCase().replace(/\s+/g, '').replace('.', ':');
  const twelveHour = /^(\d{1,2})(?::([0-5]\d))?(am|pm)$/.exec(value);
  if (twelveHour) {
    const hour = Number(twelveHour[1]);
    if (hour < 1 || hour > 12) return undefined;
    return ((hour % 12) + (twelveHour[3] === 'pm' ? 12 : 0)) * 60 + Number(twelveHour[2] ?? 0);
  }
  const twentyFourHour = /^(\d{1,2}):([0-5]\d)$/.exec(value);
  if (!twentyFourHour) return undefined;
  const padded = `${twentyFourHour[1]!.padStart(2, '0')}:${twentyFourHour[2]}`;
  try {
    return parseTimeOfDay(padded);
  } catch {
    return undefined;
  }
}
