import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deploymentTerms, readyAgreement, signedAgreement, specialismId } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { agreedHalfDays } from './agreed-days.ts';
import { listDeliveryOverview } from './delivery-overview.repository.ts';
import { deliveryLogs } from './visits.tables.ts';
import { type Person, person } from '../../../test/support/people.ts';
import { textsOf } from '../../../test/support/html.ts';
import { analyse, bulkDeliveryLogs, bulkDeployments } from '../../../test/support/at-scale.ts';
import { openSchoolsOtherThan } from '../../../test/support/schools.ts';
import { addDays } from '../../platform/calendar/calendar-date.ts';

/** node-postgres and PGlite both answer with { rows }. */

describe('delivery against agreements, for coordinators', () => {
  let t: TestApp;
  let leaders: Awaited<ReturnType<typeof addExampleLeaders>>;
  let coordinator: Person;
  let allianceId: number;
  let busy: number;
  let quiet: number;
  let neverLogged: number;
  before(async () => {
    // Monday 23 November 2026.
    t = await buildTestApp();
    leaders = await addExampleLeaders(t, 'amiraHussain', 'benCarter', 'chloeDunn');
    coordinator = await person(t, { roles: ['coordinator'] });
    allianceId = (await t.app.services.alliances.current()).id;
    busy = await signedAgreement(t, coordinator, {
      leaderId: leaders.amiraHussain,
      terms: { halfDays: 20, startDate: '2026-09-07', endDate: '2027-07-16' },
    });
    quiet = await signedAgreement(t, coordinator, {
      leaderId: leaders.chloeDunn,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      terms: { halfDays: 8, startDate: '2026-09-14', endDate: '2027-03-26' },
    });
    neverLogged = await signedAgreement(t, coordinator, {
      leaderId: leaders.amiraHussain,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      terms: { halfDays: 6, startDate: '2026-09-07', endDate: '2027-07-16' },
    });
    await signedAgreement(t, coordinator, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      prepare: async (id) => {
        const added = await t.app.services.agreementEditing.addPairing(coordinator.user, id, {
          leaderSchoolRole: 'Deputy',
          leaderSchoolName: null,
          supportedSchoolRole: 'Deputy',
          supportedSchoolName: null,
          specialismId: await specialismId(t, 'SEN'),
          halfDays: 4,
        });
        assert.ok(added.ok);
      },
    });
    // A draft is not in the overview.
    await readyAgreement(t, coordinator.user, { leaderId: leaders.chloeDunn });
    const logged = {
      allianceId,
      activities: ['coaching' as const],
      notes: '',
      loggedAt: t.clock.now(),
      loggedByUserId: coordinator.user.id,
      pairingId: null,
      minutes: null,
    };
    await t.database.db.insert(deliveryLogs).values([
      { ...logged, agreementId: busy, date: '2026-11-16', halfDays: 2, countedHalfDays: 2 },
      { ...logged, agreementId: busy, date: '2026-09-21', halfDays: 3, countedHalfDays: 3 },
      // Five weeks and a day ago: quiet for 4 weeks, not for 6.
      { ...logged, agreementId: quiet, date: '2026-10-18', halfDays: null, minutes: 200, countedHalfDays: 2 },
    ]);
  });
  after(() => t.close());

  test('agreed, delivered, % and last activity for each signed agreement; agreed as the agreement page counts it', async () => {
    const page = await t.app.inject({ url: '/staff/delivery', cookies: coordinator.cookies });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /4 agreements/);
    assert.match(
      page.body,
      new RegExp(
        `SA-0*${neverLogged}: Amira Hussain at Matthew Arnold Primary School[\\s\\S]*?3 days[\\s\\S]*?0 days[\\s\\S]*?0%[\\s\\S]*?None yet`,
      ),
    );
    assert.match(
      page.body,
      /Amira Hussain at Banks Road Primary School[\s\S]*?SLE deployment[\s\S]*?10 days[\s\S]*?2.5 days[\s\S]*?25%[\s\S]*?Monday 16 November 2026/,
    );
    // Half a day a week for 52 weeks, plus 2 days of pairing.
    assert.match(
      page.body,
      /Ben Carter at Matthew Arnold Primary School[\s\S]*?LLE placement[\s\S]*?28 days[\s\S]*?0 days[\s\S]*?0%[\s\S]*?None yet/,
    );
    assert.match(
      page.body,
      /Chloe Dunn at Matthew Arnold Primary School[\s\S]*?4 days[\s\S]*?1 day[\s\S]*?25%[\s\S]*?Sunday 18 October 2026/,
    );
    // Each row is headed by its agreement, so a screen reader moving along a row hears whose figures they are.
    const rowHeaders = textsOf(page.body, 'tbody th[scope="row"]');
    assert.equal(rowHeaders.length, 4);
    assert.ok(rowHeaders.some((text) => /Ben Carter at Matthew Arnold Primary School/.test(text)));

    const { rows } = await listDeliveryOverview(t.database.db, { allianceId, limit: 10, offset: 0 });
    for (const row of rows) {
      const found = await t.app.services.delivery.open(coordinator.user, row.id);
      assert.equal(
        row.agreedHalfDays,
        agreedHalfDays(found!.signed!, await t.app.services.delivery.termDates()),
        `agreed for ${row.id} matches the agreement page`,
      );
    }
  });

  test('while a variation is agreed, the overview still counts the version every party signed', async () => {
    const before = (await listDeliveryOverview(t.database.db, { allianceId, limit: 10, offset: 0 })).rows.find(
      (row) => row.id === neverLogged,
    )!;
    const started = await t.app.services.agreementEditing.startVariation(coordinator.user, neverLogged, 'More days');
    assert.ok(started.ok);
    const saved = await t.app.services.agreementEditing.saveDeploymentTerms(
      coordinator.user,
      neverLogged,
      await deploymentTerms(t, { halfDays: 30, startDate: '2026-09-07', endDate: '2027-07-16' }),
    );
    assert.ok(saved.ok, JSON.stringify(saved));
    const during = (await listDeliveryOverview(t.database.db, { allianceId, limit: 10, offset: 0 })).rows.find(
      (row) => row.id === neverLogged,
    )!;
    assert.deepEqual([during.status, during.agreedHalfDays], ['varying', before.agreedHalfDays]);
    const discarded = await t.app.services.agreementEditing.discardVariation(coordinator.user, neverLogged);
    assert.ok(discarded.ok);
  });

  test('no activity for N weeks: started more than N weeks ago, still running, nothing logged since; N in the URL, else the alliance’s setting (4 at first)', async () => {
    const fourWeeks = await t.app.inject({ url: '/staff/delivery?quiet=yes', cookies: coordinator.cookies });
    assert.match(fourWeeks.body, /2 agreements with nothing logged since Monday 26 October 2026/);
    assert.match(
      fourWeeks.body,
      /Amira Hussain at Matthew Arnold Primary School[\s\S]*Chloe Dunn/,
      'never logged first, then the longest quiet',
    );
    assert.doesNotMatch(
      fourWeeks.body,
      /Amira Hussain at Banks Road|Ben Carter at/,
      'logged last week; the placement starts in January',
    );

    const sixWeeks = await t.app.inject({ url: '/staff/delivery?quiet=yes&weeks=6', cookies: coordinator.cookies });
    assert.match(
      sixWeeks.body,
      /1 agreement with nothing logged since Monday 12 October 2026/,
      'Chloe logged within 6 weeks',
    );
    assert.match(sixWeeks.body, /name="weeks"[^>]*value="6"/);

    // Without weeks in the URL, the alliance's setting.
    await t.database.db.update(alliances).set({ quietWeeks: 6 });
    t.app.services.alliances.forget();
    const setting = await t.app.inject({ url: '/staff/delivery?quiet=yes', cookies: coordinator.cookies });
    assert.match(setting.body, /1 agreement with nothing logged since Monday 12 October 2026/);
    await t.database.db.update(alliances).set({ quietWeeks: 4 });
    t.app.services.alliances.forget();

    const bad = await t.app.inject({ url: '/staff/delivery?quiet=yes&weeks=lots', cookies: coordinator.cookies });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<a href="#weeks">Enter a number of weeks from 1 to 52<\/a>/);
    assert.match(bad.body, /4 agreements/, 'the list is shown unfiltered');
  });

  test('only the alliance’s staff see the overview', async () => {
    const leader = await person(t, { roles: ['system-leader'], leaderId: leaders.amiraHussain });
    assert.equal((await t.app.inject({ url: '/staff/delivery', cookies: leader.cookies })).statusCode, 403);
  });

  test('with 100,000 signed deployments and 300,000 logs: one page, filtered or not, in one grouped statement', async () => {
    const [school] = await openSchoolsOtherThan(t, [EXAMPLE_SCHOOLS.palmerston.urn]);
    const ids = await bulkDeployments(t, {
      count: 100_000,
      status: 'signed',
      leaderId: () => leaders.amiraHussain,
      supportedSchoolUrn: school!.urn,
      homeSchoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
      focusSpecialismId: await specialismId(t, 'Maths'),
      halfDays: 10,
      dates: (n) => ({ startDate: addDays('2026-09-07', n % 60), endDate: '2027-07-16' }),
    });
    // Three logs each, for three agreements in four: the rest have never been logged.
    const logs = ids
      .filter((id) => id % 4 !== 0)
      .flatMap((agreementId) =>
        [1, 2, 3].map((n) => ({ agreementId, date: addDays('2026-09-14', (agreementId * 7 + n) % 70) })),
      );
    await bulkDeliveryLogs(t, logs, coordinator.user.id);
    await analyse(t);

    const first = await listDeliveryOverview(t.database.db, { allianceId, limit: 50, offset: 0 });
    const quietPage = await listDeliveryOverview(t.database.db, {
      allianceId,
      quietSince: '2026-10-26',
      limit: 50,
      offset: 50,
    });
    assert.equal(first.total, 100_004);
    assert.equal(first.rows.length, 50);
    assert.ok(quietPage.total > 25_000, `a quarter never logged, and more with nothing recent: ${quietPage.total}`);
    assert.ok(quietPage.rows.every((row) => row.lastDate === null || row.lastDate <= '2026-10-26'));
    const page = await t.app.inject({ url: '/staff/delivery?page=2000', cookies: coordinator.cookies });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /100,004 agreements/);
  });
});
