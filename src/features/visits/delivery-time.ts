/**
 * How delivered time counts against the days agreed. Support is agreed in half days, and a school
 * releases its staff a half day at a time, so a session logged in hours takes up whole half days:
 * every 3 hours, or part of 3 hours, counts as half a day (1 to 3 hours: half a day; over 3 and up
 * to 6 hours: a day). The pages say so next to the hours box and under the totals.
 */
export const MINUTES_PER_HALF_DAY = 180;

export const HOURS_RULE =
  'Time logged in hours counts as half a day for every 3 hours or part of 3 hours: 2 hours counts as half a day, 4 hours as a day.';

/** The longest session one log may hold, in hours: a long school day. */
export const MAX_HOURS = 12;

export function halfDaysForMinutes(minutes: number): number {
  return Math.ceil(minutes / MINUTES_PER_HALF_DAY);
}

/** A thousand hours in one log is a mistake (and stays well inside a database integer). */
const MAX_MINUTES = 1000 * 60;

/**
 * Hours as people type them: "2", "1.5", "2½", "1:30" (an hour and a half). Minutes, or undefined
 * unless a positive number of whole minutes.
 */
export function parseHoursToMinutes(text: string): number | undefined {
  const cleaned = text
    .trim()
    .replace(/\s*(hours?|hrs?|h)$/i, '')
    .replace('½', '.5')
    .replace(/^\.5$/, '0.5');
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(cleaned);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]) || undefined;
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const minutes = Number(cleaned) * 60;
  return Number.isInteger(minutes) && minutes > 0 && minutes <= MAX_MINUTES ? minutes : undefined;
}

/** 90 -> "1 hour 30 minutes"; 120 -> "2 hours". */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [
    hours > 0 ? `${hours} ${hours === 1 ? 'hour' : 'hours'}` : '',
    rest > 0 ? `${rest} ${rest === 1 ? 'minute' : 'minutes'}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}
