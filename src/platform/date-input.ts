import { isCalendarDate, type CalendarDate } from './calendar/calendar-date.ts';
import { parseTimeOfDay } from './calendar/london-time.ts';
import { field } from './forms.ts';

/**
 * GOV.UK's date input: three boxes (day, month, year) named `<name>-day`, `<name>-month` and
 * `<name>-year`, read and checked with the design system's messages
 * (https://design-system.service.gov.uk/components/date-input/#error-messages).
 */
export type DateParts = { day: string; month: string; year: string };
export type DatePart = keyof DateParts;

export type DateReading = { ok: true; date: CalendarDate | null } | { ok: false; message: string; parts: DatePart[] };

export function datePartsFrom(body: Record<string, unknown>, name: string): DateParts {
  return {
    day: field(body, `${name}-day`).slice(0, 10),
    month: field(body, `${name}-month`).slice(0, 10),
    year: field(body, `${name}-year`).slice(0, 10),
  };
}

export function datePartsOf(date: CalendarDate | null | undefined): DateParts {
  if (!date) return { day: '', month: '', year: '' };
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
}

/**
 * The date the boxes hold, null when all are empty and the date is optional, or what is wrong.
 * `label` names the date as the page does ("Start date"); `missing` is the message for no date at all.
 */
export function readDateParts(parts: DateParts, options: { label: string; missing?: string }): DateReading {
  const empty = (Object.keys(parts) as DatePart[]).filter((part) => parts[part] === '');
  if (empty.length === 3)
    return options.missing
      ? { ok: false, message: options.missing, parts: ['day', 'month', 'year'] }
      : { ok: true, date: null };
  if (empty.length > 0)
    return { ok: false, message: `${options.label} must include a ${empty.join(' and ')}`, parts: empty };
  const notNumbers = (Object.keys(parts) as DatePart[]).filter((part) => !/^\d+$/.test(parts[part]));
  if (notNumbers.length > 0) return { ok: false, message: `${options.label} must be a real date`, parts: notNumbers };
  if (parts.year.length !== 4) return { ok: false, message: 'Year must include 4 numbers', parts: ['year'] };
  const date = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  if (parts.month.length > 2 || parts.day.length > 2 || !isCalendarDate(date)) {
    const month = Number(parts.month);
    const wrong: DatePart[] = month < 1 || month > 12 ? ['month'] : ['day'];
    return { ok: false, message: `${options.label} must be a real date`, parts: wrong };
  }
  return { ok: true, date };
}

/**
 * A date that must be given, named in a sentence ("the start date"): the boxes read as above, and
 * the year kept to the span the service deals in, so a slip like 2206 is caught.
 */
export function readRequiredDate(
  parts: DateParts,
  label: string,
): { ok: true; date: CalendarDate } | { ok: false; message: string } {
  const capitalised = `${label[0]!.toUpperCase()}${label.slice(1)}`;
  const reading = readDateParts(parts, { label: capitalised, missing: `Enter ${label}` });
  // A page with several dates must say which one's year is short.
  if (
    !reading.ok &&
    reading.parts.length === 1 &&
    reading.parts[0] === 'year' &&
    /^Year must include/.test(reading.message)
  ) {
    return { ok: false, message: `The year of ${label} must include 4 numbers` };
  }
  if (!reading.ok) return { ok: false, message: reading.message };
  const year = Number(reading.date!.slice(0, 4));
  if (year < 2000 || year > 2100) return { ok: false, message: `The year of ${label} must be between 2000 and 2100` };
  return { ok: true, date: reading.date! };
}

/** The three boxes as govukDateInput's `items`, each marked when it is part of the problem. */
export function dateInputItems(parts: DateParts, wrong: DatePart[] = []) {
  return (['day', 'month', 'year'] as const).map((part) => ({
    name: part,
    value: parts[part],
    classes: `govuk-input--width-${part === 'year' ? 4 : 2}${wrong.includes(part) ? ' govuk-input--error' : ''}`,
  }));
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
