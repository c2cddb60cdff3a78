import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { receiveEnquiry, type ReceivedEnquiry } from '../../../test/support/enquiries.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { enquiries, enquiryEvents } from './enquiries.tables.ts';
import { person, sessionCookiesFor } from '../../../test/support/people.ts';
import { errorSummary } from '../../../test/support/html.ts';

describe('recording the first contact', () => {
  let t: TestApp;
  let coordinator: { id: number; name: string; email: string };
  let colleague: { id: number; name: string; email: string };

  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    coordinator = await person(t, { signedIn: false, roles: ['coordinator'], name: 'Bethan Morgan' });
    colleague = await person(t, { signedIn: false, roles: ['administrator'], name: 'Aisha Rahman' });
  });
  after(() => t.close());

  const stored = async (enquiry: ReceivedEnquiry) =>
    (await t.database.db.select().from(enquiries).where(eq(enquiries.id, enquiry.id)))[0]!;

  /** Opens the form at `now` (signed in afresh, as the clock may have moved hours) and submits it. */
  async function record(enquiry: ReceivedEnquiry, now: string, fields: Record<string, string>) {
    t.clock.set(now);
    const form = await openForm(
      t.app,
      `/staff/enquiries/${enquiry.reference}/first-contact`,
      await sessionCookiesFor(t, coordinator),
    );
    return {
      form,
      response: await submitForm(t.app, `/staff/enquiries/${enquiry.reference}/first-contact`, fields, form),
    };
  }

  const contactAt = (date: string, time: string) => {
    const [year, month, day] = date.split('-');
    return {
      'contactedAt-day': day!,
      'contactedAt-month': month!,
      'contactedAt-year': year!,
      contactedTime: time,
      method: 'telephone',
      contactedBy: String(coordinator.id),
      // These contacts are recorded after the fact on purpose (to test the clock's edges), so they say why.
      lateReason: 'Written up after the call',
    };
  };

  test('the form starts at now, by the person signed in', async () => {
    const enquiry = await receiveEnquiry(t, '2026-11-23T10:00:00Z');
    t.clock.set('2026-11-24T14:35:20Z');
    const { page } = await openForm(
      t.app,
      `/staff/enquiries/${enquiry.reference}/first-contact`,
      await sessionCookiesFor(t, coordinator),
    );
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="contactedAt-day" type="text" value="24"/);
    assert.match(page.body, /name="contactedAt-month" type="text" value="11"/);
    assert.match(page.body, /name="contactedAt-year" type="text" value="2026"/);
    assert.match(page.body, /name="contactedTime" type="text" spellcheck="false" value="14:35"/);
    assert.match(page.body, new RegExp(`<option value="${coordinator.id}" selected>Bethan Morgan \\(you\\)</option>`));
    assert.match(
      page.body,
      new RegExp(`<option value="${colleague.id}">Aisha Rahman</option>`),
      'administrators can make contact too',
    );
    assert.match(page.body, /the reply is due by the end of Wednesday 25 November 2026/);
  });

  test('in winter (GMT): 23:59 on the respond-by day meets the target, midnight misses it', async () => {
    const onTime = await receiveEnquiry(t, '2026-11-23T10:00:00Z');
    const late = await receiveEnquiry(t, '2026-11-23T10:05:00Z');
    assert.equal(onTime.respondBy, '2026-11-25');
    const met = await record(onTime, '2026-11-26T09:00:00Z', contactAt('2026-11-25', '23:59'));
    assert.equal(met.response.statusCode, 303);
    assert.equal(met.response.headers.location, `/staff/enquiries/${onTime.reference}`);
    const missed = await record(late, '2026-11-26T09:00:00Z', contactAt('2026-11-26', '00:00'));
    assert.equal(missed.response.statusCode, 303);

    const first = await stored(onTime);
    assert.equal(first.firstContactAt?.toISOString(), '2026-11-25T23:59:00.000Z');
    assert.deepEqual(
      [first.respondedOnTime, first.status, first.firstContactMethod, first.firstContactByUserId],
      [true, 'contacted', 'telephone', coordinator.id],
    );
    const second = await stored(late);
    assert.equal(second.firstContactAt?.toISOString(), '2026-11-26T00:00:00.000Z');
    assert.deepEqual([second.respondedOnTime, second.status], [false, 'contacted']);

    const page = await t.app.inject({
      url: `/staff/enquiries/${late.reference}`,
      cookies: await sessionCookiesFor(t, coordinator),
    });
    assert.match(page.body, /Target missed/);
    assert.match(page.body, /26 November 2026 at 12am by telephone, by Bethan Morgan/);
  });

  test('in summer (BST): the respond-by day ends at 23:00 UTC', async () => {
    const onTime = await receiveEnquiry(t, '2026-06-01T09:00:00Z');
    const late = await receiveEnquiry(t, '2026-06-01T09:05:00Z');
    assert.equal(onTime.respondBy, '2026-06-03');
    await record(onTime, '2026-06-04T09:00:00Z', contactAt('2026-06-03', '23:59'));
    await record(late, '2026-06-04T09:00:00Z', contactAt('2026-06-04', '00:00'));
    const first = await stored(onTime);
    assert.equal(first.firstContactAt?.toISOString(), '2026-06-03T22:59:00.000Z');
    assert.equal(first.respondedOnTime, true);
    const second = await stored(late);
    assert.equal(second.firstContactAt?.toISOString(), '2026-06-03T23:00:00.000Z');
    assert.equal(second.respondedOnTime, false);
  });

  test('stops the clock, moves the enquiry to contacted and records both in the history and the audit trail', async () => {
    const enquiry = await receiveEnquiry(t, '2026-11-23T10:00:00Z');
    const { response } = await record(enquiry, '2026-11-23T15:00:00Z', {
      ...contactAt('2026-11-23', '2:30pm'),
      method: 'email',
      contactedBy: String(colleague.id),
      notes: 'Spoke to the head; a visit next week.',
    });
    assert.equal(response.statusCode, 303);
    const events = await t.database.db
      .select()
      .from(enquiryEvents)
      .where(eq(enquiryEvents.enquiryId, enquiry.id))
      .orderBy(enquiryEvents.id);
    assert.deepEqual(
      events.map((event) => [event.fromStatus, event.toStatus, event.actorUserId]),
      [
        [null, 'new', null],
        ['new', 'contacted', coordinator.id],
      ],
    );
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'enquiry'), eq(auditEvents.entityId, String(enquiry.id))))
      .orderBy(auditEvents.id);
    assert.deepEqual(
      audit.map((event) => event.action),
      ['received', 'first-contact-recorded', 'status-changed'],
    );
    assert.equal(audit[1]!.actorUserId, coordinator.id);
    assert.deepEqual(audit[1]!.after, {
      firstContactAt: '23 November 2026 at 2:30pm',
      firstContactMethod: 'Email',
      firstContactBy: `Aisha Rahman (${colleague.email})`,
      firstContactNotes: 'Spoke to the head; a visit next week.',
      respondedOnTime: true,
    });
    assert.deepEqual([audit[2]!.before, audit[2]!.after], [{ status: 'New' }, { status: 'Contacted' }]);

    const page = await t.app.inject({
      url: `/staff/enquiries/${enquiry.reference}`,
      cookies: await sessionCookiesFor(t, coordinator),
    });
    assert.match(page.body, /Target met/);
    assert.match(page.body, /First contact recorded/);
    assert.match(page.body, /Spoke to the head; a visit next week\./);
    assert.match(
      page.body,
      /\/first-contact">\s*Correct<span class="govuk-visually-hidden"> the first contact/,
      'no second first contact is offered, only a correction',
    );
  });

  test('a first contact recorded wrongly is corrected, with a reason: the target is worked out again', async () => {
    const enquiry = await receiveEnquiry(t, '2026-11-23T10:00:00Z');
    assert.equal(enquiry.respondBy, '2026-11-25');
    await record(enquiry, '2026-11-27T09:00:00Z', contactAt('2026-11-26', '09:00'));
    assert.equal((await stored(enquiry)).respondedOnTime, false);

    const { form, response: shown } = await (async () => {
      const opened = await openForm(
        t.app,
        `/staff/enquiries/${enquiry.reference}/first-contact`,
        await sessionCookiesFor(t, coordinator),
      );
      return { form: opened, response: opened.page };
    })();
    assert.match(shown.body, /<h1 class="govuk-heading-l">Correct the first contact<\/h1>/);
    assert.match(shown.body, /name="contactedAt-day" type="text" value="26"/, 'filled in as recorded');
    assert.match(shown.body, /name="contactedTime" type="text" spellcheck="false" value="09:00"/);

    const noReason = await submitForm(
      t.app,
      `/staff/enquiries/${enquiry.reference}/first-contact`,
      { ...contactAt('2026-11-25', '09:00'), correcting: 'yes', reason: ' ' },
      form,
    );
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(errorSummary(noReason.body), [
      { href: '#reason', text: 'Enter why the first contact is being corrected' },
    ]);
    assert.match(noReason.body, /name="contactedAt-day" type="text" value="25"/, 'the correction typed is kept');
    assert.equal((await stored(enquiry)).respondedOnTime, false, 'nothing changed');

    const corrected = await submitForm(
      t.app,
      `/staff/enquiries/${enquiry.reference}/first-contact`,
      { ...contactAt('2026-11-25', '09:00'), correcting: 'yes', reason: 'The call was on Wednesday' },
      form,
    );
    assert.equal(corrected.statusCode, 303);
    const row = await stored(enquiry);
    assert.equal(row.firstContactAt?.toISOString(), '2026-11-25T09:00:00.000Z');
    assert.deepEqual([row.respondedOnTime, row.status], [true, 'contacted']);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, String(enquiry.id)), eq(auditEvents.action, 'first-contact-corrected')));
    assert.deepEqual(
      [event!.before, event!.after],
      [
        { firstContactAt: '26 November 2026 at 9am', respondedOnTime: false },
        { firstContactAt: '25 November 2026 at 9am', respondedOnTime: true, reason: 'The call was on Wednesday' },
      ],
    );
    const page = await t.app.inject({
      url: `/staff/enquiries/${enquiry.reference}`,
      cookies: await sessionCookiesFor(t, coordinator),
    });
    assert.match(page.body, /Target met/);
    assert.match(page.body, /First contact corrected/);
  });

  test('every problem is explained, linked to its field, with status 400 and the answers kept', async () => {
    const enquiry = await receiveEnquiry(t, '2026-11-23T10:00:00Z');
    const empty = await record(enquiry, '2026-11-23T12:00:00Z', {
      'contactedAt-day': '',
      'contactedAt-month': '',
      'contactedAt-year': '',
      contactedTime: '',
      contactedBy: '',
    });
    assert.equal(empty.response.statusCode, 400);
    assert.match(empty.response.body, /<title>Error: Record the first contact/);
    assert.deepEqual(errorSummary(empty.response.body), [
      { href: '#contactedAt-day', text: 'Enter the date of the first contact' },
      { href: '#contactedTime', text: 'Enter the time of the first contact' },
      { href: '#method', text: 'Select how the school was contacted' },
      { href: '#contactedBy', text: 'Select who made the first contact' },
    ]);

    const typed = { ...contactAt('2026-11-31', 'half ten'), notes: 'Left a message' };
    const bad = await submitForm(t.app, `/staff/enquiries/${enquiry.reference}/first-contact`, typed, empty.form);
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorSummary(bad.body), [
      { href: '#contactedAt-day', text: 'The date of the first contact must be a real date' },
      { href: '#contactedTime', text: 'Enter the time as hours and minutes, like 14:30 or 2:30pm' },
    ]);
    assert.match(bad.body, /name="contactedAt-day" type="text" value="31"/);
    assert.match(bad.body, /name="contactedTime" type="text" spellcheck="false" value="half ten"/);
    assert.match(bad.body, /value="telephone" checked/);
    assert.match(bad.body, />Left a message<\/textarea>/);

    const cases: Array<[Record<string, string>, { href: string; text: string }]> = [
      [
        contactAt('2026-11-23', '12:01'),
        { href: '#contactedAt-day', text: 'The first contact must be now or in the past' },
      ],
      [
        contactAt('2026-11-23', '09:59'),
        {
          href: '#contactedAt-day',
          text: 'The first contact must be after the enquiry arrived, on 23 November 2026 at 10am',
        },
      ],
      [
        {
          ...contactAt('2026-11-23', '11:00'),
          contactedBy: String((await person(t, { signedIn: false, roles: ['system-leader'] })).id),
        },
        { href: '#contactedBy', text: 'Select who made the first contact from the list' },
      ],
      [
        { ...contactAt('2026-11-23', '11:00'), method: 'carrier pigeon' },
        { href: '#method', text: 'Select how the school was contacted' },
      ],
      [
        { ...contactAt('2026-11-23', '11:00'), notes: 'x'.repeat(5001) },
        { href: '#notes', text: 'Notes must be 5,000 characters or fewer' },
      ],
    ];
    for (const [fields, expected] of cases) {
      const response = await submitForm(
        t.app,
        `/staff/enquiries/${enquiry.reference}/first-contact`,
        fields,
        empty.form,
      );
      assert.equal(response.statusCode, 400, expected.text);
      assert.deepEqual(errorSummary(response.body), [expected]);
    }
    assert.equal((await stored(enquiry)).firstContactAt, null, 'nothing was recorded');

    const inMinuteOfArrival = await submitForm(
      t.app,
      `/staff/enquiries/${enquiry.reference}/first-contact`,
      contactAt('2026-11-23', '10:00'),
      empty.form,
    );
    assert.equal(inMinuteOfArrival.statusCode, 303, 'a contact in the minute the enquiry arrived counts');
    const twice = await submitForm(
      t.app,
      `/staff/enquiries/${enquiry.reference}/first-contact`,
      contactAt('2026-11-23', '11:00'),
      empty.form,
    );
    assert.equal(twice.statusCode, 400);
    assert.deepEqual(errorSummary(twice.body), [
      { href: '#contactedAt-day', text: 'The first contact was already recorded, on 23 November 2026 at 10am' },
    ]);
  });

  test('a time the clocks skipped is refused', async () => {
    const enquiry = await receiveEnquiry(t, '2026-03-27T10:00:00Z');
    const { response } = await record(enquiry, '2026-03-30T10:00:00Z', contactAt('2026-03-29', '01:30'));
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorSummary(response.body), [
      {
        href: '#contactedTime',
        text: 'That time did not happen in the UK: the clocks went forward an hour at 1am that day',
      },
    ]);
  });

  test('an expired form is shown again with the answers, and nothing is recorded', async () => {
    const enquiry = await receiveEnquiry(t, '2026-11-23T10:00:00Z');
    const { form } = await record(enquiry, '2026-11-23T11:00:00Z', {});
    const forged = await submitForm(
      t.app,
      `/staff/enquiries/${enquiry.reference}/first-contact`,
      contactAt('2026-11-23', '10:45'),
      { ...form, csrfToken: 'not-the-token' },
    );
    assert.equal(forged.statusCode, 403);
    assert.deepEqual(errorSummary(forged.body), [
      {
        href: '#contactedAt-day',
        text: 'This form had expired, so nothing was changed. Check your answers and try again',
      },
    ]);
    assert.match(forged.body, /name="contactedTime" type="text" spellcheck="false" value="10:45"/);
    assert.equal((await stored(enquiry)).firstContactAt, null);
  });
});
