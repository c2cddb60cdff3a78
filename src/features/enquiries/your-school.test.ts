import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { receiveEnquiry, type ReceivedEnquiry } from '../../../test/support/enquiries.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_ENQUIRIES, EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { person, sessionCookiesFor } from '../../../test/support/people.ts';
import { tableRows } from '../../../test/support/html.ts';

const INTERNAL_NOTE = 'Internal: the head sounded reluctant; check with the LA first.';
const FIRST_CONTACT_NOTE = 'Internal: call notes not for the school.';
const REOPEN_REASON = 'Internal: reopened after the LA asked us to.';

describe('school contacts see their own school’s enquiries, and nothing internal', () => {
  let t: TestApp;
  let ours: ReceivedEnquiry;
  let theirs: ReceivedEnquiry;
  let contact: Record<string, string>;

  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    ours = await receiveEnquiry(t, '2026-11-23T10:00:00Z');
    theirs = await receiveEnquiry(t, '2026-11-23T10:30:00Z', EXAMPLE_ENQUIRIES.matthewArnoldNewHead);

    // A coordinator works our enquiry: first contact with notes, matching, an internal note, withdrawn and reopened with a reason.
    const coordinator = await person(t, { signedIn: false, roles: ['coordinator'], name: 'Bethan Morgan' });
    t.clock.set('2026-11-24T09:30:00Z');
    const cookies = await sessionCookiesFor(t, coordinator);
    const act = async (path: string, fields: Record<string, string>) => {
      const form = await openForm(t.app, `/staff/enquiries/${ours.reference}${path === '/notes' ? '' : path}`, cookies);
      const response = await submitForm(t.app, `/staff/enquiries/${ours.reference}${path}`, fields, form);
      assert.equal(response.statusCode, 303, `${path}: ${response.statusCode}`);
    };
    await act('/first-contact', {
      'contactedAt-day': '24',
      'contactedAt-month': '11',
      'contactedAt-year': '2026',
      contactedTime: '09:00',
      method: 'telephone',
      contactedBy: String(coordinator.id),
      notes: FIRST_CONTACT_NOTE,
    });
    await act('/coordinator', { coordinator: String(coordinator.id) });
    t.clock.set('2026-11-24T10:00:00Z');
    await act('/status', { to: 'matching', note: '' });
    await act('/notes', { note: INTERNAL_NOTE });
    await act('/status', { to: 'withdrawn', note: '' });
    await act('/status', { to: 'matching', note: REOPEN_REASON });
    contact = await sessionCookiesFor(
      t,
      await person(t, {
        signedIn: false,
        roles: ['school-contact'],
        schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
        name: 'Priya Shah',
      }),
    );
  });
  after(() => t.close());

  test('the list shows their school’s enquiries only, with each status and when it last changed', async () => {
    const page = await t.app.inject({ url: '/staff/your-school/enquiries', cookies: contact });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<span class="govuk-caption-l">Banks Road Primary School<\/span>/);
    assert.match(page.body, new RegExp(`href="/staff/your-school/enquiries/${ours.reference}">${ours.reference}</a>`));
    assert.match(page.body, /Finding a leader/);
    assert.match(page.body, /24 Nov 2026/);
    assert.ok(!page.body.includes(theirs.reference), 'another school’s enquiry is not listed');
  });

  test('an enquiry’s page shows its status changes and their dates, and never notes, reasons or the audit trail', async () => {
    const page = await t.app.inject({ url: `/staff/your-school/enquiries/${ours.reference}`, cookies: contact });
    assert.equal(page.statusCode, 200);
    const history = tableRows(page.body, 'table').filter((cells) => cells.length === 2);
    assert.deepEqual(history, [
      ['24 November 2026 at 10am', 'Finding a leader'],
      ['24 November 2026 at 10am', 'Withdrawn'],
      ['24 November 2026 at 10am', 'Finding a leader'],
      ['24 November 2026 at 9:30am', 'We have been in touch'],
      ['23 November 2026 at 10am', 'Received'],
    ]);
    assert.match(page.body, /Bethan Morgan/, 'the coordinator’s name');
    assert.match(page.body, /24 November 2026 at 9am/, 'when the alliance was first in touch');
    assert.match(page.body, /Our Year 6 maths results fell this summer/);
    for (const secret of [
      INTERNAL_NOTE,
      FIRST_CONTACT_NOTE,
      REOPEN_REASON,
      'Internal',
      'id="history"',
      'app-audit-trail',
      'Internal notes',
      'telephone',
    ]) {
      assert.ok(!page.body.includes(secret), `the school’s page does not show ${secret}`);
    }
  });

  test('another school’s enquiry, one that does not exist, and a contact with no school are all not found', async () => {
    for (const reference of [theirs.reference, 'S2S-0000-00', 'nonsense']) {
      const page = await t.app.inject({ url: `/staff/your-school/enquiries/${reference}`, cookies: contact });
      assert.equal(page.statusCode, 404, reference);
      assert.ok(!page.body.includes('Matthew Arnold'), 'nothing of the other school shows');
    }
    const elsewhere = await sessionCookiesFor(
      t,
      await person(t, { signedIn: false, roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn }),
    );
    assert.equal(
      (await t.app.inject({ url: `/staff/your-school/enquiries/${ours.reference}`, cookies: elsewhere })).statusCode,
      404,
    );
    const list = await t.app.inject({ url: '/staff/your-school/enquiries', cookies: elsewhere });
    assert.match(list.body, /Your school has not asked for support yet/);

    const noSchool = await sessionCookiesFor(t, await person(t, { signedIn: false, roles: ['school-contact'] }));
    assert.match(
      (await t.app.inject({ url: '/staff/your-school/enquiries', cookies: noSchool })).body,
      /Your account is not linked to a school/,
    );
    assert.equal(
      (await t.app.inject({ url: `/staff/your-school/enquiries/${ours.reference}`, cookies: noSchool })).statusCode,
      404,
    );
  });

  test('school contacts cannot open the staff desk, and their home page links to their enquiries', async () => {
    for (const url of [
      '/staff/enquiries',
      `/staff/enquiries/${ours.reference}`,
      `/staff/enquiries/${ours.reference}/status`,
    ]) {
      assert.equal((await t.app.inject({ url, cookies: contact })).statusCode, 403, url);
    }
    const home = await t.app.inject({ url: '/staff', cookies: contact });
    assert.match(home.body, /href="\/staff\/your-school\/enquiries">See your school’s enquiries<\/a>/);
    assert.doesNotMatch(home.body, /app-counts/, 'no desk figures for a school');
  });
});
