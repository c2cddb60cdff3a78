import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { receiveEnquiry, type ReceivedEnquiry } from '../../../test/support/enquiries.ts';
import { errorSummary, tableRows } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import { RETENTION_COUNT_LABELS } from './privacy.model.ts';
import type { Mailer } from '../../platform/outbox/mailer.ts';

const COUNT_KEYS = Object.keys(RETENTION_COUNT_LABELS);

/** A mail server that takes every message, so the outbox marks them sent at the test clock's time. */
const acceptingMailer: Mailer = { send: async () => undefined, close: () => undefined };

describe('the retention schedule and its daily run', () => {
  let t: TestApp;
  let admin: Person;
  let coordinator: Person;
  let oldClosed: ReceivedEnquiry;
  let recentClosed: ReceivedEnquiry;
  let oldOpen: ReceivedEnquiry;
  before(async () => {
    t = await buildTestApp({ mailer: acceptingMailer, env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } });
    coordinator = await person(t, { roles: ['coordinator'] });
    const close = async (enquiry: ReceivedEnquiry) => {
      const row = (await t.app.services.desk.findEnquiry(enquiry.reference))!;
      const moved = await t.app.services.desk.changeStatus(coordinator.user, row, 'closed-no-match', 'No leader free');
      assert.ok(moved.ok);
      await t.app.services.outbox.sendDue();
    };
    // Closed in March 2023: more than 2 years before the run. Its acknowledgement was sent then too.
    oldClosed = await receiveEnquiry(t, '2023-03-06T10:00:00Z', { contactEmail: 'old.closed@school.example' });
    await close(oldClosed);
    oldOpen = await receiveEnquiry(t, '2023-03-07T10:00:00Z', { contactEmail: 'old.open@school.example' });
    await t.app.services.outbox.sendDue();
    recentClosed = await receiveEnquiry(t, '2026-10-01T09:00:00Z', { contactEmail: 'recent@school.example' });
    await close(recentClosed);
    // The run: Monday 23 November 2026, 10:00.
    t.clock.set('2026-11-23T10:00:00Z');
    admin = await person(t, { roles: ['administrator'] });
  });
  after(() => t.close());

  const enquiry = async (id: number) => (await t.database.db.select().from(enquiries).where(eq(enquiries.id, id)))[0]!;
  const runEvents = () =>
    t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'retention-run')).orderBy(auditEvents.id);
  const preview = async () => {
    const page = await t.app.inject({ url: '/staff/privacy', cookies: admin.cookies });
    assert.equal(page.statusCode, 200);
    return tableRows(page.body, '#retention-preview').map(([number]) => Number(number));
  };

  test('the page shows what the next run will remove, the run removes exactly that, once, with one audit event', async () => {
    const before = await preview();
    // One enquiry closed long enough ago; the emails of 2023 (not those of October 2026); the admin's session stays.
    const sentLongAgo = await t.database.db
      .select({ n: count() })
      .from(outboxMessages)
      .where(eq(outboxMessages.status, 'sent'));
    assert.ok(sentLongAgo[0]!.n > 2);
    assert.equal(before[0], 1, 'one enquiry that led to no support is due');
    assert.equal(before[1], 0, 'no agreement is due');
    assert.ok(before[2]! >= 2, 'the 2023 acknowledgements are due');
    const enquiriesBefore = (await t.database.db.select({ n: count() }).from(enquiries))[0]!.n;

    assert.equal(await t.app.services.retention.runIfDue(), 'done');
    assert.equal(await t.app.services.retention.runIfDue(), 'already-done', 'once a day, however often it is asked');

    const events = await runEvents();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.actorUserId, null);
    const counts = events[0]!.after as Record<string, number>;
    assert.deepEqual(
      COUNT_KEYS.map((key) => counts[key]),
      before,
      'the run did what the preview said',
    );

    const removed = await enquiry(oldClosed.id);
    assert.equal(removed.contactName, 'Removed');
    assert.equal(removed.contactEmail, '');
    assert.equal(removed.contactPhone, '');
    assert.equal(removed.need, 'Removed');
    assert.ok(removed.personalDataRemovedAt);
    assert.equal(removed.status, 'closed-no-match', 'what reports count is kept');
    assert.equal(removed.schoolUrn, (await enquiry(recentClosed.id)).schoolUrn);
    for (const kept of [recentClosed, oldOpen]) {
      const row = await enquiry(kept.id);
      assert.notEqual(row.contactName, 'Removed');
      assert.match(row.contactEmail, /@school\.example$/);
      assert.equal(row.personalDataRemovedAt, null);
    }
    assert.equal((await t.database.db.select({ n: count() }).from(enquiries))[0]!.n, enquiriesBefore);
    const oldEmails = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, 'old.closed@school.example'));
    assert.ok(oldEmails.length >= 1 && oldEmails.every((message) => message.body === ''));
    const recentEmails = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, 'recent@school.example'));
    assert.ok(recentEmails.length >= 1 && recentEmails.every((message) => message.body !== ''));

    assert.deepEqual((await preview()).slice(0, 3), [0, 0, 0], 'nothing is left for the next run');
    // The admin's own session survived the run: the page above answered.
  });

  test('the schedule is a bounded setting: errors are summarised with the input kept, a change is audited', async () => {
    const form = await openForm(t.app, '/staff/privacy', admin.cookies);
    const bad = await submitForm(
      t.app,
      '/staff/privacy/retention',
      { closedEnquiryYears: '0', agreementYears: 'six', outboxBodyDays: '99999' },
      form,
    );
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      errorSummary(bad.body).map((item) => item.href),
      ['#closedEnquiryYears', '#agreementYears', '#outboxBodyDays'],
    );
    assert.match(bad.body, /value="six"/);
    const saved = await submitForm(
      t.app,
      '/staff/privacy/retention',
      { closedEnquiryYears: '3', agreementYears: '7', outboxBodyDays: '30' },
      form,
    );
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await t.app.services.retention.schedule(), {
      closedEnquiryYears: 3,
      agreementYears: 7,
      outboxBodyDays: 30,
    });
    const changes = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'retention-changed'));
    assert.equal(changes.length, 1);
    assert.deepEqual(changes[0]!.after, { closedEnquiryYears: 3, agreementYears: 7, outboxBodyDays: 30 });
  });

  test('an expired form is shown again with what was typed, and saves nothing', async () => {
    const form = await openForm(t.app, '/staff/privacy', admin.cookies);
    const expired = await submitForm(
      t.app,
      '/staff/privacy/retention',
      { closedEnquiryYears: '4', agreementYears: '8', outboxBodyDays: '45' },
      { ...form, csrfToken: 'not-a-real-token' },
    );
    assert.equal(expired.statusCode, 403);
    assert.match(expired.body, /This form had expired, so nothing was saved/);
    assert.match(expired.body, /value="45"/);
    assert.equal((await t.app.services.retention.schedule()).outboxBodyDays, 30);
  });

  test('only administrators reach Staff > Privacy', async () => {
    assert.equal((await t.app.inject({ url: '/staff/privacy', cookies: coordinator.cookies })).statusCode, 403);
    const home = await t.app.inject({ url: '/staff', cookies: admin.cookies });
    assert.match(home.body, /href="\/staff\/privacy"/);
  });
});

describe('the privacy notice', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('names the data controller and a contact, and states the schedule the administrators set', async () => {
    const notice = async () => (await t.app.inject({ url: '/privacy' })).body;
    const before = await notice();
    assert.match(
      before,
      /The data controller is South Liverpool Schools Together, c\/o Palmerston School, Minehead Road, Liverpool, L17 6AU/,
    );
    assert.match(before, /id="privacy-contact"[\s\S]*0151 428 2128/);
    assert.match(before, /Enquiries that led to no support: 2 years/);
    assert.match(before, /6 years after the support ends/);
    assert.match(before, /emails we send: 90 days/);
    const admin = await person(t, { roles: ['administrator'] });
    const changed = await t.app.services.retention.changeSchedule(admin.user, {
      closedEnquiryYears: 3,
      agreementYears: 7,
      outboxBodyDays: 60,
    });
    assert.ok(changed);
    const after = await notice();
    assert.match(after, /Enquiries that led to no support: 3 years/);
    assert.match(after, /7 years after the support ends/);
    assert.match(after, /emails we send: 60 days/);
  });
});
