import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { EXAMPLE_ENQUIRIES } from '../../seed/examples.ts';
import { SmtpSink } from '../../../test/support/smtp-sink.ts';
import { buildTestApp, cookiesFrom, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { linksOf, summaryListRows, tableRows, textsOf } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { createSmtpMailer } from './mailer.ts';
import { MAX_ATTEMPTS } from './outbox.service.ts';
import { outboxMessages } from './outbox.tables.ts';

const submitEnquiry = (t: TestApp) =>
  t.app.inject({ method: 'POST', url: '/api/enquiries', payload: EXAMPLE_ENQUIRIES.banksRoadMaths });

describe('Staff > Emails, with a mail server', () => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let admin: Person;
  let coordinator: Person;
  before(async () => {
    const smtpUrl = await smtp.start();
    t = await buildTestApp({
      mailer: createSmtpMailer(smtpUrl, 'support@south-liverpool-schools.example'),
      env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' },
    });
    admin = await person(t, { roles: ['administrator'] });
    coordinator = await person(t, { roles: ['coordinator'] });
    await t.database.db.delete(outboxMessages);
  });
  after(async () => {
    await t.close();
    await smtp.stop();
  });

  test('lists every email with its status, tries and why it failed, never its body', async () => {
    smtp.failing = true;
    await submitEnquiry(t);
    await t.app.services.outbox.sendDue();
    const [acknowledgement, notification] = await t.database.db
      .select()
      .from(outboxMessages)
      .orderBy(outboxMessages.id);
    // The acknowledgement has been tried all but once: its next failure is its last.
    await t.database.db
      .update(outboxMessages)
      .set({ attempts: MAX_ATTEMPTS - 1 })
      .where(eq(outboxMessages.id, acknowledgement!.id));
    t.clock.advance(61_000);
    await t.app.services.outbox.sendDue();

    const page = await t.app.inject({ url: '/staff/emails', cookies: admin.cookies });
    assert.equal(page.statusCode, 200);
    const rows = tableRows(page.body, 'table');
    assert.equal(rows.length, 2);
    const [newest, oldest] = rows;
    assert.match(newest![0]!, /^New request for support/);
    assert.equal(newest![1], 'support@south-liverpool-schools.example');
    assert.match(newest![3]!, /^Waiting to retry Next try /);
    assert.equal(newest![4], '2');
    assert.match(oldest![0]!, /^We have your request for support/);
    assert.match(oldest![3]!, /^Failed .*451 Mailbox busy/);
    assert.equal(oldest![4], String(MAX_ATTEMPTS));
    assert.doesNotMatch(page.body, /Year 6 maths/, 'the list shows no body');
    assert.doesNotMatch(page.body, /SMTP_URL is not set/);

    const failed = await t.app.inject({ url: '/staff/emails?status=failed', cookies: admin.cookies });
    assert.equal(tableRows(failed.body, 'table').length, 1);
    assert.deepEqual(textsOf(failed.body, '[aria-current="page"]'), ['Failed']);

    smtp.failing = false;
    t.clock.advance(121_000);
    await t.app.services.outbox.sendDue();
    const sent = await t.app.inject({ url: `/staff/emails/${notification!.id}`, cookies: admin.cookies });
    const details = Object.fromEntries(summaryListRows(sent.body));
    assert.equal(details.Status, 'Sent');
    assert.equal(details.Tries, '3');
    assert.equal(details['Last error'], 'None');
    assert.match(sent.body, /Our Year 6 maths results fell this summer/, 'an administrator reads the message');
  });

  test('a failed email is sent again as a copy, on the original’s history', async () => {
    const [acknowledgement] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.status, 'failed'));
    const url = `/staff/emails/${acknowledgement!.id}`;
    const form = await openForm(t.app, url, admin.cookies);
    const response = await submitForm(t.app, `${url}/resend`, {}, form);
    assert.equal(response.statusCode, 303);
    const copyUrl = response.headers.location!;
    assert.match(copyUrl, /^\/staff\/emails\/\d+$/);

    await t.app.services.outbox.sendDue();
    assert.equal(smtp.received.at(-1)?.to[0], 'p.shah@banks-road.example', 'the copy went to the school');
    const copy = await t.app.inject({ url: copyUrl, cookies: { ...form.cookies, ...cookiesFrom(response) } });
    assert.match(copy.body, /A copy was queued to send again/);
    assert.equal(Object.fromEntries(summaryListRows(copy.body)).Status, 'Sent');
    const original = await t.app.inject({ url, cookies: admin.cookies });
    assert.equal(Object.fromEntries(summaryListRows(original.body)).Status?.split(' ')[0], 'Failed');
    assert.match(original.body, /Queued again/);
    assert.match(original.body, new RegExp(`Message ${copyUrl.split('/').at(-1)}`));

    const withoutToken = await t.app.inject({ method: 'POST', url: `${url}/resend`, cookies: admin.cookies });
    assert.equal(withoutToken.statusCode, 403, 'a resend needs the form’s CSRF token');
  });

  test('only administrators see emails; others are refused, and bad addresses are explained', async () => {
    const id = (await t.database.db.select().from(outboxMessages))[0]!.id;
    for (const url of ['/staff/emails', `/staff/emails/${id}`])
      assert.equal((await t.app.inject({ url, cookies: coordinator.cookies })).statusCode, 403, url);
    assert.equal((await t.app.inject({ url: '/staff/emails' })).statusCode, 303, 'signed out: to sign in');
    const staffHome = await t.app.inject({ url: '/staff', cookies: admin.cookies });
    assert.ok(linksOf(staffHome.body, 'a').some((link) => link.href === '/staff/emails'));

    assert.equal((await t.app.inject({ url: '/staff/emails/999999', cookies: admin.cookies })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/staff/emails/abc', cookies: admin.cookies })).statusCode, 404);
    for (const [query, message] of [
      ['page=0', 'Page must be 1 or more'],
      ['page=lots', 'Page must be a whole number'],
      ['page=10001', 'Page must be 10000 or less'],
      ['status=lost', 'Status must be one of: pending, sent, failed'],
    ] as const) {
      const refused = await t.app.inject({ url: `/staff/emails?${query}`, cookies: admin.cookies });
      assert.equal(refused.statusCode, 400, query);
      assert.match(refused.body, new RegExp(message));
    }
  });

  test('a body removed for privacy is not shown and cannot be resent', async () => {
    const [message] = await t.database.db.select().from(outboxMessages).orderBy(outboxMessages.id);
    await t.database.db
      .update(outboxMessages)
      .set({ body: '', personalDataRemovedAt: t.clock.now() })
      .where(eq(outboxMessages.id, message!.id));
    const url = `/staff/emails/${message!.id}`;
    const form = await openForm(t.app, '/staff/emails', admin.cookies);
    const page = await t.app.inject({ url, cookies: admin.cookies });
    assert.match(page.body, /The message was removed on/);
    assert.doesNotMatch(page.body, /Send a copy again/);
    assert.equal((await submitForm(t.app, `${url}/resend`, {}, form)).statusCode, 404);
  });
});

describe('Staff > Emails, with no mail server (a laptop)', () => {
  let t: TestApp;
  let admin: Person;
  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } });
    admin = await person(t, { roles: ['administrator'] });
    await t.database.db.delete(outboxMessages);
  });
  after(() => t.close());

  test('says the emails wait here, and pages through many, newest first', async () => {
    for (let n = 0; n < 28; n++) await submitEnquiry(t);
    const first = await t.app.inject({ url: '/staff/emails', cookies: admin.cookies });
    assert.match(first.body, /SMTP_URL is not set, so no email is sent/);
    assert.match(first.body, /56 emails/);
    const rows = tableRows(first.body, 'table');
    assert.equal(rows.length, 50);
    assert.ok(rows.every((row) => row[3] === 'In the outbox'));
    assert.ok(linksOf(first.body, '.govuk-pagination a').some((link) => link.href === '/staff/emails?page=2'));
    const second = await t.app.inject({ url: '/staff/emails?page=2', cookies: admin.cookies });
    assert.equal(tableRows(second.body, 'table').length, 6);
    const beyond = await t.app.inject({ url: '/staff/emails?page=9', cookies: admin.cookies });
    assert.match(beyond.body, /There are no emails/);
  });
});
