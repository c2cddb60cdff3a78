import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import {
  agreedReleaseDays,
  latestPerRole,
  redesignatedReviewDate,
  reviewDateFor,
  reviewDueOn,
  reviewTiming,
  reviewWindowEnd,
} from './designation-review-rules.ts';

const calendar = new WorkingCalendar(['2026-12-25', '2026-12-28', '2027-01-01']);

describe('designation review dates', () => {
  test('a review falls the designation period after the start, 29 February kept within February', () => {
    assert.equal(reviewDateFor('2022-09-01', 4), '2026-09-01');
    assert.equal(reviewDateFor('2024-02-29', 4), '2028-02-29', 'a leap day four years on is a leap day');
    assert.equal(reviewDateFor('2024-02-29', 3), '2027-02-28', 'else 28 February');
    assert.equal(reviewDateFor('2024-02-29', 1), '2025-02-28');
  });

  test('a re-designation runs a new period from the day of its outcome', () => {
    assert.equal(redesignatedReviewDate('2026-11-23', 4), '2030-11-23');
    assert.equal(redesignatedReviewDate('2028-02-29', 5), '2033-02-28');
  });

  test('"the next term" ends with the first term starting after today, else 3 months on', () => {
    const terms = [
      { firstDay: '2027-01-05', lastDay: '2027-03-26' },
      { firstDay: '2026-09-03', lastDay: '2026-12-18' },
      { firstDay: '2027-04-12', lastDay: '2027-07-21' },
    ];
    assert.equal(reviewWindowEnd('2026-11-23', terms), '2027-03-26', 'in the autumn term, up to the spring’s end');
    assert.equal(reviewWindowEnd('2027-01-05', terms), '2027-07-21', 'on a term’s first day, that term is under way');
    assert.equal(reviewWindowEnd('2027-08-01', terms), '2027-11-01', 'no term set after today: 3 months');
    assert.equal(reviewWindowEnd('2026-11-30', []), '2027-02-28', 'month-end kept');
  });

  test('overdue once the date has passed with no review closed since; due within the window', () => {
    assert.equal(reviewTiming('2026-11-22', '2026-11-23', '2027-03-26'), 'overdue');
    assert.equal(reviewTiming('2026-11-23', '2026-11-23', '2027-03-26'), 'due', 'due today is not yet overdue');
    assert.equal(reviewTiming('2027-03-26', '2026-11-23', '2027-03-26'), 'due');
    assert.equal(reviewTiming('2027-03-27', '2026-11-23', '2027-03-26'), 'not-due');
    assert.equal(reviewTiming('2026-09-01', '2026-11-23', '2027-03-26', '2026-09-10'), 'not-due', 'reviewed since');
    assert.equal(reviewTiming('2026-09-01', '2026-11-23', '2027-03-26', '2026-08-01'), 'overdue', 'reviewed before');
  });

  test('an early review for the criteria or misconduct is due 20 working days after it opens', () => {
    const context = { openedOn: '2026-12-14', reviewDate: '2028-09-01', calendar };
    // 14 Dec + 20 working days, less Christmas, Boxing Day (observed 28th) and New Year's Day.
    assert.equal(reviewDueOn('criteria-not-met', context), '2027-01-14');
    assert.equal(reviewDueOn('misconduct', context), '2027-01-14');
  });

  test('a move of school is reviewed 18 months after the move, month-end kept', () => {
    const context = { openedOn: '2026-11-23', reviewDate: '2028-09-01', calendar };
    assert.equal(reviewDueOn('moved-school', { ...context, movedOn: '2026-11-23' }), '2028-05-23');
    assert.equal(reviewDueOn('moved-school', { ...context, movedOn: '2026-08-31' }), '2028-02-29');
    assert.equal(reviewDueOn('moved-school', { ...context, movedOn: '2027-08-31' }), '2029-02-28');
  });

  test('a period’s review is due on the review date, or at once when it has passed', () => {
    assert.equal(
      reviewDueOn('period-ended', { openedOn: '2026-11-23', reviewDate: '2027-01-10', calendar }),
      '2027-01-10',
    );
    assert.equal(
      reviewDueOn('period-ended', { openedOn: '2026-11-23', reviewDate: '2026-09-01', calendar }),
      '2026-11-23',
    );
  });

  test('the school releases the days both the head and the chair agreed to, and only if both said yes', () => {
    const head = { role: 'head' as const, supports: true, releaseDays: 15 };
    const chair = { role: 'chair' as const, supports: true, releaseDays: 12 };
    assert.equal(agreedReleaseDays([head, chair]), 12);
    assert.equal(agreedReleaseDays([head]), undefined, 'the chair has not answered');
    assert.equal(agreedReleaseDays([head, { ...chair, supports: false }]), undefined);
    assert.equal(agreedReleaseDays([{ ...head, releaseDays: 0 }, chair]), 0);
  });

  test('a new request replaces the one before: the newest for each role counts', () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute));
    const requests = [
      { id: 1, role: 'head' as const, sentAt: at(0) },
      { id: 2, role: 'chair' as const, sentAt: at(0) },
      { id: 3, role: 'head' as const, sentAt: at(5) },
      { id: 4, role: 'head' as const, sentAt: at(5) },
    ];
    assert.deepEqual(
      latestPerRole(requests).map((request) => request.id),
      [4, 2],
    );
    assert.deepEqual(latestPerRole([]), []);
  });
});
