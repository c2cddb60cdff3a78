import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { buildTestApp, cookiesFrom, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_ENQUIRIES } from '../../seed/examples.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { closureDates } from '../../platform/alliance/alliance.tables.ts';
import { errorSummary } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';

const CURRENT = {
  name: 'South Liverpool Schools Together',
  addressLines: 'c/o Palmerston School\nMinehead Road\nLiverpool\nL17 6AU',
  telephone: '0151 428 2128',
  email: 'support@south-liverpool-schools.example',
  website: 'https://south-liverpool-schools.example',
  responseWorkingDays: '2',
  cutOffTime: '17:00',
  typicalSleDaysPerYear: '15',
  minimumDeploymentDays: '1',
  quietWeeks: '4',
  escalateAfterWorkingDays: '2',
};

describe('the alliance settings page', () => {
  let t: TestApp;
  let admin: Person;
  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } });
    admin = await person(t, { roles: ['administrator'] });
  });
  after(() => t.close());

  const settingsEvents = () =>
    t.database.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'alliance')).orderBy(auditEvents.id);

  test('shows the current settings, with the minimum deployment in days', async () => {
    const { page } = await openForm(t.app, '/staff/settings', admin.cookies);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="minimumDeploymentDays" type="text" value="1"/);
    assert.match(page.body, />c\/o Palmerston School\nMinehead Road\nLiverpool\nL17 6AU<\/textarea>/);
  });

  test('every field’s problem is explained, with status 400 and what was typed kept', async () => {
    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    const typed = {
      name: '',
      addressLines: ' \n ',
      telephone: '0151',
      email: 'support at alliance',
      website: 'alliance.example',
      responseWorkingDays: 'two',
      cutOffTime: '5pm',
      typicalSleDaysPerYear: '500',
      minimumDeploymentDays: '1.25',
      quietWeeks: '0',
    };
    const response = await submitForm(t.app, '/staff/settings', typed, form);
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorSummary(response.body), [
      { href: '#name', text: 'Enter the alliance’s name' },
      { href: '#addressLines', text: 'Enter the alliance’s postal address' },
      { href: '#telephone', text: 'Enter a telephone number, like 0151 428 2128' },
      { href: '#email', text: 'Enter an email address in the correct format, like name@example.com' },
      { href: '#website', text: 'Enter a website address starting with https://, like https://www.example.org' },
      { href: '#responseWorkingDays', text: 'The response target in working days must be a whole number, like 2' },
      { href: '#cutOffTime', text: 'Enter the cut-off time as hours and minutes on the 24-hour clock, like 17:00' },
      { href: '#typicalSleDaysPerYear', text: 'The typical SLE days a year must be between 0 and 200' },
      { href: '#minimumDeploymentDays', text: 'Enter the minimum deployment in whole or half days, like 1 or 1.5' },
      { href: '#quietWeeks', text: 'The weeks without activity must be between 1 and 52' },
      { href: '#escalateAfterWorkingDays', text: 'Enter the working days overdue before the alliance lead is told' },
    ]);
    for (const value of ['0151', 'support at alliance', 'alliance.example', 'two', '5pm', '500', '1.25'])
      assert.match(response.body, new RegExp(`value="${value}"`));
    assert.equal((await settingsEvents()).length, 0, 'nothing was saved or audited');
  });

  test('the websites that may send enquiries are checked as origins, bounded, and used by the API at once', async () => {
    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    for (const [typed, message] of [
      ['https://www.school.example/enquire', '‘https://www.school.example/enquire’ is not one'],
      ['https://www.school.example/', '‘https://www.school.example/’ is not one'],
      ['ftp://files.school.example', '‘ftp://files.school.example’ is not one'],
      ['www.school.example', '‘www.school.example’ is not one'],
      [Array.from({ length: 21 }, (_, n) => `https://site${n}.example`).join('\n'), 'Enter at most 20 websites'],
    ] as const) {
      const response = await submitForm(t.app, '/staff/settings', { ...CURRENT, apiAllowedOrigins: typed }, form);
      assert.equal(response.statusCode, 400, typed);
      const [problem] = errorSummary(response.body);
      assert.equal(problem?.href, '#apiAllowedOrigins');
      assert.ok(problem?.text.includes(message), problem?.text);
      assert.ok(response.body.includes(typed.split('\n')[0]!), 'what was typed is kept');
    }
    const saved = await submitForm(
      t.app,
      '/staff/settings',
      {
        ...CURRENT,
        apiAllowedOrigins: 'https://www.school.example\r\n\r\nhttp://localhost:8080\nhttps://www.school.example',
      },
      form,
    );
    assert.equal(saved.statusCode, 303);
    const page = await t.app.inject({ url: '/staff/settings', cookies: admin.cookies });
    assert.match(
      page.body,
      />https:\/\/www.school.example\nhttp:\/\/localhost:8080<\/textarea>/,
      'once each, in order',
    );
    assert.match(
      page.body,
      /Websites that may send enquiries: from ‘None’ to ‘https:\/\/www.school.example, http:\/\/localhost:8080’/,
    );
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/enquiries',
      headers: { origin: 'http://localhost:8080', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.headers['access-control-allow-origin'], 'http://localhost:8080');

    const cleared = await submitForm(t.app, '/staff/settings', { ...CURRENT, apiAllowedOrigins: '' }, form);
    assert.equal(cleared.statusCode, 303);
    // The next test reads the settings' first events as its own.
    await t.database.db.delete(auditEvents);
  });

  test('a change is saved, audited field by field, and seen at once by the public pages and the deadline', async () => {
    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    const response = await submitForm(
      t.app,
      '/staff/settings',
      { ...CURRENT, telephone: '0151 000 1111', responseWorkingDays: '3', minimumDeploymentDays: '1.5' },
      form,
    );
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/staff/settings');
    assert.match((await t.app.inject({ url: '/contact' })).body, /0151 000 1111/, 'the cached settings were refreshed');

    const [event] = await settingsEvents();
    assert.equal(event?.action, 'settings-changed');
    assert.equal(event?.actorUserId, admin.user.id);
    assert.deepEqual(event?.before, {
      telephone: '0151 428 2128',
      responseWorkingDays: 2,
      minimumDeploymentHalfDays: 2,
    });
    assert.deepEqual(event?.after, {
      telephone: '0151 000 1111',
      responseWorkingDays: 3,
      minimumDeploymentHalfDays: 3,
    });

    const page = await t.app.inject({
      url: '/staff/settings',
      cookies: { ...admin.cookies, ...cookiesFrom(response) },
    });
    assert.match(page.body, /Settings saved/);
    assert.match(page.body, /Response target \(working days\): from ‘2’ to ‘3’/);
    assert.match(page.body, /name="minimumDeploymentDays" type="text" value="1.5"/);

    const enquiry = await t.app.services.enquiries.submit(
      { ...EXAMPLE_ENQUIRIES.matthewArnoldNewHead, leaderId: null },
      'api',
    );
    assert.ok(enquiry.ok);
    assert.equal(enquiry.enquiry.respondBy, '2026-11-26', '3 working days from Monday 23 November');
  });

  test('closure dates are added and removed, audited, and count against the deadline', async () => {
    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    const added = await submitForm(
      t.app,
      '/staff/settings/closure-dates',
      { 'closureDate-day': '24', 'closureDate-month': '11', 'closureDate-year': '2026', description: 'INSET day' },
      form,
    );
    assert.equal(added.statusCode, 303);
    const enquiry = await t.app.services.enquiries.submit(
      { ...EXAMPLE_ENQUIRIES.matthewArnoldNewHead, leaderId: null },
      'api',
    );
    assert.ok(enquiry.ok);
    assert.equal(enquiry.enquiry.respondBy, '2026-11-27', 'the closure day is not a working day');

    const page = await openForm(t.app, '/staff/settings', admin.cookies);
    assert.match(page.page.body, /Tuesday 24 November 2026<\/th>\s*<td class="govuk-table__cell">INSET day/);
    assert.equal(
      (await submitForm(t.app, '/staff/settings/closure-dates/2026-11-24/remove', {}, page)).statusCode,
      303,
    );
    assert.equal((await t.database.db.select().from(closureDates)).length, 0);
    assert.equal(
      (await submitForm(t.app, '/staff/settings/closure-dates/2026-11-24/remove', {}, page)).statusCode,
      404,
      'already gone',
    );

    const events = (await settingsEvents()).filter((event) => event.action.startsWith('closure'));
    assert.deepEqual(
      events.map((event) => [event.action, event.before, event.after]),
      [
        ['closure-date-added', null, { closureDate: 'Tuesday 24 November 2026: INSET day' }],
        ['closure-date-removed', { closureDate: 'Tuesday 24 November 2026: INSET day' }, null],
      ],
    );
  });

  test('a closure date with problems is explained, with the date kept', async () => {
    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    const cases: Array<[Record<string, string>, Array<{ href: string; text: string }>]> = [
      [
        {},
        [
          { href: '#closureDate-day', text: 'Enter the date the alliance is closed' },
          { href: '#description', text: 'Enter why the alliance is closed, for example INSET day' },
        ],
      ],
      [
        { 'closureDate-day': '24', 'closureDate-year': '2026', description: 'INSET' },
        [{ href: '#closureDate-day', text: 'The date must include a month' }],
      ],
      [
        { 'closureDate-day': '31', 'closureDate-month': '2', 'closureDate-year': '2027', description: 'INSET' },
        [{ href: '#closureDate-day', text: 'The date must be a real date, like 24 12 2026' }],
      ],
    ];
    for (const [fields, expected] of cases) {
      const response = await submitForm(t.app, '/staff/settings/closure-dates', fields, form);
      assert.equal(response.statusCode, 400);
      assert.deepEqual(errorSummary(response.body), expected);
    }
    const kept = await submitForm(
      t.app,
      '/staff/settings/closure-dates',
      { 'closureDate-day': '31', 'closureDate-month': '2', 'closureDate-year': '2027', description: 'Kept reason' },
      form,
    );
    assert.match(kept.body, /name="closureDate-day" type="text" value="31"/);
    assert.match(kept.body, /value="Kept reason"/);
  });
});
