import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { englandAndWalesBankHolidays } from './bank-holidays.ts';
import { formatLongDate } from './calendar-date.ts';
import { londonDate, londonInstant, startOfLondonDay } from './london-time.ts';
import { WorkingCalendar } from './working-days.ts';

const bankHolidays = englandAndWalesBankHolidays().map((holiday) => holiday.date);
const calendar = new WorkingCalendar(bankHolidays);
const twoDays = { workingDays: 2, cutOffTime: '17:00' };

function respondBy(receivedAt: string, cal = calendar, rule = twoDays) {
  return cal.respondBy(new Date(receivedAt), rule);
}

describe('respond-by within 2 working days', () => {
  test('a weekday morning counts from that day', () => {
    assert.equal(respondBy('2026-11-23T10:00:00Z').date, '2026-11-25');
  });

  test('the cut-off is exclusive: 16:59 counts today, 17:00 counts from the next working day', () => {
    assert.equal(respondBy('2026-11-23T16:59:59Z').dayZero, '2026-11-23');
    assert.equal(respondBy('2026-11-23T17:00:00Z').dayZero, '2026-11-24');
    assert.equal(respondBy('2026-11-23T17:00:00Z').date, '2026-11-26');
  });

  test('the cut-off is read on the London clock in summer (BST)', () => {
    // 16:30 UTC on 1 June is 17:30 in London: after the cut-off.
    const late = respondBy('2026-06-01T16:30:00Z');
    assert.equal(late.dayZero, '2026-06-02');
    assert.equal(late.date, '2026-06-04');
    // 15:30 UTC is 16:30 in London: before it.
    assert.equal(respondBy('2026-06-01T15:30:00Z').date, '2026-06-03');
  });

  test('just after midnight in summer is already the next London day', () => {
    // 23:30 UTC on Monday 1 June is 00:30 on Tuesday in London.
    assert.equal(respondBy('2026-06-01T23:30:00Z').dayZero, '2026-06-02');
  });

  test('a Friday afternoon either side of the October clock change', () => {
    // Friday 23 October 2026 is still BST: 15:30 UTC = 16:30, before the cut-off.
    const early = respondBy('2026-10-23T15:30:00Z');
    assert.equal(early.date, '2026-10-27');
    // 16:30 UTC = 17:30 BST: after it, so day 0 is Monday 26 (clocks went back on Sunday 25).
    const late = respondBy('2026-10-23T16:30:00Z');
    assert.equal(late.dayZero, '2026-10-26');
    assert.equal(late.date, '2026-10-28');
    // Wednesday 28 October ends at midnight GMT.
    assert.equal(late.endsAt.toISOString(), '2026-10-29T00:00:00.000Z');
  });

  test('a deadline in summer ends at midnight BST (23:00 UTC)', () => {
    // Received on Saturday 28 March 2026; the clocks go forward on Sunday 29.
    const deadline = respondBy('2026-03-28T12:00:00Z');
    assert.equal(deadline.dayZero, '2026-03-30');
    assert.equal(deadline.date, '2026-04-01');
    assert.equal(deadline.endsAt.toISOString(), '2026-04-01T23:00:00.000Z');
  });

  test('weekends: an enquiry on Saturday or Sunday counts from Monday', () => {
    assert.equal(respondBy('2026-11-21T09:00:00Z').dayZero, '2026-11-23');
    assert.equal(respondBy('2026-11-22T09:00:00Z').date, '2026-11-25');
    // Friday after the cut-off also counts from Monday.
    assert.equal(respondBy('2026-11-20T18:00:00Z').date, '2026-11-25');
  });

  test('Easter: Good Friday and Easter Monday are not working days', () => {
    // Thursday 2 April 2026, 09:00 BST: day 0 is that Thursday, then Tuesday 7 and Wednesday 8.
    assert.equal(respondBy('2026-04-02T08:00:00Z').date, '2026-04-08');
    // At 17:00 BST it counts from Tuesday 7.
    const late = respondBy('2026-04-02T16:00:00Z');
    assert.equal(late.dayZero, '2026-04-07');
    assert.equal(late.date, '2026-04-09');
  });

  test('Christmas with the Boxing Day substitute (2026)', () => {
    // Thursday 24 December: Friday 25 and Monday 28 (substitute) are bank holidays.
    assert.equal(respondBy('2026-12-24T09:00:00Z').date, '2026-12-30');
    // Received on Christmas Day itself: day 0 is Tuesday 29.
    const onTheDay = respondBy('2026-12-25T10:00:00Z');
    assert.equal(onTheDay.dayZero, '2026-12-29');
    assert.equal(onTheDay.date, '2026-12-31');
  });

  test('Christmas falling at a weekend moves both holidays to Monday and Tuesday (2027)', () => {
    assert.equal(respondBy('2027-12-24T12:00:00Z').date, '2027-12-30');
  });

  test('New Year substitute day (Monday 3 January 2022)', () => {
    const deadline = respondBy('2021-12-31T18:00:00Z');
    assert.equal(deadline.dayZero, '2022-01-04');
    assert.equal(deadline.date, '2022-01-06');
  });

  test('closure dates set by the alliance are skipped', () => {
    const closedOverChristmas = new WorkingCalendar(bankHolidays, ['2026-12-29', '2026-12-30', '2026-12-31']);
    // 24 December, then nothing until Monday 4 January 2027 (1 January is a bank holiday).
    assert.equal(respondBy('2026-12-24T09:00:00Z', closedOverChristmas).date, '2027-01-05');
    // Received on a closure day: day 0 is the next working day.
    assert.equal(respondBy('2026-12-30T09:00:00Z', closedOverChristmas).dayZero, '2027-01-04');
  });

  test('the number of working days and the cut-off are settings', () => {
    assert.equal(
      respondBy('2026-11-23T10:00:00Z', calendar, { workingDays: 0, cutOffTime: '17:00' }).date,
      '2026-11-23',
    );
    assert.equal(
      respondBy('2026-11-23T10:00:00Z', calendar, { workingDays: 5, cutOffTime: '17:00' }).date,
      '2026-11-30',
    );
    assert.equal(
      respondBy('2026-11-23T12:30:00Z', calendar, { workingDays: 2, cutOffTime: '12:00' }).dayZero,
      '2026-11-24',
    );
  });
});

