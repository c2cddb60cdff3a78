import { academicYearOf } from './academic-year.ts';
import { addDays, dayOfWeek, type CalendarDate } from './calendar-date.ts';

/** A school term, its first to its last day inclusive. */
export type Term = { firstDay: CalendarDate; lastDay: CalendarDate };

/** The Monday of the week (Monday to Sunday) a date falls in. */
export function mondayOf(date: CalendarDate): CalendarDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/**
 * Whether the terms cover the period: every academic year from the start's to the end's has at least
 * one term starting in it. Otherwise a year's holidays cannot be told from its term time.
 */
export function termsCover(terms: Term[], startDate: CalendarDate, endDate: CalendarDate): boolean {
  const years = new Set(terms.map((term) => academicYearOf(term.firstDay).startYear));
  for (let year = academicYearOf(startDate).startYear; year <= academicYearOf(endDate).startYear; year++)
    if (!years.has(year)) return false;
  return true;
}

/**
 * The weeks (Monday to Sunday) with at least one term day from the start date to the end date
 * inclusive: a term that starts on a Thursday counts its first week, as schools count it.
 * Each term is at most about 130 days (the table's check), so this walks a few weeks a term.
 */
export function termWeeksBetween(terms: Term[], startDate: CalendarDate, endDate: CalendarDate): number {
  const weeks = new Set<CalendarDate>();
  for (const term of terms) {
    const first = term.firstDay > startDate ? term.firstDay : startDate;
    const last = term.lastDay < endDate ? term.lastDay : endDate;
    for (let monday = mondayOf(first); monday <= last; monday = addDays(monday, 7)) weeks.add(monday);
  }
  return weeks.size;
}
