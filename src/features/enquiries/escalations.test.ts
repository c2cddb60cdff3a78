import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { receiveEnquiry } from '../../../test/support/enquiries.ts';
import { person } from '../../../test/support/people.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';

/** The alliance lead is told, once, of an enquiry overdue by the set number of working days. */
describe('escalating a breached response target to the administrators', () => {
  let t: TestApp;

  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    await person(t, {
      signedIn: false,
      roles: ['administrator'],
      name: 'Aisha Rahman',
      email: 'aisha@alliance.example',
    });
    await person(t, { signedIn: false, roles: ['coordinator'], email: 'bethan@alliance.example' });
  });
  after(() => t.close());

  const escalations = () =>
    t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.kind, 'enquiry-escalation'))
      .orderBy(outboxMessages.id);

  test('overdue by the setting (2 working days), administrators are emailed once; never again', async () => {
    // Due by the end of Wednesday 18 November; received later, due by the end of Friday 20 November.
    const breached = await receiveEnquiry(t, '2026-11-16T10:00:00Z');
    const recent = await receiveEnquiry(t, '2026-11-18T10:00:00Z');
    assert.deepEqual([breached.respondBy, recent.respondBy], ['2026-11-18', '2026-11-20']);

    t.clock.set('2026-11-19T09:00:00Z'); // overdue by 1 working day: not yet
    assert.equal(await t.app.services.reminders.runIfDue(), 'done');
    assert.equal((await escalations()).length, 0);

    t.clock.set('2026-11-20T09:00:00Z'); // overdue by 2
    assert.equal(await t.app.services.reminders.runIfDue(), 'done');
    const [mail, ...more] = await escalations();
    assert.equal(more.length, 0, 'to the administrator only, not the coordinator');
    assert.equal(mail!.recipient, 'aisha@alliance.example');
    assert.equal(mail!.subject, 'Response target breached: 1 enquiry overdue by 2 working days or more');
    assert.match(
      mail!.body,
      new RegExp(`${breached.reference}, Banks Road Primary School[^\\n]*: overdue by 2 working days`),
    );
    assert.doesNotMatch(mail!.body, new RegExp(recent.reference));

    t.clock.set('2026-11-23T09:00:00Z'); // Monday: the first overdue by 3, told already; the other not yet due
    assert.equal(await t.app.services.reminders.runIfDue(), 'done');
    assert.equal((await escalations()).length, 1, 'never repeated');
  });

  test('the number of working days is the alliance’s setting', async () => {
    await t.database.db.update(alliances).set({ escalateAfterWorkingDays: 1 });
    t.app.services.alliances.forget();
    const enquiry = await receiveEnquiry(t, '2026-11-23T10:00:00Z'); // due by the end of Wednesday 25 November
    t.clock.set('2026-11-26T09:00:00Z');
    assert.equal(await t.app.services.reminders.runIfDue(), 'done');
    const latest = (await escalations()).at(-1)!;
    assert.match(latest.body, new RegExp(`${enquiry.reference}[^\\n]*: overdue by 1 working day `));
  });
});
