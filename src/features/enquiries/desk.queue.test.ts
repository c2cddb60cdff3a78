import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { receiveEnquiry, type ReceivedEnquiry } from '../../../test/support/enquiries.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { CurrentUser } from '../../platform/access.ts';
import { EXAMPLE_ENQUIRIES, EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { assignCoordinator, moveEnquiry, recordFirstContact } from './enquiry-lifecycle.service.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';
import { person, sessionCookiesFor } from '../../../test/support/people.ts';
import { errorSummary, queueRows } from '../../../test/support/html.ts';

const RATE = { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' };
const asCurrentUser = (
  user: { id: number; email: string; name: string },
  roles: CurrentUser['roles'],
): CurrentUser => ({ ...user, jobTitle: 'Tester', roles, schoolUrn: null, leaderId: null, sessionId: 0 });

describe('the queue’s response clock, across weekends, bank holidays and closure dates', () => {
  let t: TestApp;
  let coordinator: { id: number };
  let cookies: Record<string, string>;
  before(async () => {
    t = await buildTestApp({ env: RATE });
    coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
  });
  after(() => t.close());

  async function clockTags(at: string): Promise<Record<string, string[]>> {
    t.clock.set(at);
    // Sessions end after an hour without a request: sign in again at the new time.
    cookies = await sessionCookiesFor(t, coordinator);
    const page = await t.app.inject({ url: '/staff/enquiries', cookies });
    assert.equal(page.statusCode, 200);
    return Object.fromEntries(queueRows(page.body).map((row) => [row.reference, row.tags]));
  }

  test('due today, overdue by so many working days, and due later, as the days pass', async () => {
    // Received on Monday, Tuesday and Wednesday before Christmas 2026, each before the 17:00 cut-off.
    const monday = await receiveEnquiry(t, '2026-12-21T10:00:00Z');
    const tuesday = await receiveEnquiry(t, '2026-12-22T10:00:00Z');
    const wednesday = await receiveEnquiry(t, '2026-12-23T10:00:00Z');
    // Christmas Day (Friday 25) and the Boxing Day substitute (Monday 28) are not working days.
    assert.deepEqual(
      [monday.respondBy, tuesday.respondBy, wednesday.respondBy],
      ['2026-12-23', '2026-12-24', '2026-12-29'],
    );

    const christmasEve = await clockTags('2026-12-24T09:00:00Z');
    assert.deepEqual(christmasEve[monday.reference], ['Overdue by 1 working day', 'New']);
    assert.deepEqual(christmasEve[tuesday.reference], ['Due today', 'New']);
    assert.deepEqual(christmasEve[wednesday.reference], ['Due in 1 working day', 'New']);

    // Saturday 26: Tuesday's enquiry is past its deadline, but no working day has been missed yet.
    const saturday = await clockTags('2026-12-26T12:00:00Z');
    assert.deepEqual(saturday[monday.reference], ['Overdue by 1 working day', 'New']);
    assert.deepEqual(saturday[tuesday.reference], ['Overdue', 'New']);
    assert.deepEqual(saturday[wednesday.reference], ['Due in 1 working day', 'New']);

    const afterChristmas = await clockTags('2026-12-29T09:00:00Z');
    assert.deepEqual(afterChristmas[monday.reference], ['Overdue by 2 working days', 'New']);
    assert.deepEqual(afterChristmas[tuesday.reference], ['Overdue by 1 working day', 'New']);
    assert.deepEqual(afterChristmas[wednesday.reference], ['Due today', 'New']);

    const home = await t.app.inject({ url: '/staff', cookies });
    assert.match(home.body, /<span class="app-counts__number">2<\/span> overdue/);
    assert.match(home.body, /<span class="app-counts__number">1<\/span> due today/);
    assert.match(home.body, /<span class="app-counts__number">0<\/span> due later/);
    assert.match(home.body, /href="\/staff\/enquiries\?response=overdue"/);

    // New Year's Day (Friday 1 January 2027) is a bank holiday too.
    const newYear = await clockTags('2027-01-02T12:00:00Z');
    assert.deepEqual(newYear[monday.reference], ['Overdue by 4 working days', 'New']);
    assert.deepEqual(newYear[tuesday.reference], ['Overdue by 3 working days', 'New']);
    assert.deepEqual(newYear[wednesday.reference], ['Overdue by 2 working days', 'New']);
  });

  test('a closure date the alliance adds is not counted as a working day late', async () => {
    const admin = await person(t, { signedIn: false, roles: ['administrator'] });
    t.clock.set('2027-01-04T09:00:00Z');
    await t.app.services.allianceSettings.addClosure(asCurrentUser(admin, ['administrator']), {
      date: '2027-01-04',
      lastDate: null,
      description: 'INSET day',
    });
    t.app.services.alliances.forget();
    const tags = await clockTags('2027-01-04T09:30:00Z');
    // As on Saturday 2 January: Monday 4 January is closed, so it adds nothing.
    assert.deepEqual(
      Object.values(tags)
        .map((row) => row[0])
        .sort(),
      ['Overdue by 2 working days', 'Overdue by 3 working days', 'Overdue by 4 working days'],
    );
  });
});

describe('the queue’s filters, sort and pages', () => {
  let t: TestApp;
  let me: { id: number; name: string; cookies: Record<string, string> };
  let colleague: { id: number; name: string };
  const e: Record<string, ReceivedEnquiry> = {};

  before(async () => {
    t = await buildTestApp({ env: RATE });
    const signedIn = await person(t, { roles: ['coordinator'] });
    me = { id: signedIn.user.id, name: signedIn.user.name, cookies: signedIn.cookies };
    colleague = await person(t, { signedIn: false, roles: ['coordinator'], name: 'Colin Colleague' });

    // Received over the week before Monday 23 November 2026 (the clock then stands there).
    e.overdueMaths = await receiveEnquiry(t, '2026-11-16T10:00:00Z');
    e.missedMaths = await receiveEnquiry(t, '2026-11-17T10:00:00Z', { specialisms: ['Maths'] });
    e.metSen = await receiveEnquiry(t, '2026-11-18T10:00:00Z', {
      specialisms: ['SEN'],
      schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    });
    e.todayUnsure = await receiveEnquiry(t, '2026-11-19T10:00:00Z', { supportType: 'unsure', specialisms: ['SEN'] });
    e.laterLle = await receiveEnquiry(t, '2026-11-20T10:00:00Z', EXAMPLE_ENQUIRIES.matthewArnoldNewHead);
    assert.deepEqual(
      Object.values(e).map((enquiry) => enquiry.respondBy),
      ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24'],
    );

    const db = t.database.db;
    const actor = { id: me.id };
    await db.transaction(async (tx) => {
      await recordFirstContact(tx, {
        enquiryId: e.metSen!.id,
        actor,
        at: new Date('2026-11-19T12:00:00Z'),
        contact: { at: new Date('2026-11-19T11:00:00Z'), method: 'telephone', byUserId: me.id, notes: null },
      });
      await recordFirstContact(tx, {
        enquiryId: e.missedMaths!.id,
        actor,
        at: new Date('2026-11-20T12:00:00Z'),
        contact: { at: new Date('2026-11-20T11:00:00Z'), method: 'email', byUserId: me.id, notes: null },
      });
      assert.deepEqual(
        await moveEnquiry(tx, {
          enquiryId: e.missedMaths!.id,
          to: 'withdrawn',
          actor,
          at: new Date('2026-11-20T13:00:00Z'),
        }),
        { ok: true },
      );
      await assignCoordinator(tx, {
        enquiryId: e.overdueMaths!.id,
        actor,
        at: new Date('2026-11-20T13:00:00Z'),
        coordinatorUserId: me.id,
      });
      await assignCoordinator(tx, {
        enquiryId: e.todayUnsure!.id,
        actor,
        at: new Date('2026-11-20T13:00:00Z'),
        coordinatorUserId: colleague.id,
      });
    });
    t.clock.set('2026-11-23T10:00:00Z');
  });
  after(() => t.close());

  async function queue(query = ''): Promise<string[]> {
    const page = await t.app.inject({ url: `/staff/enquiries${query}`, cookies: me.cookies });
    assert.equal(page.statusCode, 200, `${query}: ${page.statusCode}`);
    return queueRows(page.body).map((row) => row.reference);
  }
  const refs = (...names: string[]) => names.map((name) => e[name]!.reference);

  test('shows open enquiries, the reply due soonest first, each with its clock, status and coordinator', async () => {
    const page = await t.app.inject({ url: '/staff/enquiries', cookies: me.cookies });
    const rows = queueRows(page.body);
    assert.deepEqual(
      rows.map((row) => row.reference),
      refs('overdueMaths', 'metSen', 'todayUnsure', 'laterLle'),
    );
    assert.deepEqual(
      rows.map((row) => row.tags),
      [
        ['Overdue by 3 working days', 'New'],
        ['Target met', 'Contacted'],
        ['Due today', 'New'],
        ['Due in 1 working day', 'New'],
      ],
    );
    assert.deepEqual(
      rows.map((row) => row.coordinator),
      [me.name, 'Not assigned', 'Colin Colleague', 'Not assigned'],
    );
    assert.match(page.body, /4 enquiries/);
    assert.match(page.body, /Banks Road Primary School<\/a>/);
  });

  test('sorts by date received, newest first', async () => {
    assert.deepEqual(await queue('?sort=received'), refs('laterLle', 'todayUnsure', 'metSen', 'overdueMaths'));
  });

  test('filters by status', async () => {
    assert.deepEqual(
      await queue('?status=all'),
      refs('overdueMaths', 'missedMaths', 'metSen', 'todayUnsure', 'laterLle'),
    );
    assert.deepEqual(await queue('?status=withdrawn'), refs('missedMaths'));
    assert.deepEqual(await queue('?status=contacted'), refs('metSen'));
    assert.deepEqual(await queue('?status=agreed'), []);
  });

  test('filters by kind of support and by specialism', async () => {
    assert.deepEqual(await queue('?kind=sle'), refs('overdueMaths', 'metSen'));
    assert.deepEqual(await queue('?kind=lle'), refs('laterLle'));
    assert.deepEqual(await queue('?kind=unsure'), refs('todayUnsure'));
    const [sen] = await t.database.db
      .select()
      .from(specialisms)
      .where(and(eq(specialisms.name, 'SEN')));
    const [maths] = await t.database.db
      .select()
      .from(specialisms)
      .where(and(eq(specialisms.name, 'Maths')));
    assert.deepEqual(await queue(`?specialism=${sen!.id}`), refs('metSen', 'todayUnsure'));
    assert.deepEqual(await queue(`?specialism=${maths!.id}&status=all`), refs('overdueMaths', 'missedMaths'));
  });

  test('filters by coordinator: mine, not assigned, or a named colleague', async () => {
    assert.deepEqual(await queue('?coordinator=mine'), refs('overdueMaths'));
    assert.deepEqual(await queue('?coordinator=unassigned'), refs('metSen', 'laterLle'));
    assert.deepEqual(await queue(`?coordinator=${colleague.id}`), refs('todayUnsure'));
    // The colleague sees the same enquiry as "mine".
    const theirs = await t.app.inject({
      url: '/staff/enquiries?coordinator=mine',
      cookies: await sessionCookiesFor(t, colleague),
    });
    assert.deepEqual(
      queueRows(theirs.body).map((row) => row.reference),
      refs('todayUnsure'),
    );
  });

  test('filters by the response clock, alone or with other filters', async () => {
    assert.deepEqual(await queue('?response=overdue'), refs('overdueMaths'));
    assert.deepEqual(await queue('?response=due-today'), refs('todayUnsure'));
    assert.deepEqual(await queue('?response=due-later'), refs('laterLle'));
    assert.deepEqual(await queue('?response=met'), refs('metSen'));
    assert.deepEqual(await queue('?response=missed'), [], 'the missed one is closed');
    assert.deepEqual(await queue('?response=missed&status=all'), refs('missedMaths'));
    assert.deepEqual(await queue('?response=met&kind=lle'), []);
  });

  test('the filter form keeps what was chosen, and clearing it is a link', async () => {
    const page = await t.app.inject({
      url: '/staff/enquiries?kind=lle&coordinator=unassigned&sort=received',
      cookies: me.cookies,
    });
    assert.match(page.body, /<form method="get" action="\/staff\/enquiries"/);
    assert.match(page.body, /<option value="lle" selected>LLE<\/option>/);
    assert.match(page.body, /<option value="unassigned" selected>Not assigned<\/option>/);
    assert.match(page.body, /<option value="received" selected>Newest first<\/option>/);
    assert.match(page.body, /<a class="govuk-link" href="\/staff\/enquiries">Clear filters<\/a>/);
  });

  test('the form’s empty choices are left out of the URL', async () => {
    const page = await t.app.inject({
      url: '/staff/enquiries?status=&response=&kind=lle&specialism=&coordinator=&sort=&page=',
      cookies: me.cookies,
    });
    assert.deepEqual([page.statusCode, page.headers.location], [303, '/staff/enquiries?kind=lle']);
    const all = await t.app.inject({ url: '/staff/enquiries?status=&sort=', cookies: me.cookies });
    assert.equal(all.headers.location, '/staff/enquiries');
  });

  test('a filter that is not one of the choices is explained with status 400', async () => {
    const page = await t.app.inject({ url: '/staff/enquiries?status=lost&kind=nle&page=0', cookies: me.cookies });
    assert.equal(page.statusCode, 400);
    assert.deepEqual(errorSummary(page.body), [
      { href: '#status', text: 'Choose a status from the list' },
      { href: '#kind', text: 'Choose a kind of support from the list' },
      { href: '#page', text: 'Page must be 1 or more' },
    ]);
    assert.doesNotMatch(page.body, /app-queue/, 'no results under an error');
  });

  test('shows 25 enquiries a page, with links that keep the filters', async () => {
    for (let index = 0; index < 24; index++)
      await receiveEnquiry(
        t,
        `2026-11-23T${String(10 + Math.floor(index / 4)).padStart(2, '0')}:${String((index % 4) * 10).padStart(2, '0')}:00Z`,
      );
    t.clock.set('2026-11-23T17:00:00Z');
    me.cookies = await sessionCookiesFor(t, me);
    const first = await t.app.inject({ url: '/staff/enquiries?kind=sle', cookies: me.cookies });
    assert.match(first.body, /26 enquiries, page 1 of 2/);
    assert.equal(queueRows(first.body).length, 25);
    assert.match(first.body, /href="\/staff\/enquiries\?kind=sle&amp;page=2"/);
    const second = await t.app.inject({ url: '/staff/enquiries?kind=sle&page=2', cookies: me.cookies });
    assert.equal(queueRows(second.body).length, 1);
    const beyond = await t.app.inject({ url: '/staff/enquiries?kind=sle&page=9', cookies: me.cookies });
    assert.match(beyond.body, /There are no enquiries on this page/);
  });
});
