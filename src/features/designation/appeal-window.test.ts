import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appealTiming, lastDayToAppeal } from './appeal-window.ts';

const decision = { decidedOn: '2026-11-02' };
const today = '2027-06-01';

test('the appeal window counts calendar days from the decision, its last day included', () => {
  assert.equal(lastDayToAppeal('2026-11-02', 28), '2026-11-30');
  assert.equal(lastDayToAppeal('2027-02-20', 14), '2027-03-06');
  assert.deepEqual(appealTiming(decision, '2026-11-30', 28, today), { ok: true });
  assert.deepEqual(appealTiming(decision, '2026-11-02', 28, today), { ok: true });
});

test('an appeal the day after the window closes is out of time, with the last day it could have been lodged', () => {
  const late = appealTiming(decision, '2026-12-01', 28, today);
  assert.deepEqual(late, {
    ok: false,
    reason:
      'The appeal is out of time: appeals must be lodged within 28 days of the decision, by Monday 30 November 2026',
  });
});

test('an appeal dated before the decision or in the future is a wrong date, not a late appeal', () => {
  const early = appealTiming(decision, '2026-11-01', 28, today);
  assert.equal(early.ok, false);
  assert.match((early as { reason: string }).reason, /on or after the decision \(Monday 2 November 2026\)/);
  const future = appealTiming(decision, '2026-11-10', 28, '2026-11-05');
  assert.deepEqual(future, { ok: false, reason: 'The date the appeal was lodged must be today or in the past' });
});

test('a one-day window allows the decision day and the next', () => {
  assert.deepEqual(appealTiming(decision, '2026-11-03', 1, today), { ok: true });
  assert.equal(appealTiming(decision, '2026-11-04', 1, today).ok, false);
});
