import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { EXAMPLE_ENQUIRIES } from '../../seed/examples.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { addClosureDate } from '../../platform/alliance/alliance.repository.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { enquiries } from './enquiries.tables.ts';

const example = EXAMPLE_ENQUIRIES.banksRoadMaths;

describe('POST /api/enquiries', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } })));
  after(() => t.close());

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      headers: { 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  test('stores the enquiry and answers 201 with the reference and the respond-by date', async () => {
    const response = await post(example);
    assert.equal(response.statusCode, 201);
    const body = response.json();
    assert.match(body.reference, /^S2S-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    assert.equal(body.respondBy, '2026-11-25');
    assert.deepEqual(Object.keys(body).sort(), ['reference', 'respondBy']);

    const [stored] = await t.database.db.select().from(enquiries).where(eq(enquiries.reference, body.reference));
    assert.equal(stored?.channel, 'api');
    assert.equal(stored?.need, example.need);
    const mail = await t.database.db.select().from(outboxMessages);
    assert.equal(mail.filter((message) => message.subject.includes(body.reference)).length, 2);
  });

  test('accepts an LLE request with no specialisms and specialism names in any case', async () => {
    assert.equal((await post(EXAMPLE_ENQUIRIES.matthewArnoldNewHead)).statusCode, 201);
    assert.equal((await post({ ...example, specialisms: ['maths', 'LANGUAGE AND COMMUNICATION'] })).statusCode, 201);
  });

  test('the respond-by date follows the clock: after the cut-off on a Friday it counts from Monday', async () => {
    t.clock.set('2026-11-27T17:30:00Z');
    const response = await post(example);
    assert.equal(response.json().respondBy, '2026-12-02');
    t.clock.set('2026-11-23T10:00:00Z');
  });

  test('the respond-by date skips the alliance’s closure dates and follows its settings', async () => {
    const [alliance] = await t.database.db.select().from(alliances);
    await addClosureDate(t.database.db, alliance!.id, {
      date: '2026-12-21',
      lastDate: '2026-12-22',
      description: 'Christmas closure',
    });
    await t.database.db.update(alliances).set({ responseWorkingDays: 3 }).where(eq(alliances.id, alliance!.id));
    t.app.services.alliances.forget();
    t.clock.set('2026-12-18T09:00:00Z');
    // Friday 18 is day 0; 21 and 22 are closed; then Wednesday 23 and Thursday 24 count; Christmas
    // Day and the Boxing Day substitute (Monday 28) do not; the third working day is Tuesday 29.
    assert.equal((await post(example)).json().respondBy, '2026-12-29');
    await t.database.db.update(alliances).set({ responseWorkingDays: 2 }).where(eq(alliances.id, alliance!.id));
    t.app.services.alliances.forget();
    t.clock.set('2026-11-23T10:00:00Z');
  });

  test('names every invalid field with a message that says how to fix it', async () => {
    const response = await post({
      schoolUrn: 'Palmerston',
      contactEmail: 'nope',
      supportType: 'nle',
      specialisms: 'Maths',
      timescale: 'soon',
    });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(response.json().errors, [
      { field: 'schoolUrn', message: 'Enter the school’s URN, a number of 5 to 7 digits' },
      { field: 'contactName', message: 'Enter your full name' },
      { field: 'contactRole', message: 'Enter your role, for example Headteacher' },
      { field: 'contactEmail', message: 'Enter an email address in the correct format, like name@example.com' },
      { field: 'contactPhone', message: 'Enter a telephone number' },
      { field: 'supportType', message: 'supportType must be one of: sle, lle, unsure' },
      { field: 'specialisms', message: 'Specialisms must be a list of names' },
      { field: 'need', message: 'Describe what your school needs support with' },
      {
        field: 'timescale',
        message: 'timescale must be one of: as-soon-as-possible, this-term, next-term, this-academic-year, not-sure',
      },
    ]);
  });

  test('refuses unknown fields, unknown schools, closed schools and unknown specialisms', async () => {
    assert.deepEqual((await post({ ...example, favouriteColour: 'blue' })).json().errors, [
      { field: 'favouriteColour', message: 'favouriteColour is not a field this service accepts' },
    ]);
    assert.deepEqual((await post({ ...example, schoolUrn: 999999 })).json().errors, [
      { field: 'schoolUrn', message: 'No school in England has the URN 999999. Check the URN and try again' },
    ]);
    assert.deepEqual((await post({ ...example, specialisms: ['Maths', 'Juggling'] })).json().errors, [
      { field: 'specialisms', message: '‘Juggling’ is not a specialism we offer. Choose from the list' },
    ]);
    assert.deepEqual((await post({ ...example, supportType: 'sle', specialisms: [] })).json().errors, [
      { field: 'specialisms', message: 'Select at least one specialism for support from an SLE' },
    ]);
  });

  test('enforces a size limit on every field', async () => {
    const tooLong = await post({
      ...example,
      contactName: 'n'.repeat(121),
      contactRole: 'r'.repeat(121),
      need: 'x'.repeat(5001),
      specialisms: Array(31).fill('Maths'),
    });
    assert.equal(tooLong.statusCode, 400);
    assert.deepEqual(
      tooLong.json().errors.map((error: { field: string }) => error.field),
      ['contactName', 'contactRole', 'specialisms', 'need'],
    );
  });

  test('malformed or oversized bodies get a clear 400-range answer, never a 500', async () => {
    const broken = await post('{"schoolUrn": 104748,');
    assert.equal(broken.statusCode, 400);
    assert.deepEqual(broken.json(), { errors: [{ field: 'body', message: 'The body is not valid JSON' }] });

    const array = await post([example]);
    assert.equal(array.statusCode, 400);
    assert.deepEqual(array.json(), { errors: [{ field: 'body', message: 'Send the enquiry as a JSON object' }] });

    const nothing = await post('null');
    assert.equal(nothing.statusCode, 400);

    const huge = await post({ ...example, need: 'x'.repeat(70_000) });
    assert.equal(huge.statusCode, 413);
    assert.deepEqual(huge.json(), { errors: [{ field: 'body', message: 'The request body is too large' }] });

    const text = await t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    assert.equal(text.statusCode, 415);
    assert.deepEqual(text.json(), { errors: [{ field: 'body', message: 'Send the body as application/json' }] });

    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      headers: { 'content-type': 'application/xml' },
      payload: '<enquiry/>',
    });
    assert.equal(xml.statusCode, 415);
    assert.deepEqual(xml.json(), { errors: [{ field: 'body', message: 'Send the body as application/json' }] });
  });

  test('unknown API paths answer 404 in JSON', async () => {
    const response = await t.app.inject({ url: '/api/nothing-here' });
    assert.equal(response.statusCode, 404);
    assert.deepEqual(response.json(), { errors: [{ field: 'url', message: 'There is no such resource' }] });
  });
});

describe('POST /api/enquiries rate limit', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1' } })));
  after(() => t.close());

  test('answers 429 in JSON once an address has sent its hourly allowance', async () => {
    const post = () => t.app.inject({ method: 'POST', url: '/api/enquiries', payload: example });
    assert.equal((await post()).statusCode, 201);
    const limited = await post();
    assert.equal(limited.statusCode, 429);
    assert.deepEqual(limited.json(), { errors: [{ field: 'body', message: 'Too many requests: wait and try again' }] });
    assert.ok(limited.headers['retry-after'], 'says when to try again');
  });
});
