import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { enquiries, enquiryNotes } from '../src/features/enquiries/enquiries.tables.ts';
import { auditEvents } from '../src/platform/audit/audit.tables.ts';
import { outboxMessages } from '../src/platform/outbox/outbox.tables.ts';
import { EXAMPLE_ENQUIRIES } from '../src/seed/examples.ts';
import { receiveEnquiry } from './support/enquiries.ts';
import { errorSummary, formFields } from './support/html.ts';
import { person, type Person } from './support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from './support/test-app.ts';

const example = EXAMPLE_ENQUIRIES.banksRoadMaths;

describe('control characters in what is sent are refused in one place, and nothing is written', () => {
  let t: TestApp;
  let coordinator: Person;
  let reference: string;
  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } });
    coordinator = await person(t, { roles: ['coordinator'] });
    reference = (await receiveEnquiry(t, t.clock.now().toISOString())).reference;
  });
  after(() => t.close());

  async function rowCounts(): Promise<number[]> {
    return Promise.all(
      [enquiries, enquiryNotes, auditEvents, outboxMessages].map(
        async (table) => (await t.database.db.select({ n: count() }).from(table))[0]!.n,
      ),
    );
  }

  test('the JSON API answers 400 naming the field, for NUL and for other controls, nested or not', async () => {
    const before = await rowCounts();
    for (const payload of [
      { ...example, contactName: 'A\u0000B' },
      { ...example, contactName: 'A\u0007B' },
      { ...example, specialisms: ['Maths', 'S\u009bEN'] },
    ]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/enquiries', payload });
      assert.equal(response.statusCode, 400, response.body);
      const field =
        'contactName' in payload && payload.contactName !== example.contactName ? 'contactName' : 'specialisms';
      assert.deepEqual(response.json().errors, [
        {
          field,
          message: `${field === 'contactName' ? 'Contact name' : 'Specialisms'} must not contain control characters`,
        },
      ]);
    }
    // Tabs and line breaks are what people type: still accepted.
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      payload: { ...example, need: 'Line one\r\nLine two\tindented' },
    });
    assert.equal(accepted.statusCode, 201, accepted.body);
    const afterwards = await rowCounts();
    assert.deepEqual(afterwards, [before[0]! + 1, before[1], afterwards[2], afterwards[3]]);
  });

  test('the request-support form is shown again with the field named and the answers kept', async () => {
    const before = await rowCounts();
    const session = await openForm(t.app, '/request-support');
    const response = await submitForm(
      t.app,
      '/request-support',
      {
        school: 'Banks Road Primary',
        contactName: 'Priya\u0000 Shah',
        contactRole: example.contactRole,
        contactEmail: example.contactEmail,
        contactPhone: example.contactPhone,
        supportType: example.supportType,
        specialisms: example.specialisms,
        need: example.need,
        timescale: example.timescale,
        heardFrom: example.heardFrom,
      },
      session,
    );
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorSummary(response.body), [
      { href: '#contactName', text: 'Contact name must not contain control characters' },
    ]);
    assert.equal(formFields(response.body).need, example.need);
    assert.deepEqual(await rowCounts(), before);
  });

  test('a staff note is refused on its form, and nothing is added', async () => {
    const before = await rowCounts();
    const url = `/staff/enquiries/${reference}`;
    const session = await openForm(t.app, url, coordinator.cookies);
    const response = await submitForm(t.app, `${url}/notes`, { note: 'Rang\u0000 the head' }, session);
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorSummary(response.body), [
      { href: '#note', text: 'Note must not contain control characters' },
    ]);
    assert.match(response.body, /Rang/);
    assert.deepEqual(await rowCounts(), before);
  });

  test('a query string or a URL parameter with NUL is a 400 page naming what was wrong', async () => {
    const search = await t.app.inject({ url: '/staff/leaders?q=A%00B', cookies: coordinator.cookies });
    assert.equal(search.statusCode, 400);
    assert.match(search.body, /Search must not contain control characters/);
    const matching = await t.app.inject({ url: '/staff/enquiries/1%00/matching', cookies: coordinator.cookies });
    assert.equal(matching.statusCode, 400);
    assert.match(matching.body, /Reference must not contain control characters/);
    const directory = await t.app.inject({ url: '/api/system-leaders?q=%7F' });
    assert.equal(directory.statusCode, 400);
    assert.equal(directory.json().errors[0].field, 'q');
  });
});
