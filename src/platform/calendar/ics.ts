import { addDays, type CalendarDate } from './calendar-date.ts';
import { londonInstant } from './london-time.ts';

/**
 * Calendar files (iCalendar, RFC 5545: https://www.rfc-editor.org/rfc/rfc5545) that people open or
 * import into Outlook, Google Calendar or Apple Calendar.
 *
 * Timed events are written in UTC (`DTSTART:20270715T083000Z`), converted from London wall-clock time
 * here, so the file needs no VTIMEZONE and every client places the event at the right instant in
 * BST and GMT alike. Events with no time are all-day events (`VALUE=DATE`), which no time zone moves.
 */

/** One event: all day on `date`, or from `start` (minutes after midnight in London) for `durationMinutes`. */
export type CalendarEvent = {
  /** Stable for the same event, so importing the file again updates it rather than adding a copy. */
  uid: string;
  /** When the event was last changed in the service: DTSTAMP, for a file without a METHOD (RFC 5545 3.8.7.2). */
  stamp: Date;
  date: CalendarDate;
  time?: { start: number; durationMinutes: number };
  summary: string;
  description?: string;
  location?: string;
};

export type CalendarFile = { productId: string; name?: string; events: CalendarEvent[] };

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so no line is longer than 75 octets (RFC 5545 3.1): each continuation starts
 * with one space. Lengths are counted in UTF-8 octets and a character is never split across lines.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    if (octets + size > MAX_OCTETS) {
      lines.push(current);
      // The continuation's leading space is one of its 75 octets.
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** 2027-07-15T08:30:00.000Z -> 20270715T083000Z. */
export function formatUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function formatDate(date: CalendarDate): string {
  return date.replace(/-/g, '');
}

function eventLines(event: CalendarEvent): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, `DTSTAMP:${formatUtc(event.stamp)}`];
  if (event.time) {
    const start = londonInstant(event.date, event.time.start);
    if (!start)
      throw new RangeError(
        `${event.date} at ${event.time.start} minutes does not exist in London (the clocks went forward)`,
      );
    const end = new Date(start.getTime() + event.time.durationMinutes * 60_000);
    lines.push(`DTSTART:${formatUtc(start)}`, `DTEND:${formatUtc(end)}`);
  } else {
    // DTEND of an all-day event is the day after, not included (RFC 5545 3.6.1).
    lines.push(
      `DTSTART;VALUE=DATE:${formatDate(event.date)}`,
      `DTEND;VALUE=DATE:${formatDate(addDays(event.date, 1))}`,
    );
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The whole file: CRLF after every line, the last included, each line folded. */
export function calendarFile(file: CalendarFile): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${file.productId}`, 'CALSCALE:GREGORIAN'];
  // X-WR-CALNAME is not in RFC 5545, but Google, Apple and Outlook all show it as the calendar's name.
  if (file.name) lines.push(`X-WR-CALNAME:${escapeText(file.name)}`);
  for (const event of file.events) lines.push(...eventLines(event));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
