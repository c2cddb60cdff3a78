import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDateInput, parseTimeInput } from './date-input.ts';

describe('dates and times typed into forms', () => {
  test('a date from the three boxes, with GOV.UK’s messages for what is wrong', () => {
    assert.deepEqual(parseDateInput({ day: '3', month: '12', year: '2026' }, 'the date'), { ok: true, date: '2026-12-03' });
    assert.deepEqual(parseDateInput({ day: '', month: '', year: '' }, 'the date'), { ok: false, message: 'Enter the date' });
    assert.deepEqual(parseDateInput({ day: '3', month: '', year: '' }, 'the date'), { ok: false, message: 'The date must include a month and year' });
    assert.deepEqual(parseDateInput({ day: '31', month: '2', year: '2026' }, 'the date'), { ok: false, message: 'The date must be a real date' });
    assert.deepEqual(parseDateInput({ day: 'x', month: '2', year: '2026' }, 'the date'), { ok: false, message: 'The date must be a real date' });
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
    for (const bad of ['', '24:00', '9', '13pm', '0am', '9:60', 'noon', '14:30:00']) assert.equal(parseTimeInput(bad), undefined, bad);
  });
});
