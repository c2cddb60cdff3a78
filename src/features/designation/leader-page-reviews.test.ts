import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { page, tableRows, textsOf } from '../../../test/support/html.ts';
import { addLeader } from '../../../test/support/leaders.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';

describe('a leader’s staff page lists their designation reviews, open and past', () => {
  let t: TestApp;
  let coordinator: Person;
  let leaderId: number;
  let quietId: number;
  const reviewIds: number[] = [];

  before(async () => {
    t = await buildTestApp({ now: '2026-12-04T15:00:00Z' });
    coordinator = await person(t, { roles: ['coordinator'] });
    leaderId = await addLeader(t, {
      name: 'Rita Reviewed',
      designations: [
        { type: 'sle', status: 'designated', startDate: '2024-09-01', reviewDate: null },
        { type: 'lle', status: 'designated', startDate: '2023-01-09', reviewDate: null },
      ],
    });
    quietId = await addLeader(t, { name: 'Quinn Quiet' });
    const alliance = await t.app.services.alliances.current();
    const held = (await t.app.services.leaders.find(alliance.id, leaderId))!.designations;
    const reviews = t.app.services.designationReviews;
    const sle = held.find((designation) => designation.type === 'sle')!;
    const lle = held.find((designation) => designation.type === 'lle')!;
    const first = await reviews.openEarlyReview(coordinator.user, sle.id, 'criteria-not-met', 'No outreach this year');
    assert.ok(first.ok);
    const closed = await reviews.recordOutcome(coordinator.user, first.value, { outcome: 'resigned', reason: '' });
    assert.ok(closed.ok, JSON.stringify(closed));
    const second = await reviews.openEarlyReview(
      coordinator.user,
      lle.id,
      'misconduct',
      'Left a placement unannounced',
    );
    assert.ok(second.ok);
    reviewIds.push(second.value, first.value);
  });
  after(() => t.close());

  test('each review with its reason, dates and outcome, newest first, linking to the review', async () => {
    const html = (await t.app.inject({ url: `/staff/leaders/${leaderId}`, cookies: coordinator.cookies })).body;
    assert.deepEqual(textsOf(html, 'table.app-leader-reviews tbody th'), [
      'LLE: Professional misconduct',
      'SLE: No longer meets the criteria',
    ]);
    // An early review is due 20 working days after it opens (the Christmas and New Year bank holidays are not).
    assert.deepEqual(tableRows(html, 'table.app-leader-reviews'), [
      ['4 December 2026', '6 January 2027', 'Open'],
      ['4 December 2026', '6 January 2027', 'Resigned on 4 December 2026'],
    ]);
    const links = page(html)
      .querySelectorAll('table.app-leader-reviews tbody a')
      .map((link) => link.getAttribute('href'));
    assert.deepEqual(
      links,
      reviewIds.map((id) => `/staff/designation-reviews/${id}`),
    );
    const review = await t.app.inject({ url: links[0]!, cookies: coordinator.cookies });
    assert.equal(review.statusCode, 200);
  });

  test('a leader never reviewed says so', async () => {
    const html = (await t.app.inject({ url: `/staff/leaders/${quietId}`, cookies: coordinator.cookies })).body;
    assert.equal(page(html).querySelector('table.app-leader-reviews'), null);
    assert.match(page(html).text, /No designation review has been opened for Quinn Quiet\./);
  });
});
