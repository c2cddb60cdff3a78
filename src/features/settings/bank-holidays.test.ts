import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { buildTestApp, cookiesFrom, openForm, type TestApp } from '../../../test/support/test-app.ts';
import { receiveEnquiry } from '../../../test/support/enquiries.ts';
import { errorSummary } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { submitUpload } from '../../../test/support/uploads.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { bankHolidays } from '../../platform/calendar/bank-holidays.tables.ts';

const FIXTURE = fs.readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/bank-holidays-2029.json'));
const WARNING = /Bank holidays are known only until Tuesday 26 December 2028\./;
/** Friday 29 December 2028, before the cut-off: the count starts that day; Monday 1 January 2029 is a bank holiday. */
const LATE_2028 = '2028-12-29T10:00:00Z';
const NOTE = 'bank holidays after Tuesday 26 December 2028 are not known yet, so this date may not allow for one';

describe('bank holidays kept in the database and brought up to date from GOV.UK’s file', () => {
  let t: TestApp;
  let admin: Person;
  let coordinator: Person;
  before(async () => {
    t = await buildTestApp();
    admin = await person(t, { roles: ['administrator'] });
    coordinator = await person(t, { roles: ['coordinator'] });
  });
  after(() => t.close());

  async function signInAt(instant: string) {
    t.clock.set(instant);
    return {
      admin: await person(t, { roles: ['administrator'] }),
      coordinator: await person(t, { roles: ['coordinator'] }),
    };
  }
  const holidayCount = async () =>
    (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(bankHolidays))[0]!.n;
  const importEvents = () =>
    t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'bank-holidays-imported'));
  const page = (url: string, cookies: Record<string, string>) => t.app.inject({ method: 'GET', url, cookies });
  async function upload(content: string | Buffer, filename = 'bank-holidays.json') {
    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    const response = await submitUpload(
      t.app,
      '/staff/settings/bank-holidays',
      { field: 'bankHolidays', filename, content, contentType: 'application/json' },
      form,
    );
    return { response, cookies: form.cookies };
  }

  test('a test database starts with the shipped list, up to 26 December 2028', async () => {
    const last = await t.database.db
      .select()
      .from(bankHolidays)
      .orderBy(sql`date desc`)
      .limit(1);
    assert.deepEqual(last, [{ date: '2028-12-26', title: 'Boxing Day', division: 'england-and-wales' }]);
    const settings = await page('/staff/settings', admin.cookies);
    assert.match(settings.body, /Bank holidays are known until Tuesday 26 December 2028\./);
  });

  test('administrators are warned on the staff home and settings when fewer than 12 months remain', async () => {
    for (const url of ['/staff', '/staff/settings']) {
      const today = await page(url, admin.cookies);
      assert.equal(today.statusCode, 200);
      assert.doesNotMatch(today.body, WARNING, `${url} today`);
    }
    // Signed in again: the sessions of 2026 have long expired by then.
    const later = await signInAt('2028-06-01T09:00:00Z');
    for (const url of ['/staff', '/staff/settings']) {
      const laterPage = await page(url, later.admin.cookies);
      assert.match(laterPage.body, WARNING, url);
      assert.match(
        laterPage.body,
        /<a class="govuk-link" href="\/staff\/settings#bank-holidays">Upload the latest list from GOV.UK<\/a>/,
      );
    }
    assert.doesNotMatch((await page('/staff', later.coordinator.cookies)).body, WARNING, 'coordinators are not asked');
    ({ admin, coordinator } = await signInAt(LATE_2028));
  });

  test('a malformed file is refused with the error summary, and nothing changes', async () => {
    const before = await holidayCount();
    const cases: Array<[string, string]> = [
      ['{"england-and-wales": ', 'This file cannot be imported. The file is not JSON.'],
      ['{"scotland": {"division": "scotland", "events": []}}', 'no "england-and-wales" list'],
      [
        JSON.stringify({
          'england-and-wales': {
            events: [
              { title: 'New Year', date: '2029-01-01' },
              { title: 'Leap', date: '2029-02-29' },
            ],
          },
        }),
        'Event 2 of "england-and-wales" has a date that is not a real date written YYYY-MM-DD',
      ],
      [JSON.stringify({ 'england-and-wales': { events: [] } }), 'The "england-and-wales" list has no events'],
    ];
    for (const [content, message] of cases) {
      const { response } = await upload(content);
      assert.equal(response.statusCode, 400, content);
      const summary = errorSummary(response.body);
      assert.equal(summary.length, 1, content);
      assert.equal(summary[0]!.href, '#bankHolidays');
      assert.ok(summary[0]!.text.includes(message), `${summary[0]!.text} should say ${message}`);
      assert.match(response.body, /id="bankHolidays-error"/);
    }
    const none = await submitUpload(
      t.app,
      '/staff/settings/bank-holidays',
      undefined,
      await openForm(t.app, '/staff/settings', admin.cookies),
    );
    assert.equal(none.statusCode, 400);
    assert.deepEqual(errorSummary(none.body), [
      { text: 'Select GOV.UK’s bank-holidays.json file', href: '#bankHolidays' },
    ]);
    assert.equal(await holidayCount(), before);
    assert.deepEqual(await importEvents(), []);
  });

  test('only administrators may upload, with the form’s CSRF token', async () => {
    const asCoordinator = await submitUpload(
      t.app,
      '/staff/settings/bank-holidays',
      { field: 'bankHolidays', filename: 'b.json', content: FIXTURE },
      { cookies: coordinator.cookies },
    );
    assert.equal(asCoordinator.statusCode, 403);
    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    const noToken = await submitUpload(
      t.app,
      '/staff/settings/bank-holidays',
      { field: 'bankHolidays', filename: 'b.json', content: FIXTURE },
      { cookies: form.cookies },
    );
    assert.ok(noToken.statusCode >= 400 && noToken.statusCode < 500, String(noToken.statusCode));
    assert.deepEqual(await importEvents(), []);
  });

  test('a deadline beyond the known bank holidays says so; after the upload it moves round the new holiday', async () => {
    const early = await receiveEnquiry(t, LATE_2028);
    // Not knowing Monday 1 January 2029 is a bank holiday, the count takes it as a working day.
    assert.equal(early.respondBy, '2029-01-02');
    const enquiryPage = await page(`/staff/enquiries/${early.reference}`, admin.cookies);
    assert.equal(enquiryPage.statusCode, 200);
    assert.ok(enquiryPage.body.includes(NOTE), 'the reply-by date says bank holidays are not known');

    const { response, cookies } = await upload(FIXTURE);
    assert.equal(response.statusCode, 303, response.body.slice(0, 300));
    assert.equal(response.headers.location, '/staff/settings#bank-holidays');
    const settings = await page('/staff/settings', { ...cookies, ...cookiesFrom(response) });
    // The 2029 dates (not Christmas 2028, known already; not Scotland's or Northern Ireland's).
    assert.match(settings.body, /8 bank holidays added; bank holidays are known until Wednesday 26 December 2029/);
    assert.match(settings.body, /Bank holidays are known until Wednesday 26 December 2029\./);
    assert.equal(await holidayCount(), 91 + 8, 'the 91 shipped and the 8 new');
    const events = await importEvents();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.actorUserId, admin.id);

    const later = await receiveEnquiry(t, LATE_2028);
    assert.equal(later.respondBy, '2029-01-03', 'Monday 1 January is now a bank holiday');
    const laterPage = await page(`/staff/enquiries/${later.reference}`, admin.cookies);
    assert.ok(!laterPage.body.includes('are not known yet'), 'no note once the holidays are known');
    const mid2028 = await signInAt('2028-06-01T09:00:00Z');
    assert.doesNotMatch((await page('/staff', mid2028.admin.cookies)).body, /Bank holidays are known only until/);
  });
});
