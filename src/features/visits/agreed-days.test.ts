import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentDelivered } from './agreed-days.ts';

test('the delivered share rounds to the nearest percent, reading 100% only when done and 0% only when nothing is', () => {
  assert.equal(percentDelivered(2, 12), 17, '16.7% is 17%, not 16%');
  assert.equal(percentDelivered(6, 12), 50);
  assert.equal(percentDelivered(199, 200), 99, '99.5% is not shown as done');
  assert.equal(percentDelivered(1, 400), 1, 'something delivered is not 0%');
  assert.equal(percentDelivered(0, 12), 0);
  assert.equal(percentDelivered(12, 12), 100);
  assert.equal(percentDelivered(15, 12), 125, 'more than agreed shows as more');
  assert.equal(percentDelivered(3, 0), undefined);
});
