import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { EXAMPLE_ENQUIRIES, EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { buildTestApp, cookiesFrom, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import { enquiries, enquirySpecialisms } from './enquiries.tables.ts';
import { errorSummary, formFields } from '../../../test/support/html.ts';

const example = EXAMPLE_ENQUIRIES.banksRoadMaths;

/** The example as a person fills in the form: the school typed by name. */
function filledIn(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    school: 'Banks Road Primary',
    contactName: example.contactName,
    contactRole: example.contactRole,
    contactEmail: example.contactEmail,
    contactPhone: example.contactPhone,
    supportType: example.supportType,
    specialisms: example.specialisms,
    need: example.need,
    timescale: example.timescale,
    heardFrom: example.heardFrom,
    ...overrides,
  };
}

describe('the request-support form', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } })));
  after(() => t.close());

  test('shows every question, with the alliance’s specialisms and response target', async () => {
    const { page } = await openForm(t.app, '/request-support');
    assert.equal(page.statusCode, 200);
    for (const name of [
      'school',
      'contactName',
      'contactRole',
      'contactEmail',
      'contactPhone',
      'supportType',
      'specialisms',
      'need',
      'timescale',
      'heardFrom',
    ]) {
      assert.match(page.body, new RegExp(`name="${name}"`), `the form asks for ${name}`);
    }
    for (const specialism of ['Assessment', 'SEN', 'Literacy', 'Maths', 'Early Years', 'Language and Communication']) {
      assert.match(page.body, new RegExp(`value="${specialism}"`));
    }
    assert.match(page.body, /We will reply within\s+2 working days/);
  });

  test('stores a valid request and confirms it with a reference and the respond-by date', async () => {
    const session = await openForm(t.app, '/request-support');
    const response = await submitForm(t.app, '/request-support', filledIn(), session);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/request-support/sent');

    const confirmation = await t.app.inject({
      url: '/request-support/sent',
      cookies: { ...session.cookies, ...cookiesFrom(response) },
    });
    assert.equal(confirmation.statusCode, 200);
    const reference = /(S2S-[0-9A-Z]{4}-[0-9A-Z]{2})/.exec(confirmation.body)?.[1];
    assert.ok(reference, 'the confirmation shows a reference');
    // Received at 10:00 on Monday 23 November 2026: 2 working days is Wednesday 25.
    assert.match(confirmation.body, /by the end of <strong>Wednesday 25 November 2026<\/strong>/);
    assert.match(confirmation.body, /p\.shah@banks-road\.example/);

    const [stored] = await t.database.db.select().from(enquiries).where(eq(enquiries.reference, reference));
    assert.ok(stored);
    assert.equal(stored.schoolUrn, EXAMPLE_SCHOOLS.bankRoad.urn);
    assert.equal(stored.contactName, 'Priya Shah');
    assert.equal(stored.supportType, 'sle');
    assert.equal(stored.channel, 'form');
    assert.equal(stored.respondBy, '2026-11-25');
    assert.equal(stored.status, 'new');
    const linked = await t.database.db
      .select()
      .from(enquirySpecialisms)
      .where(eq(enquirySpecialisms.enquiryId, stored.id));
    assert.equal(linked.length, 2);

    const mail = await t.database.db.select().from(outboxMessages).orderBy(outboxMessages.id);
    const forThisEnquiry = mail.filter((message) => message.subject.includes(reference));
    assert.deepEqual(
      forThisEnquiry.map((message) => [message.kind, message.recipient, message.status]),
      [
        ['enquiry-acknowledgement', 'p.shah@banks-road.example', 'pending'],
        ['enquiry-notification', 'support@south-liverpool-schools.example', 'pending'],
      ],
    );
    assert.match(forThisEnquiry[0]!.body, /We will be in touch by the end of Wednesday 25 November 2026/);
  });

  test('the same form sent twice (Back, then Send again) makes one enquiry and shows its confirmation again', async () => {
    const session = await openForm(t.app, '/request-support');
    const token = formFields(session.page.body).submissionToken as string;
    assert.match(token, /^[0-9a-f]{32}$/, 'the form carries a one-time token');
    const send = (fields: Record<string, string | string[]>) => submitForm(t.app, '/request-support', fields, session);
    const confirmationOf = async (response: Awaited<ReturnType<typeof send>>) => {
      assert.equal(response.statusCode, 303);
      const page = await t.app.inject({
        url: '/request-support/sent',
        cookies: { ...session.cookies, ...cookiesFrom(response) },
      });
      return /(S2S-[0-9A-Z]{4}-[0-9A-Z]{2})/.exec(page.body)?.[1];
    };

    // A mistake first: the form comes back with the same token, so the corrected one is still this form.
    const mistaken = await send(filledIn({ contactEmail: 'not an address', submissionToken: token }));
    assert.equal(mistaken.statusCode, 400);
    assert.equal(formFields(mistaken.body).submissionToken, token);

    const countOf = async () => ({
      enquiries: (await t.database.db.select().from(enquiries)).length,
      mail: (await t.database.db.select().from(outboxMessages)).length,
    });
    const before = await countOf();
    const first = await confirmationOf(await send(filledIn({ submissionToken: token })));
    assert.ok(first);
    const afterFirst = await countOf();
    assert.deepEqual(afterFirst, { enquiries: before.enquiries + 1, mail: before.mail + 2 });

    const again = await confirmationOf(await send(filledIn({ submissionToken: token })));
    assert.equal(again, first, 'the second sending shows the first enquiry’s reference');
    assert.deepEqual(await countOf(), afterFirst, 'no second enquiry, and no second emails');

    // A new form is a new request, even with the same answers.
    const another = await openForm(t.app, '/request-support');
    const anotherToken = formFields(another.page.body).submissionToken as string;
    assert.notEqual(anotherToken, token);
    const second = await submitForm(t.app, '/request-support', filledIn({ submissionToken: anotherToken }), another);
    assert.equal(second.statusCode, 303);
    assert.equal((await countOf()).enquiries, afterFirst.enquiries + 1);
  });

  test('the confirmation page cannot be reached without having sent a request', async () => {
    const response = await t.app.inject({ url: '/request-support/sent' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/request-support');
    const forged = await t.app.inject({ url: '/request-support/sent', cookies: { 'enquiry-sent': 'S2S-AAAA-AA' } });
    assert.equal(forged.statusCode, 303);
  });

  test('an empty form gets every error, linked to its field, with status 400', async () => {
    const session = await openForm(t.app, '/request-support');
    const response = await submitForm(t.app, '/request-support', {}, session);
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /<title>Error: Request support/);
    assert.deepEqual(errorSummary(response.body), [
      { href: '#school', text: 'Enter your school’s name or URN' },
      { href: '#contactName', text: 'Enter your full name' },
      { href: '#contactRole', text: 'Enter your role, for example Headteacher' },
      { href: '#contactEmail', text: 'Enter an email address' },
      { href: '#contactPhone', text: 'Enter a telephone number' },
      { href: '#supportType', text: 'Select the kind of support your school needs' },
      { href: '#need', text: 'Describe what your school needs support with' },
      { href: '#timescale', text: 'Select when you would like the support to start' },
    ]);
    for (const id of [
      'school',
      'contactName',
      'contactRole',
      'contactEmail',
      'contactPhone',
      'supportType',
      'need',
      'timescale',
    ]) {
      assert.match(response.body, new RegExp(`id="${id}"`), `#${id} exists for the summary to link to`);
    }
  });

  test('bad answers are explained and everything typed is kept', async () => {
    const session = await openForm(t.app, '/request-support');
    const response = await submitForm(
      t.app,
      '/request-support',
      filledIn({
        contactEmail: 'priya at banks road',
        contactPhone: '0151 42',
        specialisms: [],
        need: 'x'.repeat(5001),
      }),
      session,
    );
    assert.equal(response.statusCode, 400);
    assert.deepEqual(
      errorSummary(response.body).map((link) => link.href),
      ['#contactEmail', '#contactPhone', '#specialisms', '#need'],
    );
    assert.match(response.body, /Enter an email address in the correct format, like name@example.com/);
    assert.match(response.body, /Select at least one specialism for support from an SLE/);
    assert.match(response.body, /What your school needs must be 5000 characters or fewer/);
    // The input is kept: the school as resolved, the text fields as typed, the choices still chosen.
    assert.match(response.body, /value="Banks Road Primary School, Liverpool L19 8JZ \(URN 104516\)"/);
    assert.match(response.body, /value="priya at banks road"/);
    assert.match(response.body, /value="0151 42"/);
    assert.match(response.body, /value="Priya Shah"/);
    assert.match(response.body, /value="sle" checked/);
    assert.match(response.body, /value="this-term" checked/);
    assert.match(response.body, new RegExp(`>${'x'.repeat(5001)}</textarea>`));
    assert.equal(
      (await t.database.db.select().from(enquiries).where(eq(enquiries.contactEmail, 'priya at banks road'))).length,
      0,
    );
  });

  test('a school name that matches several schools offers them as a choice, and the choice is accepted', async () => {
    const session = await openForm(t.app, '/request-support');
    const ambiguous = await submitForm(t.app, '/request-support', filledIn({ school: 'Booker Avenue' }), session);
    assert.equal(ambiguous.statusCode, 400);
    assert.deepEqual(errorSummary(ambiguous.body), [
      {
        href: '#schoolUrn',
        text: 'More than one school matches ‘Booker Avenue’. Choose your school from the list, or enter its URN',
      },
    ]);
    assert.match(ambiguous.body, /Booker Avenue Infant School/);
    assert.match(ambiguous.body, /Booker Avenue Junior School/);
    assert.match(ambiguous.body, /name="schoolUrn" type="radio" value="104593"/);

    const chosen = await submitForm(
      t.app,
      '/request-support',
      filledIn({ school: 'Booker Avenue', schoolUrn: '104593' }),
      session,
    );
    assert.equal(chosen.statusCode, 303);
    const [stored] = await t.database.db.select().from(enquiries).where(eq(enquiries.schoolUrn, 104593));
    assert.ok(stored, 'the enquiry is for the school chosen');
  });

  test('a school can be given by URN; an unknown or closed one is refused clearly', async () => {
    const session = await openForm(t.app, '/request-support');
    const byUrn = await submitForm(t.app, '/request-support', filledIn({ school: '104748' }), session);
    assert.equal(byUrn.statusCode, 303);

    const unknown = await submitForm(
      t.app,
      '/request-support',
      filledIn({ school: 'Hogwarts School of Witchcraft' }),
      session,
    );
    assert.equal(unknown.statusCode, 400);
    assert.match(
      unknown.body,
      /No open school matches ‘Hogwarts School of Witchcraft’. Check the spelling, or enter your school’s 6-digit URN/,
    );

    await t.database.db.update(schools).set({ status: 'closed' }).where(eq(schools.urn, 104549));
    const closed = await submitForm(t.app, '/request-support', filledIn({ school: '104549' }), session);
    assert.equal(closed.statusCode, 400);
    assert.match(closed.body, /Hunts Cross Primary School, Liverpool L25 0PJ \(URN 104549\) is closed/);
  });

  test('a submission without a valid CSRF token is refused, and the form comes back with the answers', async () => {
    const session = await openForm(t.app, '/request-support');
    const count = (await t.database.db.select().from(enquiries)).length;
    const response = await submitForm(t.app, '/request-support', filledIn({ contactName: 'Kept Name' }), {
      ...session,
      csrfToken: 'forged',
    });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /This form had expired, so your request was not sent/);
    assert.match(response.body, /value="Kept Name"/);
    assert.equal((await t.database.db.select().from(enquiries)).length, count);

    const noCookie = await submitForm(t.app, '/request-support', filledIn(), {
      csrfToken: session.csrfToken,
      cookies: {},
    });
    assert.equal(noCookie.statusCode, 403);
  });

  test('a filled-in honeypot is thanked but not stored', async () => {
    const session = await openForm(t.app, '/request-support');
    const count = (await t.database.db.select().from(enquiries)).length;
    const response = await submitForm(
      t.app,
      '/request-support',
      filledIn({ referrerCode: 'http://spam.example' }),
      session,
    );
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Request sent/);
    assert.doesNotMatch(response.body, /S2S-/);
    assert.equal((await t.database.db.select().from(enquiries)).length, count);
  });

  test('pre-selects the specialisms named in the link (from a leader’s profile)', async () => {
    const page = await t.app.inject({ url: '/request-support?specialism=Maths' });
    assert.match(page.body, /value="Maths" checked/);
    assert.match(page.body, /value="sle" checked/);
  });
});

describe('the request-support form under a rate limit', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '2' } })));
  after(() => t.close());

  test('past the limit for one address, the form comes back with the answers and status 429', async () => {
    const session = await openForm(t.app, '/request-support');
    assert.equal((await submitForm(t.app, '/request-support', filledIn(), session)).statusCode, 303);
    assert.equal((await submitForm(t.app, '/request-support', filledIn(), session)).statusCode, 303);
    const limited = await submitForm(t.app, '/request-support', filledIn({ contactName: 'Third Try' }), session);
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /Too many requests have come from your network/);
    assert.match(limited.body, /value="Third Try"/);
    const other = await submitForm(t.app, '/request-support', filledIn(), session, {
      'x-forwarded-for': '203.0.113.9',
    });
    assert.equal(other.statusCode, 429, 'X-Forwarded-For is not trusted unless TRUST_PROXY is set');
  });
});
