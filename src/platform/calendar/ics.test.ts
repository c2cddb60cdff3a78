import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { calendarFile, escapeText, foldLine, formatUtc, type CalendarEvent } from './ics.ts';

const STAMP = new Date('2026-11-23T10:00:00Z');
const event = (overrides: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'planned-visit-1@example',
  stamp: STAMP,
  date: '2027-01-15',
  summary: 'Visit',
  ...overrides,
});

/** The file's logical lines: unfolded, as a client reads them. */
const unfolded = (file: string) => file.replace(/\r\n /g, '').split('\r\n');

describe('calendar files (RFC 5545)', () => {
  test('text escapes backslash, semicolon, comma and every kind of newline', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng');
    assert.equal(
      escapeText('Banks Road Primary School: hall'),
      'Banks Road Primary School: hall',
      'colons are not escaped',
    );
  });

  test('lines fold at 75 octets, counted in UTF-8, never splitting a character', () => {
    assert.equal(foldLine('x'.repeat(75)), 'x'.repeat(75));
    const folded = foldLine(`SUMMARY:${'y'.repeat(150)}`).split('\r\n');
    assert.deepEqual(
      folded.map((line) => Buffer.byteLength(line)),
      [75, 75, 10],
    );
    assert.ok(folded.slice(1).every((line) => line.startsWith(' ')));
    // "’" is 3 octets: 24 of them after "DESCRIPTION:" (12) reach 84 octets, so the 22nd (octets 73-75) ends the first line.
    const curly = foldLine(`DESCRIPTION:${'’'.repeat(24)}`).split('\r\n');
    assert.deepEqual(
      curly.map((line) => Buffer.byteLength(line)),
      [75, 10],
    );
    assert.equal(curly[0], `DESCRIPTION:${'’'.repeat(21)}`);
    assert.equal(curly.join('').replace(/ /g, ''), `DESCRIPTION:${'’'.repeat(24)}`);
    const emoji = foldLine(`${'z'.repeat(73)}😀`).split('\r\n');
    assert.deepEqual(emoji, ['z'.repeat(73), ' 😀'], 'a 4-octet character that does not fit starts the next line');
  });

  test('every line ends CRLF, the last too; no bare LF anywhere', () => {
    const file = calendarFile({ productId: '-//Test//EN', events: [event({ description: 'Line one\nLine two' })] });
    assert.ok(file.endsWith('END:VCALENDAR\r\n'));
    assert.doesNotMatch(file.replace(/\r\n/g, ''), /[\r\n]/);
    assert.ok(file.split('\r\n').every((line) => Buffer.byteLength(line) <= 75));
    const lines = unfolded(file);
    assert.deepEqual(lines.slice(0, 4), ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', 'CALSCALE:GREGORIAN']);
    assert.ok(lines.includes('DESCRIPTION:Line one\\nLine two'));
  });

  test('an event with no time is all day: VALUE=DATE, ending the next day (not included)', () => {
    const lines = unfolded(calendarFile({ productId: '-//Test//EN', events: [event({ date: '2027-02-28' })] }));
    assert.ok(lines.includes('DTSTART;VALUE=DATE:20270228'));
    assert.ok(lines.includes('DTEND;VALUE=DATE:20270301'));
    assert.ok(lines.includes('DTSTAMP:20261123T100000Z'));
    assert.ok(lines.includes('UID:planned-visit-1@example'));
  });

  test('timed events are in UTC: 9:30 in London is 09:30Z in GMT and 08:30Z in BST, either side of each clock change', () => {
    const times = (date: string) => {
      const lines = unfolded(
        calendarFile({
          productId: '-//Test//EN',
          events: [event({ date, time: { start: 9 * 60 + 30, durationMinutes: 180 } })],
        }),
      );
      return [lines.find((line) => line.startsWith('DTSTART')), lines.find((line) => line.startsWith('DTEND'))];
    };
    assert.deepEqual(times('2027-01-15'), ['DTSTART:20270115T093000Z', 'DTEND:20270115T123000Z']);
    assert.deepEqual(times('2027-07-15'), ['DTSTART:20270715T083000Z', 'DTEND:20270715T113000Z']);
    // Clocks go forward on Sunday 28 March 2027 and back on Sunday 31 October 2027.
    assert.deepEqual(times('2027-03-26'), ['DTSTART:20270326T093000Z', 'DTEND:20270326T123000Z']);
    assert.deepEqual(times('2027-03-29'), ['DTSTART:20270329T083000Z', 'DTEND:20270329T113000Z']);
    assert.deepEqual(times('2027-10-29'), ['DTSTART:20271029T083000Z', 'DTEND:20271029T113000Z']);
    assert.deepEqual(times('2027-11-01'), ['DTSTART:20271101T093000Z', 'DTEND:20271101T123000Z']);
    assert.throws(
      () =>
        calendarFile({
          productId: '-//Test//EN',
          events: [event({ date: '2027-03-28', time: { start: 90, durationMinutes: 60 } })],
        }),
      /does not exist in London/,
    );
  });

  test('location and summary are escaped; UTC instants drop milliseconds', () => {
    const lines = unfolded(
      calendarFile({
        productId: '-//Test//EN',
        name: 'SA-0001; visits',
        events: [event({ location: 'Banks Road Primary School, Liverpool, L19 8JY', summary: 'Visit; maths' })],
      }),
    );
    assert.ok(lines.includes('LOCATION:Banks Road Primary School\\, Liverpool\\, L19 8JY'));
    assert.ok(lines.includes('SUMMARY:Visit\\; maths'));
    assert.ok(lines.includes('X-WR-CALNAME:SA-0001\\; visits'));
    assert.equal(formatUtc(new Date('2027-07-15T08:30:15.999Z')), '20270715T083015Z');
  });
});
