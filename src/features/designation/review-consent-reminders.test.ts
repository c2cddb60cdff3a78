import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { addLeader } from '../../../test/support/leaders.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';

const tokenIn = (body: string) => /\/review-consent\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1] ?? '';

describe('reminding the head and chair who have not answered about release consent', () => {
  let t: TestApp;
  let coordinator: Person;
  const emailsTo = (to: string) =>
    t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.kind, 'designation-review-consent'), eq(outboxMessages.recipient, to)))
      .orderBy(asc(outboxMessages.id));

  before(async () => {
    t = await buildTestApp();
    coordinator = await person(t, { roles: ['coordinator'] });
    const leaderId = await addLeader(t, {
      name: 'Rita Reminded',
      designations: [{ type: 'sle', status: 'designated', startDate: '2022-12-01', reviewDate: null }],
    });
    const alliance = await t.app.services.alliances.current();
    const designation = (await t.app.services.leaders.find(alliance.id, leaderId))!.designations[0]!;
    const review = await t.app.services.designationReviews.startPeriodReview(coordinator.user, designation.id);
    assert.ok(review.ok);
    const asked = await t.app.services.reviewConsent.ask(coordinator.user, review.value, {
      head: { name: 'Hari Head', email: 'hari@school.example' },
      chair: { name: 'Cora Chair', email: 'cora@school.example' },
    });
    assert.ok(asked.ok);
  });
  after(() => t.close());

  test('once, after the reminder interval, with a new link replacing the first; not those who answered', async () => {
    const chairToken = tokenIn((await emailsTo('cora@school.example'))[0]!.body);
    const form = await openForm(t.app, `/review-consent?token=${chairToken}`);
    const answered = await submitForm(
      t.app,
      '/review-consent',
      { token: chairToken, supports: 'yes', releaseDays: '10' },
      form,
    );
    assert.equal(answered.statusCode, 200);

    t.clock.set('2026-11-27T10:00:00Z');
    assert.equal(await t.app.services.reviewConsentReminders.runIfDue(), 'done');
    assert.equal((await emailsTo('hari@school.example')).length, 1, 'not before the 7 days are up');

    // Monday 30 November, 7 days after asking, after the morning's reminder time.
    t.clock.set('2026-11-30T10:00:00Z');
    assert.equal(await t.app.services.reviewConsentReminders.runIfDue(), 'done');
    const toHead = await emailsTo('hari@school.example');
    assert.equal(toHead.length, 2);
    assert.match(toHead[1]!.subject, /^Reminder: Release consent for Rita Reminded \(SLE\)/);
    assert.match(toHead[1]!.body, /We have not had your answer yet/);
    assert.equal((await emailsTo('cora@school.example')).length, 1, 'the chair answered');

    const firstLink = await t.app.inject({ url: `/review-consent?token=${tokenIn(toHead[0]!.body)}` });
    assert.equal(firstLink.statusCode, 404, 'the first link was replaced');
    const newLink = await t.app.inject({ url: `/review-consent?token=${tokenIn(toHead[1]!.body)}` });
    assert.equal(newLink.statusCode, 200);

    t.clock.set('2026-12-01T10:00:00Z');
    assert.equal(await t.app.services.reviewConsentReminders.runIfDue(), 'done');
    assert.equal((await emailsTo('hari@school.example')).length, 2, 'reminded once only');
  });
});
