import type { CalendarDate } from './calendar-date.ts';

/**
 * An academic year runs from 1 September to 31 August and is named "2026/27". It is identified by
 * the calendar year it starts in (2026 for 2026/27), which is what tables store.
 */
export type AcademicYear = { startYear: number; name: string; firstDay: CalendarDate; lastDay: CalendarDate };

export function academicYear(startYear: number): AcademicYear {
  return {
    startYear,
    name: `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`,
    firstDay: `${startYear}-09-01`,
    lastDay: `${startYear + 1}-08-31`,
  };
}

/** The academic year a date falls in: 31 August 2027 is in 2026/27, 1 September 2027 in 2027/28. */
export function academicYearOf(date: CalendarDate): AcademicYear {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return academicYear(month >= 9 ? year : year - 1);
}

/** "2026/27" back to its start year, or undefined if it is not an academic year's name. */
export function parseAcademicYear(name: string): AcademicYear | undefined {
  const match = /^(\d{4})\/(\d{2})$/.exec(name.trim());
  if (!match) return undefined;
  const startYear = Number(match[1]);
  return (startYear + 1) % 100 === Number(match[2]) ? academicYear(startYear) : undefined;
}
