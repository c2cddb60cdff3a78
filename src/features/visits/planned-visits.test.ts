import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { readyAgreement, signedAgreement, specialismId } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { plannedVisits } from './visits.tables.ts';
import { errorSummary, linksOf, textsOf } from '../../../test/support/html.ts';
import { type Person, person } from '../../../test/support/people.ts';

/** The file's logical lines, unfolded as a calendar client reads them. */
const icsLines = (body: string) => body.replace(/\r\n /g, '').split('\r\n');

describe('planned visits and their calendar files', () => {
  let t: TestApp;
  let leaders: Awaited<ReturnType<typeof addExampleLeaders>>;
  let coordinator: Person;
  let amira: Person;
  let deployment: number;
  let placement: number;
  let pairingId: number;
  before(async () => {
    t = await buildTestApp();
    leaders = await addExampleLeaders(t, 'amiraHussain', 'benCarter', 'chloeDunn');
    coordinator = await person(t, { roles: ['coordinator'], name: 'Bethan Morgan' });
    amira = await person(t, { roles: ['system-leader'], name: 'Amira Hussain', leaderId: leaders.amiraHussain });
    deployment = await signedAgreement(t, coordinator, {
      leaderId: leaders.amiraHussain,
      terms: { startDate: '2026-09-07', endDate: '2027-07-16' },
    });
    placement = await signedAgreement(t, coordinator, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      prepare: async (id) => {
        const added = await t.app.services.agreementEditing.addPairing(coordinator.user, id, {
          leaderSchoolRole: 'Deputy headteacher',
          leaderSchoolName: 'Sam Lee',
          supportedSchoolRole: 'Deputy headteacher',
          supportedSchoolName: null,
          specialismId: await specialismId(t, 'SEN'),
          halfDays: 6,
        });
        assert.ok(added.ok);
        pairingId = added.value;
      },
    });
  });
  after(() => t.close());

  const visitForm = (fields: Record<string, string>) => ({
    'date-day': '15',
    'date-month': '1',
    'date-year': '2027',
    startTime: '9:30am',
    length: 'half-day',
    place: 'Banks Road Primary School',
    attendee: 'leader',
    ...fields,
  });

  async function plan(who: Person, id: number, fields: Record<string, string>) {
    const form = await openForm(t.app, `/staff/agreements/${id}/visits/new`, who.cookies);
    return submitForm(t.app, `/staff/agreements/${id}/visits/new`, fields, form);
  }

  test('the form offers the supported school as the place; a visit is saved, shown and audited', async () => {
    const form = await t.app.inject({ url: `/staff/agreements/${deployment}/visits/new`, cookies: amira.cookies });
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="place"[^>]*>Banks Road Primary School, /);
    assert.match(form.body, /Between Monday 7 September 2026 and Friday 16 July 2027/);

    const saved = await plan(amira, deployment, visitForm({}));
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/staff/agreements/${deployment}#visits`);
    const page = await t.app.inject({ url: `/staff/agreements/${deployment}`, cookies: coordinator.cookies });
    assert.match(
      page.body,
      /Friday 15 January 2027[\s\S]*?From 9:30am, half a day[\s\S]*?Banks Road Primary School[\s\S]*?Amira Hussain/,
    );
    const audited = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'visit-planned'));
    assert.equal(audited.length, 1);
    assert.equal(audited[0]!.entityId, String(deployment));
    assert.match(page.body, /Changes to visits and delivery[\s\S]*Visit planned/);
  });

  test('dates outside the agreement, missing answers and a bad time are refused with the input kept', async () => {
    const outside = await plan(
      coordinator,
      deployment,
      visitForm({ 'date-day': '19', 'date-month': '7', 'date-year': '2027', place: 'The hall; upstairs' }),
    );
    assert.equal(outside.statusCode, 400);
    assert.deepEqual(errorSummary(outside.body), [
      {
        href: '#date-day',
        text: 'The date of the visit must be between Monday 7 September 2026 and Friday 16 July 2027, the agreement’s start and end dates',
      },
    ]);
    assert.match(outside.body, /name="date-day" type="text" value="19"/);
    assert.match(outside.body, /The hall; upstairs/);
    const before = await plan(
      coordinator,
      deployment,
      visitForm({ 'date-day': '6', 'date-month': '9', 'date-year': '2026' }),
    );
    assert.equal(before.statusCode, 400);

    const empty = await plan(coordinator, deployment, {
      'date-day': '',
      'date-month': '',
      'date-year': '',
      startTime: '3am',
      length: '',
      place: '',
      attendee: '',
    });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#date-day', text: 'Enter the date of the visit' },
      { href: '#startTime', text: 'Enter a start time between 7am and 9pm, like 9:30am or 18:30, or leave it empty' },
      { href: '#length', text: 'Select how long the visit is' },
      { href: '#place', text: 'Enter where the visit takes place' },
      { href: '#attendee', text: 'Select who attends the visit' },
    ]);
    const realDate = await plan(coordinator, deployment, visitForm({ 'date-day': '30', 'date-month': '2' }));
    assert.deepEqual(errorSummary(realDate.body), [
      { href: '#date-day', text: 'The date of the visit must be a real date' },
    ]);
    const late = await plan(coordinator, deployment, visitForm({ startTime: '9:30pm' }));
    assert.equal(errorSummary(late.body)[0]?.href, '#startTime', 'after 9pm is refused');
    const twilight = await plan(coordinator, deployment, visitForm({ startTime: '6:30pm' }));
    assert.equal(twilight.statusCode, 303, 'a twilight session after school is a visit like any other');
    const [twilightVisit] = await t.database.db
      .select()
      .from(plannedVisits)
      .where(and(eq(plannedVisits.agreementId, deployment), eq(plannedVisits.startMinutes, 18 * 60 + 30)));
    assert.ok(twilightVisit);
    await t.database.db.delete(plannedVisits).where(eq(plannedVisits.id, twilightVisit.id));
    // A deployment has no pairings, so a pairing's id is refused even if it exists elsewhere.
    const otherPairing = await plan(coordinator, deployment, visitForm({ attendee: `pairing-${pairingId}` }));
    assert.deepEqual(errorSummary(otherPairing.body), [{ href: '#attendee', text: 'Select who attends the visit' }]);
  });

  test('a placement’s visit may be for a staff pairing; removing a visit takes it off the page and out of the file', async () => {
    const saved = await plan(
      coordinator,
      placement,
      visitForm({
        attendee: `pairing-${pairingId}`,
        'date-month': '2',
        startTime: '',
        length: 'full-day',
        place: 'Matthew Arnold Primary School',
      }),
    );
    assert.equal(saved.statusCode, 303);
    const [visit] = await t.database.db.select().from(plannedVisits).where(eq(plannedVisits.agreementId, placement));
    assert.equal(visit!.pairingId, pairingId);
    const page = await t.app.inject({ url: `/staff/agreements/${placement}`, cookies: coordinator.cookies });
    assert.match(
      page.body,
      /Time to be arranged, a full day[\s\S]*?Deputy headteacher \(Sam Lee\) with Deputy headteacher/,
    );

    // "Remove" asks first; the question page names the visit and changes nothing.
    const removeHref = `/staff/agreements/${placement}/visits/${visit!.id}/remove`;
    assert.ok(linksOf(page.body, '#visits ~ .app-table-region table a').some((link) => link.href === removeHref));
    const form = await openForm(t.app, removeHref, coordinator.cookies);
    assert.equal(form.page.statusCode, 200);
    assert.match(textsOf(form.page.body, 'h1')[0]!, /^Remove the visit on \w+day \d+ February 2027\?$/);
    assert.equal(
      (await t.database.db.select().from(plannedVisits).where(eq(plannedVisits.agreementId, placement))).length,
      1,
      'asking removes nothing',
    );
    const removed = await submitForm(t.app, removeHref, {}, form);
    assert.equal(removed.statusCode, 303);
    assert.equal(
      (await t.database.db.select().from(plannedVisits).where(eq(plannedVisits.agreementId, placement))).length,
      0,
    );
    const file = await t.app.inject({
      url: `/staff/agreements/${placement}/visits/calendar.ics`,
      cookies: coordinator.cookies,
    });
    assert.doesNotMatch(file.body, /BEGIN:VEVENT/);
    // Removing it from another agreement's URL finds nothing.
    const again = await submitForm(t.app, `/staff/agreements/${deployment}/visits/${visit!.id}/remove`, {}, form);
    assert.equal(again.statusCode, 404);
  });

  test('the calendar files: one visit, or every planned visit, as text/calendar with stable UIDs', async () => {
    await plan(
      coordinator,
      deployment,
      visitForm({ 'date-day': '10', 'date-month': '6', startTime: '', place: 'Banks Road, Liverpool' }),
    );
    const [timed, allDay] = await t.database.db
      .select()
      .from(plannedVisits)
      .where(eq(plannedVisits.agreementId, deployment))
      .orderBy(plannedVisits.id);
    const one = await t.app.inject({
      url: `/staff/agreements/${deployment}/visits/${timed!.id}/calendar.ics`,
      cookies: amira.cookies,
    });
    assert.equal(one.statusCode, 200);
    assert.equal(one.headers['content-type'], 'text/calendar; charset=utf-8');
    assert.match(String(one.headers['content-disposition']), /^attachment; filename="SA-\d+-visit-2027-01-15.ics"$/);
    assert.ok(one.body.endsWith('END:VCALENDAR\r\n'));
    const lines = icsLines(one.body);
    assert.ok(lines.includes('DTSTART:20270115T093000Z'), '9:30am in January is GMT');
    assert.ok(lines.includes('DTEND:20270115T123000Z'), 'half a day lasts 3 hours');
    assert.ok(lines.includes('DTSTAMP:20261123T100000Z'));
    assert.equal(lines.filter((line) => line === 'BEGIN:VEVENT').length, 1);

    const all = await t.app.inject({
      url: `/staff/agreements/${deployment}/visits/calendar.ics`,
      cookies: coordinator.cookies,
    });
    const allLines = icsLines(all.body);
    assert.equal(allLines.filter((line) => line === 'BEGIN:VEVENT').length, 2);
    assert.ok(allLines.includes('DTSTART;VALUE=DATE:20270610'));
    assert.ok(allLines.includes('LOCATION:Banks Road\\, Liverpool'));
    const uid = (text: string[], n: number) => text.filter((line) => line.startsWith('UID:'))[n];
    assert.equal(uid(allLines, 0), uid(lines, 0), 'the same visit has the same UID in both files');
    assert.match(uid(allLines, 1)!, new RegExp(`^UID:planned-visit-${allDay!.id}@`));
  });

  test('who may plan and see: the leader and staff plan; school contacts of the agreement see and download but cannot plan; others find nothing', async () => {
    const banksRoad = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn });
    const view = await t.app.inject({ url: `/staff/agreements/${deployment}`, cookies: banksRoad.cookies });
    assert.match(view.body, /Planned visits/);
    assert.match(view.body, /Download every planned visit/);
    assert.doesNotMatch(view.body, /Plan a visit|>\s*Remove/);
    assert.equal(
      (await t.app.inject({ url: `/staff/agreements/${deployment}/visits/calendar.ics`, cookies: banksRoad.cookies }))
        .statusCode,
      200,
    );
    assert.equal(
      (await t.app.inject({ url: `/staff/agreements/${deployment}/visits/new`, cookies: banksRoad.cookies }))
        .statusCode,
      403,
    );

    const otherSchool = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn });
    assert.equal(
      (await t.app.inject({ url: `/staff/agreements/${deployment}/visits/calendar.ics`, cookies: otherSchool.cookies }))
        .statusCode,
      404,
    );
    const chloe = await person(t, { roles: ['system-leader'], leaderId: leaders.chloeDunn });
    assert.equal(
      (await t.app.inject({ url: `/staff/agreements/${deployment}/visits/new`, cookies: chloe.cookies })).statusCode,
      404,
    );
    const form = await openForm(t.app, '/staff', chloe.cookies);
    const forged = await submitForm(t.app, `/staff/agreements/${deployment}/visits/new`, visitForm({}), form);
    assert.equal(forged.statusCode, 404, 'another leader cannot plan on Amira’s agreement');

    // A leader who is also a contact of the supported school sees the agreement, but it is not theirs to plan.
    const chloeAtBanksRoad = await person(t, {
      roles: ['system-leader', 'school-contact'],
      leaderId: leaders.chloeDunn,
      schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    });
    assert.equal(
      (await t.app.inject({ url: `/staff/agreements/${deployment}/visits/new`, cookies: chloeAtBanksRoad.cookies }))
        .statusCode,
      403,
    );
  });

  test('nothing is planned before every party has signed', async () => {
    const draft = await readyAgreement(t, coordinator.user, {
      leaderId: leaders.chloeDunn,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    const refused = await t.app.inject({ url: `/staff/agreements/${draft}/visits/new`, cookies: coordinator.cookies });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Visits can be planned and delivery logged once every party has signed the agreement/);
    const page = await t.app.inject({ url: `/staff/agreements/${draft}`, cookies: coordinator.cookies });
    assert.doesNotMatch(page.body, /Planned visits/);
  });
});
