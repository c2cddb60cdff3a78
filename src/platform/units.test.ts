import assert from 'node:assert/strict';
import { test } from 'node:test';
import { academicYear, academicYearOf, parseAcademicYear } from './calendar/academic-year.ts';
import { formatHalfDays, formatPence, parseDaysToHalfDays, parsePoundsToPence } from './units.ts';

test('days of support are half days, shown as days', () => {
  assert.equal(formatHalfDays(3), '1.5 days');
  assert.equal(formatHalfDays(2), '1 day');
  assert.equal(formatHalfDays(1), '0.5 days');
  assert.equal(formatHalfDays(30), '15 days');
  assert.equal(parseDaysToHalfDays('1.5'), 3);
  assert.equal(parseDaysToHalfDays('1½ days'), 3);
  assert.equal(parseDaysToHalfDays('2 1/2'), 5);
  assert.equal(parseDaysToHalfDays('.5'), 1);
  assert.equal(parseDaysToHalfDays('1.25'), undefined);
  assert.equal(parseDaysToHalfDays('-1'), undefined);
  assert.equal(parseDaysToHalfDays('lots'), undefined);
});

test('money is pence, shown as pounds', () => {
  assert.equal(formatPence(123450), '£1,234.50');
  assert.equal(formatPence(0), '£0.00');
  assert.equal(parsePoundsToPence('£1,234.50'), 123450);
  assert.equal(parsePoundsToPence('1234.5'), 123450);
  assert.equal(parsePoundsToPence('250'), 25000);
  assert.equal(parsePoundsToPence('12.345'), undefined);
  assert.equal(parsePoundsToPence('1,23'), undefined);
});

test('an academic year runs 1 September to 31 August and is named 2026/27', () => {
  assert.deepEqual(academicYear(2026), {
    startYear: 2026,
    name: '2026/27',
    firstDay: '2026-09-01',
    lastDay: '2027-08-31',
  });
  assert.equal(academicYearOf('2027-08-31').name, '2026/27');
  assert.equal(academicYearOf('2027-09-01').name, '2027/28');
  assert.equal(academicYear(2099).name, '2099/00');
  assert.equal(parseAcademicYear('2026/27')?.startYear, 2026);
  assert.equal(parseAcademicYear('2026/28'), undefined);
});
