import { addDays, type CalendarDate } from './calendar-date.ts';

/** The alliance's clock. Every "today" and every deadline is read in this zone. */
export const ALLIANCE_TIME_ZONE = 'Europe/London';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: ALLIANCE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export type LondonDateTime = { date: CalendarDate; minutesAfterMidnight: number };

/** The calendar date and the time of day in London at an instant, whether GMT or BST. */
export function londonDateTime(instant: Date): LondonDateTime {
  const parts = Object.fromEntries(PARTS.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutesAfterMidnight: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export function londonDate(instant: Date): CalendarDate {
  return londonDateTime(instant).date;
}

/** The instant a London calendar day begins (00:00 GMT in winter, 00:00 BST = 23:00 UTC in summer). */
export function startOfLondonDay(date: CalendarDate): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`).getTime();
  // London is UTC+0 or UTC+1, and clocks change at 01:00 UTC, never at midnight: one guess is right.
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(utcMidnight - offsetHours * 3_600_000);
    const local = londonDateTime(candidate);
    if (local.date === date && local.minutesAfterMidnight === 0) return candidate;
  }
  throw new RangeError(`No London midnight found for ${date}`);
}

/** "HH:MM" to minutes after midnight. */
export function parseTimeOfDay(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`Not a time of day (HH:MM): ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** A time of day in London as GOV.UK writes it: "9am", "10:15am", "12pm" (midday), "5:30pm". */
export function formatLondonTime(instant: Date): string {
  const minutes = londonDateTime(instant).minutesAfterMidnight;
  const hour24 = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  return `${hour12}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}${hour24 < 12 ? 'am' : 'pm'}`;
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: ALLIANCE_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** An instant as people in the alliance read it: "23 November 2026 at 10:15am" (London time). */
export function formatLondonDateTime(instant: Date): string {
  return `${LONG_DATE.format(instant)} at ${formatLondonTime(instant)}`;
}

/**
 * The instant a London wall-clock time happened: `2026-07-15` at 9:30 is 08:30 UTC. Undefined for a
 * time the clocks skipped (01:30 on the last Sunday in March); for the hour that happens twice (the
 * last Sunday in October) the first, in BST.
 */
export function londonInstant(date: CalendarDate, minutesAfterMidnight: number): Date | undefined {
  const asUtc = new Date(`${date}T00:00:00Z`).getTime() + minutesAfterMidnight * 60_000;
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc - offsetHours * 3_600_000);
    const local = londonDateTime(candidate);
    if (local.date === date && local.minutesAfterMidnight === minutesAfterMidnight) return candidate;
  }
  return undefined;
}

/** The instant a London calendar day ends (the next day's midnight): a deadline "by the end of" `date`. */
export function endOfLondonDay(date: CalendarDate): Date {
  return startOfLondonDay(addDays(date, 1));
}
