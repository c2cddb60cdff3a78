import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { signedAgreement, specialismId } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { versionFingerprint } from '../agreements/agreement-signing.service.ts';
import { agreementObjectives, agreements } from '../agreements/agreements.tables.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { halfDaysForMinutes, parseHoursToMinutes } from './delivery-time.ts';
import { deliveryLogs, deliveryProgress } from './visits.tables.ts';
import { errorSummary, formFields } from '../../../test/support/html.ts';
import { type Person, person } from '../../../test/support/people.ts';

describe('logging delivery against a signed agreement', () => {
  let t: TestApp;
  let leaders: Awaited<ReturnType<typeof addExampleLeaders>>;
  let coordinator: Person;
  let amira: Person;
  let deployment: number;
  let objectiveId: number;
  before(async () => {
    // Monday 23 November 2026: the deployment started on 7 September.
    t = await buildTestApp();
    leaders = await addExampleLeaders(t, 'amiraHussain', 'benCarter', 'chloeDunn');
    coordinator = await person(t, { roles: ['coordinator'], name: 'Bethan Morgan' });
    amira = await person(t, { roles: ['system-leader'], name: 'Amira Hussain', leaderId: leaders.amiraHussain });
    deployment = await signedAgreement(t, coordinator, {
      leaderId: leaders.amiraHussain,
      terms: { halfDays: 20, startDate: '2026-09-07', endDate: '2027-07-16' },
    });
    const [agreement] = await t.database.db.select().from(agreements).where(eq(agreements.id, deployment));
    const [objective] = await t.database.db
      .select()
      .from(agreementObjectives)
      .where(eq(agreementObjectives.versionId, agreement!.currentVersionId!));
    objectiveId = objective!.id;
  });
  after(() => t.close());

  const logForm = (fields: Record<string, string | string[]> = {}) => ({
    'date-day': '17',
    'date-month': '11',
    'date-year': '2026',
    attendee: 'leader',
    days: '0.5',
    hours: '',
    activities: ['coaching', 'planning'],
    notes: 'Coached the maths lead on reasoning questions.',
    sharedWith: 'everyone',
    [`progress-${objectiveId}`]: 'Year 6 reasoning lessons observed; questioning improving',
    ...fields,
  });

  async function log(
    who: Person,
    fields: Record<string, string | string[]>,
    url = `/staff/agreements/${deployment}/delivery/new`,
  ) {
    const form = await openForm(t.app, url, who.cookies);
    return submitForm(t.app, url, fields, form);
  }

  const logsOf = (id: number) =>
    t.database.db.select().from(deliveryLogs).where(eq(deliveryLogs.agreementId, id)).orderBy(deliveryLogs.id);

  test('hours count as half a day for every 3 hours or part of 3 hours', () => {
    assert.deepEqual([1, 180, 181, 240, 360, 361, 720].map(halfDaysForMinutes), [1, 1, 2, 2, 2, 3, 4]);
    assert.deepEqual(
      ['2', '1.5', '1½', '1:30', '0.25', '3 hours', '2h'].map(parseHoursToMinutes),
      [120, 90, 90, 90, 15, 180, 120],
    );
    assert.deepEqual(['', '0', '-1', 'two', '1.0001', '0:00'].map(parseHoursToMinutes), [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('the leader logs a half day with activities, notes and progress; it is saved, shown and audited', async () => {
    const form = await t.app.inject({ url: `/staff/agreements/${deployment}/delivery/new`, cookies: amira.cookies });
    assert.match(form.body, /Who may read the notes and the progress/);
    assert.match(form.body, /Everyone on the agreement, including the supported school/);
    assert.match(form.body, /counts as half a day for every 3 hours or part of 3 hours/);
    assert.match(form.body, /Objective 1: Pupils reason confidently in maths/);

    const saved = await log(amira, logForm());
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/staff/agreements/${deployment}#delivery`);
    const [row] = await logsOf(deployment);
    assert.deepEqual(
      [row!.date, row!.halfDays, row!.minutes, row!.countedHalfDays, row!.activities, row!.pairingId],
      ['2026-11-17', 1, null, 1, ['coaching', 'planning'], null],
    );
    const progress = await t.database.db.select().from(deliveryProgress).where(eq(deliveryProgress.logId, row!.id));
    assert.deepEqual(
      progress.map((item) => [item.objectiveId, item.progress]),
      [[objectiveId, 'Year 6 reasoning lessons observed; questioning improving']],
    );

    const page = await t.app.inject({ url: `/staff/agreements/${deployment}`, cookies: coordinator.cookies });
    assert.match(
      page.body,
      /Agreed[\s\S]*?10 days[\s\S]*?Delivered[\s\S]*?0.5 days[\s\S]*?Delivered of agreed[\s\S]*?5%[\s\S]*?Last activity[\s\S]*?Tuesday 17 November 2026/,
    );
    assert.match(page.body, /Coaching, Planning/);
    assert.match(page.body, /Progress: Pupils reason confidently in maths[\s\S]*?questioning improving/);
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'delivery-logged'));
    assert.equal(event!.entityType, 'agreement-delivery');
    assert.equal((event!.after as Record<string, unknown>).time, '0.5 days');
  });

  test('a time in hours is stored in minutes and counted by the rule; the page says what it counts as', async () => {
    const saved = await log(coordinator, logForm({ hours: '4', days: '', 'date-day': '20', activities: 'analysis' }));
    assert.equal(saved.statusCode, 303);
    const row = (await logsOf(deployment)).at(-1)!;
    assert.deepEqual([row.halfDays, row.minutes, row.countedHalfDays], [null, 240, 2]);
    const page = await t.app.inject({ url: `/staff/agreements/${deployment}`, cookies: amira.cookies });
    assert.match(page.body, /4 hours \(counts as 1 day\)/);
    assert.match(page.body, /Delivered\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*1.5 days/);
  });

  test('the rules: a date not in the future nor before the start, a time, at least one activity; input kept, status 400', async () => {
    const future = await log(amira, logForm({ 'date-day': '24' }));
    assert.equal(future.statusCode, 400);
    assert.deepEqual(errorSummary(future.body), [
      { href: '#date-day', text: 'The date of the visit or session must be today or in the past' },
    ]);
    assert.match(future.body, /Coached the maths lead on reasoning questions./, 'the notes are kept');
    const futureAndMore = await log(amira, logForm({ 'date-day': '24', days: '', hours: '' }));
    assert.deepEqual(
      errorSummary(futureAndMore.body),
      [
        { href: '#date-day', text: 'The date of the visit or session must be today or in the past' },
        { href: '#days', text: 'Enter the time, in days or in hours' },
      ],
      'every problem in one round, the date’s with the rest',
    );
    const early = await log(amira, logForm({ 'date-day': '4', 'date-month': '9' }));
    assert.deepEqual(errorSummary(early.body), [
      {
        href: '#date-day',
        text: 'The date of the visit or session must be on or after Monday 7 September 2026, when the agreement started',
      },
    ]);
    assert.equal((await log(amira, logForm({ 'date-day': '23' }))).statusCode, 303, 'today is allowed');

    const nothing = await log(amira, {
      'date-day': '',
      'date-month': '',
      'date-year': '',
      attendee: '',
      days: '',
      hours: '',
      notes: '',
    });
    assert.equal(nothing.statusCode, 400);
    assert.deepEqual(errorSummary(nothing.body), [
      { href: '#date-day', text: 'Enter the date of the visit or session' },
      { href: '#attendee', text: 'Select who delivered the support' },
      { href: '#days', text: 'Enter the time, in days or in hours' },
      { href: '#activities', text: 'Select at least one thing that was done' },
      { href: '#sharedWith', text: 'Select who the notes and progress are shared with' },
    ]);
    const badDays = await log(amira, logForm({ days: '0.3' }));
    assert.deepEqual(errorSummary(badDays.body), [
      { href: '#days', text: 'Enter the time in whole or half days, like 0.5 or 1, up to 10 days' },
    ]);
    const both = await log(amira, logForm({ hours: '2' }));
    assert.deepEqual(errorSummary(both.body), [
      { href: '#days', text: 'Enter the time in days or in hours, not both' },
    ]);
    const badHours = await log(amira, logForm({ days: '', hours: '13' }));
    assert.deepEqual(errorSummary(badHours.body), [
      { href: '#hours', text: 'Enter the time in hours, like 2 or 1.5, up to 12 hours' },
    ]);
    assert.match(badHours.body, /name="hours"[^>]*value="13"/);
    const badActivity = await log(amira, logForm({ activities: 'gardening' }));
    assert.deepEqual(errorSummary(badActivity.body), [{ href: '#activities', text: 'Select what was done' }]);
  });

  test('leaders change and delete their own logs, not the coordinator’s; coordinators change any; each change is audited', async () => {
    const rows = await logsOf(deployment);
    const amirasLog = rows.find((row) => row.date === '2026-11-17')!;
    const coordinatorsLog = rows.find((row) => row.date === '2026-11-20')!;

    const changeForm = await t.app.inject({
      url: `/staff/agreements/${deployment}/delivery/${amirasLog.id}`,
      cookies: amira.cookies,
    });
    assert.equal(changeForm.statusCode, 200);
    const fields = formFields(changeForm.body);
    assert.deepEqual(
      [fields['date-day'], fields.days, fields.hours, fields.activities],
      ['17', '0.5', '', ['coaching', 'planning']],
    );
    const changed = await log(
      amira,
      { ...fields, days: '1' },
      `/staff/agreements/${deployment}/delivery/${amirasLog.id}`,
    );
    assert.equal(changed.statusCode, 303);
    assert.equal((await logsOf(deployment)).find((row) => row.id === amirasLog.id)!.countedHalfDays, 2);
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'delivery-changed'));
    assert.deepEqual(
      [event!.before, event!.after],
      [
        { log: `#${amirasLog.id}`, time: '0.5 days' },
        { log: `#${amirasLog.id}`, time: '1 day' },
      ],
    );

    assert.equal(
      (
        await t.app.inject({
          url: `/staff/agreements/${deployment}/delivery/${coordinatorsLog.id}`,
          cookies: amira.cookies,
        })
      ).statusCode,
      403,
    );
    const page = await t.app.inject({ url: `/staff/agreements/${deployment}`, cookies: amira.cookies });
    assert.ok(
      page.body.includes(`/delivery/${amirasLog.id}"`) && !page.body.includes(`/delivery/${coordinatorsLog.id}"`),
      'a change link only for her own',
    );
    const form = await openForm(t.app, `/staff/agreements/${deployment}/delivery/${amirasLog.id}`, amira.cookies);
    assert.equal(
      (await submitForm(t.app, `/staff/agreements/${deployment}/delivery/${coordinatorsLog.id}/delete`, {}, form))
        .statusCode,
      403,
    );
    assert.equal(
      (await submitForm(t.app, `/staff/agreements/${deployment}/delivery/${amirasLog.id}/delete`, {}, form)).statusCode,
      303,
    );
    assert.equal(
      (await logsOf(deployment)).some((row) => row.id === amirasLog.id),
      false,
    );
    assert.equal(
      (await t.database.db.select().from(deliveryProgress).where(eq(deliveryProgress.logId, amirasLog.id))).length,
      0,
      'its progress notes went with it',
    );
    assert.equal(
      (
        await t.database.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.action, 'delivery-deleted'), eq(auditEvents.entityId, String(deployment))))
      ).length,
      1,
    );

    const byCoordinator = await log(
      coordinator,
      {
        ...formFields(
          (
            await t.app.inject({
              url: `/staff/agreements/${deployment}/delivery/${coordinatorsLog.id}`,
              cookies: coordinator.cookies,
            })
          ).body,
        ),
        notes: 'Analysed the autumn data',
      },
      `/staff/agreements/${deployment}/delivery/${coordinatorsLog.id}`,
    );
    assert.equal(byCoordinator.statusCode, 303);
  });

  test('a leader cannot log against another leader’s agreement; a school contact sees the logs and notes but cannot log', async () => {
    const chloe = await person(t, { roles: ['system-leader'], leaderId: leaders.chloeDunn });
    assert.equal(
      (await t.app.inject({ url: `/staff/agreements/${deployment}/delivery/new`, cookies: chloe.cookies })).statusCode,
      404,
    );
    const form = await openForm(t.app, '/staff', chloe.cookies);
    const before = (await logsOf(deployment)).length;
    assert.equal(
      (await submitForm(t.app, `/staff/agreements/${deployment}/delivery/new`, logForm(), form)).statusCode,
      404,
    );
    assert.equal((await logsOf(deployment)).length, before);

    const head = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn });
    const page = await t.app.inject({ url: `/staff/agreements/${deployment}`, cookies: head.cookies });
    assert.match(page.body, /Delivered against agreed/);
    assert.match(page.body, /Analysed the autumn data/, 'notes are shared with the parties, as the form says');
    assert.doesNotMatch(
      page.body,
      /Log a visit or session|Changes to visits and delivery/,
      'no logging, and the audit trail is the alliance’s',
    );
  });

  test('a placement: paired staff’s time is logged on their behalf and counts in delivered, beside the leader’s own', async () => {
    let pairingId = 0;
    const placement = await signedAgreement(t, coordinator, {
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
    t.clock.set('2027-03-01T10:00:00Z');
    try {
      const ben = await person(t, { roles: ['system-leader'], leaderId: leaders.benCarter });
      const url = `/staff/agreements/${placement}/delivery/new`;
      const base = {
        'date-day': '22',
        'date-month': '2',
        'date-year': '2027',
        days: '1',
        activities: 'mentoring',
        notes: '',
        sharedWith: 'alliance-and-leader',
      };
      assert.equal((await log(ben, { ...base, attendee: `pairing-${pairingId}` }, url)).statusCode, 303);
      assert.equal((await log(ben, { ...base, attendee: 'leader', days: '0.5' }, url)).statusCode, 303);
      // A new session: the others' have ended in the months the clock moved on.
      const staff = await person(t, { roles: ['coordinator'] });
      const page = await t.app.inject({ url: `/staff/agreements/${placement}`, cookies: staff.cookies });
      // Half a day a week for the 52 whole weeks from 11 January 2027 to 14 January 2028, plus the pairing's 3 days.
      assert.match(
        page.body,
        /Agreed[\s\S]*?29 days[\s\S]*?Delivered[\s\S]*?1.5 days[\s\S]*?By the leader[\s\S]*?0.5 days[\s\S]*?5%/,
      );
      assert.match(page.body, /Delivered by[\s\S]*?Deputy headteacher \(Sam Lee\) with Deputy headteacher/);

      // While a variation is agreed, delivery is still measured against the signed version and its pairing.
      assert.ok((await t.app.services.agreementEditing.startVariation(staff.user, placement, 'A longer placement')).ok);
      const varying = await t.app.inject({ url: `/staff/agreements/${placement}`, cookies: staff.cookies });
      assert.match(varying.body, /Agreed[\s\S]*?29 days[\s\S]*?Deputy headteacher \(Sam Lee\) with Deputy headteacher/);
      // Once the variation is signed its pairings are copies under new ids: the old log is still paired staff's, not the leader's.
      const varied = (await t.app.services.agreements.find(staff.user, placement))!;
      const fingerprint = versionFingerprint(varied.version);
      const contacts = [
        await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn }),
        await person(t, { roles: ['school-contact'], schoolUrn: varied.homeSchool.urn }),
      ];
      for (const [who, party] of [
        [contacts[0]!.user, 'supported-school'],
        [contacts[1]!.user, 'home-school'],
        [staff.user, 'alliance'],
      ] as const) {
        assert.ok(
          (
            await t.app.services.agreementSigning.sign(who, placement, {
              party,
              fingerprint,
              capacity: party === 'alliance' ? 'alliance' : 'head',
              headName: null,
            })
          ).ok,
        );
      }
      const signedAgain = await t.app.inject({ url: `/staff/agreements/${placement}`, cookies: staff.cookies });
      assert.match(signedAgain.body, /Delivered by[\s\S]*?Paired staff named in an earlier version of the agreement/);
    } finally {
      t.clock.set('2026-11-23T10:00:00Z');
    }
  });
});
