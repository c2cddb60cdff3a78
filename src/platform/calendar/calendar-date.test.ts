import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths } from './calendar-date.ts';

test('months are added as PostgreSQL adds them, kept within the month', () => {
  assert.equal(addMonths('2027-01-15', 6), '2027-07-15');
  assert.equal(addMonths('2027-08-31', 6), '2028-02-29', 'a leap year');
  assert.equal(addMonths('2026-08-31', 6), '2027-02-28');
  assert.equal(addMonths('2026-10-31', 1), '2026-11-30');
  assert.equal(addMonths('2026-11-23', 36), '2029-11-23');
  assert.equal(addMonths('2028-02-29', 36), '2031-02-28');
  assert.equal(addMonths('2027-03-31', -1), '2027-02-28');
  assert.throws(() => addMonths('2027-02-30', 1), RangeError);
});
