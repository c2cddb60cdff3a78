import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { EXAMPLE_ENQUIRIES } from '../../seed/examples.ts';
import { SmtpSink } from '../../../test/support/smtp-sink.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { enquiries } from '../../features/enquiries/enquiries.tables.ts';
import { createSmtpMailer } from './mailer.ts';
import { MAX_ATTEMPTS, Outbox } from './outbox.service.ts';
import { outboxMessages } from './outbox.tables.ts';

describe('the outbox, sending through a real SMTP server', () => {
  const smtp = new SmtpSink();
  let t: TestApp;
  let smtpUrl: string;

  before(async () => {
    smtpUrl = await smtp.start();
    t = await buildTestApp({
      mailer: createSmtpMailer(smtpUrl, '"South Liverpool Schools Together" <support@south-liverpool-schools.example>'),
    });
  });
  after(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(async () => {
    smtp.received.length = 0;
    smtp.failing = false;
    await t.database.db.delete(outboxMessages);
  });

  const submit = () =>
    t.app.inject({ method: 'POST', url: '/api/enquiries', payload: EXAMPLE_ENQUIRIES.banksRoadMaths });

  test('sends the acknowledgement to the school and the notification to the alliance', async () => {
    const { reference } = (await submit()).json();
    assert.deepEqual(await t.app.services.outbox.sendDue(), { sent: 2, failed: 0 });

    assert.deepEqual(
      smtp.received.map((mail) => mail.to),
      [['p.shah@banks-road.example'], ['support@south-liverpool-schools.example']],
    );
    const [acknowledgement, notification] = smtp.received;
    assert.match(acknowledgement!.text, new RegExp(`Subject: We have your request for support \\(${reference}\\)`));
    assert.match(acknowledgement!.raw, /Reply-To: support@south-liverpool-schools\.example/);
    assert.match(acknowledgement!.text, /We will be in touch by the end of Wednesday 25 November 2026/);
    assert.match(notification!.raw, /Reply-To: p\.shah@banks-road\.example/);
    assert.match(notification!.text, /Our Year 6 maths results fell this summer/);

    const rows = await t.database.db.select().from(outboxMessages);
    assert.deepEqual(
      rows.map((row) => [row.status, row.attempts]),
      [
        ['sent', 1],
        ['sent', 1],
      ],
    );
    assert.ok(rows.every((row) => row.sentAt));
    assert.deepEqual(await t.app.services.outbox.sendDue(), { sent: 0, failed: 0 }, 'nothing is sent twice');
  });

  test('a refusing mail server never loses the enquiry; the email is retried with back-off, then sent', async () => {
    smtp.failing = true;
    const response = await submit();
    assert.equal(response.statusCode, 201, 'the enquiry is accepted while mail fails');
    const { reference } = response.json();
    assert.equal((await t.database.db.select().from(enquiries).where(eq(enquiries.reference, reference))).length, 1);

    assert.deepEqual(await t.app.services.outbox.sendDue(), { sent: 0, failed: 2 });
    let [first] = await t.database.db.select().from(outboxMessages).orderBy(outboxMessages.id);
    assert.equal(first!.status, 'pending');
    assert.equal(first!.attempts, 1);
    assert.match(first!.lastError ?? '', /451/);
    assert.equal(first!.nextAttemptAt.getTime() - t.clock.now().getTime(), 60_000, 'first retry after a minute');

    assert.deepEqual(await t.app.services.outbox.sendDue(), { sent: 0, failed: 0 }, 'not retried before it is due');
    t.clock.advance(60_000);
    assert.deepEqual(await t.app.services.outbox.sendDue(), { sent: 0, failed: 2 });
    [first] = await t.database.db.select().from(outboxMessages).orderBy(outboxMessages.id);
    assert.equal(first!.nextAttemptAt.getTime() - t.clock.now().getTime(), 120_000, 'then after two minutes');

    smtp.failing = false;
    t.clock.advance(120_000);
    assert.deepEqual(await t.app.services.outbox.sendDue(), { sent: 2, failed: 0 });
    [first] = await t.database.db.select().from(outboxMessages).orderBy(outboxMessages.id);
    assert.equal(first!.status, 'sent');
    assert.equal(first!.attempts, 3);
    assert.equal(first!.lastError, null);
    assert.equal(smtp.received.length, 2);
  });

  test(`after ${MAX_ATTEMPTS} failed attempts a message is marked failed and left alone`, async () => {
    smtp.failing = true;
    await submit();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await t.app.services.outbox.sendDue();
      t.clock.advance(7 * 3_600_000);
    }
    const rows = await t.database.db.select().from(outboxMessages);
    assert.deepEqual(
      rows.map((row) => [row.status, row.attempts]),
      [
        ['failed', MAX_ATTEMPTS],
        ['failed', MAX_ATTEMPTS],
      ],
    );
    smtp.failing = false;
    assert.deepEqual(await t.app.services.outbox.sendDue(), { sent: 0, failed: 0 });
  });

  test('two senders working at once send each message exactly once', async () => {
    for (let index = 0; index < 5; index++) await submit();
    const log = pino({ level: 'silent' });
    const senders = [0, 1].map(
      () => new Outbox(t.database.db, createSmtpMailer(smtpUrl, 'test@example.com'), t.clock, log),
    );
    const results = await Promise.all(senders.map((sender) => sender.sendDue()));
    assert.equal(results[0]!.sent + results[1]!.sent, 10);
    assert.equal(smtp.received.length, 10);
    await Promise.all(senders.map((sender) => sender.stop()));
  });

  test('a message with a dedupe key is queued only once', async () => {
    const email = {
      kind: 'reminder',
      to: 'a@example.com',
      subject: 'Due today',
      body: 'x',
      dedupeKey: 'reminder:2026-11-23',
    };
    assert.equal(await t.app.services.outbox.queue(t.database.db, email), true);
    assert.equal(await t.app.services.outbox.queue(t.database.db, email), false);
    assert.equal((await t.database.db.select().from(outboxMessages)).length, 1);
  });
});

describe('the outbox without SMTP_URL', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  test('keeps email readable in the outbox, unsent', async () => {
    await t.app.inject({ method: 'POST', url: '/api/enquiries', payload: EXAMPLE_ENQUIRIES.matthewArnoldNewHead });
    assert.deepEqual(await t.app.services.outbox.sendDue(), { sent: 0, failed: 0 });
    const rows = await t.database.db.select().from(outboxMessages);
    assert.deepEqual(
      rows.map((row) => [row.kind, row.status]),
      [
        ['enquiry-acknowledgement', 'pending'],
        ['enquiry-notification', 'pending'],
      ],
    );
    assert.match(rows[0]!.body, /Dear Tom Okafor/);
  });
});
