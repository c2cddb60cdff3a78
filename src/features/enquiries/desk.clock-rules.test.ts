import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { receiveEnquiry, type ReceivedEnquiry } from '../../../test/support/enquiries.ts';
import { errorSummary, formFields, page, queueRows } from '../../../test/support/html.ts';
import { person, sessionCookiesFor, type Person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';

/** The response clock cannot be gamed by dating a contact back unseen, nor lost by withdrawing and reopening. */
describe('the response clock, recorded late or reopened', () => {
  let t: TestApp;
  let coordinator: Person;

  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    coordinator = await person(t, { signedIn: false, roles: ['coordinator'], name: 'Bethan Morgan' });
  });
  after(() => t.close());

  async function post(enquiry: ReceivedEnquiry, path: string, fields: Record<string, string>) {
    const url = `/staff/enquiries/${enquiry.reference}${path}`;
    const form = await openForm(t.app, url, await sessionCookiesFor(t, coordinator));
    return submitForm(t.app, url.replace(/\?.*$/, ''), fields, form);
  }
  const contactOn = (day: string, month: string, time: string, lateReason = '') => ({
    'contactedAt-day': day,
    'contactedAt-month': month,
    'contactedAt-year': '2026',
    contactedTime: time,
    method: 'telephone',
    contactedBy: String(coordinator.id),
    lateReason,
  });
  const enquiryPage = async (enquiry: ReceivedEnquiry) =>
    (
      await t.app.inject({
        url: `/staff/enquiries/${enquiry.reference}`,
        cookies: await sessionCookiesFor(t, coordinator),
      })
    ).body;
  const queue = async (query: string) =>
    queueRows(
      (await t.app.inject({ url: `/staff/enquiries?${query}`, cookies: await sessionCookiesFor(t, coordinator) })).body,
    );

  test('a first contact dated days before it is recorded needs a reason, shown on the record and in the queue', async () => {
    // Received Thursday 3 December, due by the end of Monday 7 December; recorded on Tuesday 8 December.
    const enquiry = await receiveEnquiry(t, '2026-12-03T10:00:00Z');
    t.clock.set('2026-12-08T15:00:00Z');
    const noReason = await post(enquiry, '/first-contact', contactOn('3', '12', '11:00'));
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(errorSummary(noReason.body), [
      {
        href: '#lateReason',
        text: 'The first contact was more than an hour ago, on 3 December 2026 at 11am: enter why it is recorded only now',
      },
    ]);
    assert.equal(formFields(noReason.body)['contactedAt-day'], '3', 'what was typed is kept');

    const reason = 'Phoned from the conference; the laptop was away until today';
    assert.equal((await post(enquiry, '/first-contact', contactOn('3', '12', '11:00', reason))).statusCode, 303);
    const html = await enquiryPage(enquiry);
    assert.match(page(html).querySelector('.govuk-tag--green')!.text, /Target met, recorded late/);
    assert.equal(
      page(html).querySelector('#first-contact-late')!.text,
      `Recorded late, on 8 December 2026 at 3pm: ${reason}`,
    );
    const row = (await queue('status=all&response=met')).find((entry) => entry.reference === enquiry.reference)!;
    assert.ok(row.tags.includes('Target met, recorded late'), JSON.stringify(row.tags));
  });

  test('a contact recorded within the hour needs no reason', async () => {
    const enquiry = await receiveEnquiry(t, '2026-12-03T10:00:00Z');
    t.clock.set('2026-12-03T11:30:00Z');
    assert.equal((await post(enquiry, '/first-contact', contactOn('3', '12', '10:45'))).statusCode, 303);
    const html = await enquiryPage(enquiry);
    assert.match(page(html).querySelector('.govuk-tag--green')!.text, /^\s*Target met\s*$/);
    assert.equal(page(html).querySelector('#first-contact-late'), null);
  });

  test('withdrawn before a first contact and reopened, the clock runs on from the original receipt', async () => {
    const enquiry = await receiveEnquiry(t, '2026-12-03T10:00:00Z');
    t.clock.set('2026-12-04T09:00:00Z');
    assert.equal(
      (await post(enquiry, '/status?to=withdrawn', { to: 'withdrawn', note: 'Found help' })).statusCode,
      303,
    );
    assert.match(await enquiryPage(enquiry), /No first contact/);
    t.clock.set('2026-12-09T09:00:00Z');
    assert.equal(
      (await post(enquiry, '/status?to=matching', { to: 'matching', note: 'The head is ready now' })).statusCode,
      303,
    );
    const html = await enquiryPage(enquiry);
    assert.match(html, /Overdue by 2 working days/);
    assert.doesNotMatch(html, /No first contact/);
    const overdue = await queue('response=overdue');
    assert.ok(
      overdue.some((entry) => entry.reference === enquiry.reference),
      'listed as overdue in the queue',
    );
  });
});
