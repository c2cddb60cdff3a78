import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths, formatDate } from './calendar/calendar-date.ts';
import { dateInputItems, datePartsOf, parseTimeInput, readDateParts } from './date-input.ts';

const read = (day: string, month: string, year: string, missing?: string) =>
  readDateParts({ day, month, year }, { label: 'Start date', missing });

test('a date input gives the date, or GOV.UK’s message for what is wrong and which boxes to mark', () => {
  assert.deepEqual(read('1', '9', '2025'), { ok: true, date: '2025-09-01' });
  assert.deepEqual(read('29', '02', '2024'), { ok: true, date: '2024-02-29' });
  assert.deepEqual(read('', '', ''), { ok: true, date: null }, 'an optional date left empty');
  assert.deepEqual(read('', '', '', 'Enter the start date'), {
    ok: false,
    message: 'Enter the start date',
    parts: ['day', 'month', 'year'],
  });
  assert.deepEqual(read('1', '', '2025'), { ok: false, message: 'Start date must include a month', parts: ['month'] });
  assert.deepEqual(read('', '', '2025'), {
    ok: false,
    message: 'Start date must include a day and month',
    parts: ['day', 'month'],
  });
  assert.deepEqual(read('29', '2', '2025'), { ok: false, message: 'Start date must be a real date', parts: ['day'] });
  assert.deepEqual(read('1', '13', '2025'), { ok: false, message: 'Start date must be a real date', parts: ['month'] });
  assert.deepEqual(read('first', '9', '2025'), {
    ok: false,
    message: 'Start date must be a real date',
    parts: ['day'],
  });
  assert.deepEqual(read('1', '9', '25'), { ok: false, message: 'Year must include 4 numbers', parts: ['year'] });
  assert.deepEqual(read('001', '9', '2025'), { ok: false, message: 'Start date must be a real date', parts: ['day'] });
});

test('a stored date fills the boxes as a person would type it, and a wrong box is marked', () => {
  assert.deepEqual(datePartsOf('2025-09-01'), { day: '1', month: '9', year: '2025' });
  assert.deepEqual(datePartsOf(null), { day: '', month: '', year: '' });
  assert.deepEqual(
    dateInputItems({ day: '1', month: '13', year: '2025' }, ['month']).map((item) => item.classes),
    ['govuk-input--width-2', 'govuk-input--width-2 govuk-input--error', 'govuk-input--width-4'],
  );
});

test('months are added as people count them: to the same day, or the month’s last', () => {
  assert.equal(addMonths('2026-11-23', 3), '2027-02-23');
  assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
  assert.equal(addMonths('2027-11-30', 3), '2028-02-29');
  assert.equal(addMonths('2026-01-31', -2), '2025-11-30');
  assert.equal(formatDate('2026-11-02'), '2 November 2026');
});

test('times on the 24-hour or 12-hour clock', () => {
  assert.equal(parseTimeInput('14:30'), 14 * 60 + 30);
  assert.equal(parseTimeInput('9:05'), 9 * 60 + 5);
  assert.equal(parseTimeInput('9.05'), 9 * 60 + 5);
  assert.equal(parseTimeInput('2:30 PM'), 14 * 60 + 30);
  assert.equal(parseTimeInput('2pm'), 14 * 60);
  assert.equal(parseTimeInput('12pm'), 12 * 60);
  assert.equal(parseTimeInput('12am'), 0);
  assert.equal(parseTimeInput('00:00'), 0);
  for (const bad of ['', '24:00', '9', '13pm', '0am', '9:60', 'noon', '14:30:00'])
    assert.equal(parseTimeInput(bad), undefined, bad);
});