describe('working-day arithmetic', () => {
  test('counts how many working days late a deadline is', () => {
    // Due Friday 20 November; on Tuesday 24 it is 2 working days late (Monday and Tuesday).
    assert.equal(calendar.workingDaysAfter('2026-11-20', '2026-11-24'), 2);
    assert.equal(calendar.workingDaysAfter('2026-11-20', '2026-11-22'), 0);
    assert.equal(calendar.workingDaysAfter('2026-11-20', '2026-11-20'), 0);
    assert.equal(calendar.workingDaysAfter('2026-11-24', '2026-11-20'), 0);
    // Across Christmas 2026: 24 Dec to 4 Jan is 29, 30, 31 Dec and 4 Jan.
    assert.equal(calendar.workingDaysAfter('2026-12-24', '2027-01-04'), 4);
  });

  test('rejects a negative number of working days', () => {
    assert.throws(() => calendar.addWorkingDays('2026-11-23', -1), RangeError);
  });
});

describe('London time', () => {
  test('midnight is 00:00 UTC in winter and 23:00 UTC the day before in summer', () => {
    assert.equal(startOfLondonDay('2026-01-15').toISOString(), '2026-01-15T00:00:00.000Z');
    assert.equal(startOfLondonDay('2026-07-15').toISOString(), '2026-07-14T23:00:00.000Z');
    // The days the clocks change both begin at their own midnight.
    assert.equal(startOfLondonDay('2026-03-29').toISOString(), '2026-03-29T00:00:00.000Z');
    assert.equal(startOfLondonDay('2026-10-25').toISOString(), '2026-10-24T23:00:00.000Z');
  });

  test('reads the London date of an instant', () => {
    assert.equal(londonDate(new Date('2026-07-14T23:30:00Z')), '2026-07-15');
    assert.equal(londonDate(new Date('2026-01-14T23:30:00Z')), '2026-01-14');
  });

  test('formats dates the GOV.UK way', () => {
    assert.equal(formatLongDate('2026-11-24'), 'Tuesday 24 November 2026');
  });
});

describe('London wall-clock times as instants', () => {
  test('reads a time in GMT and in BST', () => {
    assert.equal(londonInstant('2026-01-15', 9 * 60 + 30)?.toISOString(), '2026-01-15T09:30:00.000Z');
    assert.equal(londonInstant('2026-07-15', 9 * 60 + 30)?.toISOString(), '2026-07-15T08:30:00.000Z');
    assert.equal(londonInstant('2026-07-15', 0)?.toISOString(), '2026-07-14T23:00:00.000Z');
  });

  test('a time the clocks skipped does not exist; the repeated hour is read as BST', () => {
    assert.equal(londonInstant('2026-03-29', 60 + 30), undefined);
    assert.equal(londonInstant('2026-03-29', 2 * 60)?.toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(londonInstant('2026-10-25', 60 + 30)?.toISOString(), '2026-10-25T00:30:00.000Z');
  });
});
