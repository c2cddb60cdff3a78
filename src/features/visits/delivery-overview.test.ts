import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { addExampleLeaders, deploymentTerms, person, readyAgreement, specialismId, type Person } from '../../../test/support/agreements.ts';
import { signedAgreement } from '../../../test/support/delivery.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { alliances } from '../alliance/alliance.tables.ts';
import { agreedHalfDays } from './agreed-days.ts';
import { listDeliveryOverview } from './delivery-overview.repository.ts';
import { deliveryLogs } from './visits.tables.ts';

/** node-postgres and PGlite both answer with { rows }. */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

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
    busy = await signedAgreement(t, coordinator.user, { leaderId: leaders.amiraHussain, terms: { halfDays: 20, startDate: '2026-09-07', endDate: '2027-07-16' } });
    quiet = await signedAgreement(t, coordinator.user, { leaderId: leaders.chloeDunn, schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn, terms: { halfDays: 8, startDate: '2026-09-14', endDate: '2027-03-26' } });
    neverLogged = await signedAgreement(t, coordinator.user, { leaderId: leaders.amiraHussain, schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn, terms: { halfDays: 6, startDate: '2026-09-07', endDate: '2027-07-16' } });
    await signedAgreement(t, coordinator.user, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      prepare: async (id) => {
        const added = await t.app.services.agreementEditing.addPairing(coordinator.user, id, { leaderSchoolRole: 'Deputy', leaderSchoolName: null, supportedSchoolRole: 'Deputy', supportedSchoolName: null, specialismId: await specialismId(t, 'SEN'), halfDays: 4 });
        assert.ok(added.ok);
      },
    });
    // A draft is not in the overview.
    await readyAgreement(t, coordinator.user, { leaderId: leaders.chloeDunn });
    const logged = { allianceId, activities: ['coaching' as const], notes: '', loggedAt: t.clock.now(), loggedByUserId: coordinator.user.id, pairingId: null, minutes: null };
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
    assert.match(page.body, new RegExp(`SA-0*${neverLogged}: Amira Hussain at Matthew Arnold Primary School[\\s\\S]*?3 days[\\s\\S]*?0 days[\\s\\S]*?0%[\\s\\S]*?None yet`));
    assert.match(page.body, /Amira Hussain at Banks Road Primary School[\s\S]*?SLE deployment[\s\S]*?10 days[\s\S]*?2.5 days[\s\S]*?25%[\s\S]*?Monday 16 November 2026/);
    // Half a day a week for 52 weeks, plus 2 days of pairing.
    assert.match(page.body, /Ben Carter at Matthew Arnold Primary School[\s\S]*?LLE placement[\s\S]*?28 days[\s\S]*?0 days[\s\S]*?0%[\s\S]*?None yet/);
    assert.match(page.body, /Chloe Dunn at Matthew Arnold Primary School[\s\S]*?4 days[\s\S]*?1 day[\s\S]*?25%[\s\S]*?Sunday 18 October 2026/);

    const { rows } = await listDeliveryOverview(t.database.db, { allianceId, limit: 10, offset: 0 });
    for (const row of rows) {
      const found = await t.app.services.delivery.open(coordinator.user, row.id);
      assert.equal(row.agreedHalfDays, agreedHalfDays(found!.signed!), `agreed for ${row.id} matches the agreement page`);
    }
  });

  test('while a variation is agreed, the overview still counts the version every party signed', async () => {
    const before = (await listDeliveryOverview(t.database.db, { allianceId, limit: 10, offset: 0 })).rows.find((row) => row.id === neverLogged)!;
    const started = await t.app.services.agreementEditing.startVariation(coordinator.user, neverLogged, 'More days');
    assert.ok(started.ok);
    const saved = await t.app.services.agreementEditing.saveDeploymentTerms(coordinator.user, neverLogged, await deploymentTerms(t, { halfDays: 30, startDate: '2026-09-07', endDate: '2027-07-16' }));
    assert.ok(saved.ok, JSON.stringify(saved));
    const during = (await listDeliveryOverview(t.database.db, { allianceId, limit: 10, offset: 0 })).rows.find((row) => row.id === neverLogged)!;
    assert.deepEqual([during.status, during.agreedHalfDays], ['varying', before.agreedHalfDays]);
    const discarded = await t.app.services.agreementEditing.discardVariation(coordinator.user, neverLogged);
    assert.ok(discarded.ok);
  });

  test('no activity for N weeks: started more than N weeks ago, still running, nothing logged since; N in the URL, else the alliance’s setting (4 at first)', async () => {
    const fourWeeks = await t.app.inject({ url: '/staff/delivery?quiet=yes', cookies: coordinator.cookies });
    assert.match(fourWeeks.body, /2 agreements with nothing logged since Monday 26 October 2026/);
    assert.match(fourWeeks.body, /Amira Hussain at Matthew Arnold Primary School[\s\S]*Chloe Dunn/, 'never logged first, then the longest quiet');
    assert.doesNotMatch(fourWeeks.body, /Amira Hussain at Banks Road|Ben Carter at/, 'logged last week; the placement starts in January');

    const sixWeeks = await t.app.inject({ url: '/staff/delivery?quiet=yes&weeks=6', cookies: coordinator.cookies });
    assert.match(sixWeeks.body, /1 agreement with nothing logged since Monday 12 October 2026/, 'Chloe logged within 6 weeks');
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
    const [school] = rowsOf<{ urn: number }>(await t.database.db.execute(sql`select urn from schools where status = 'open' and urn <> ${EXAMPLE_SCHOOLS.palmerston.urn} order by urn limit 1`));
    const focus = await specialismId(t, 'Maths');
    await t.database.db.execute(sql`
      with made as (
        insert into agreements (alliance_id, kind, status, supported_school_urn, leader_id, home_school_urn, created_at)
        select ${allianceId}, 'sle-deployment', 'signed', ${school!.urn}, ${leaders.amiraHussain}, ${EXAMPLE_SCHOOLS.palmerston.urn}, now() from generate_series(1, 100000)
        returning id
      ), versions as (
        insert into agreement_versions (agreement_id, number, created_at, locked_at) select id, 1, now(), now() from made returning id, agreement_id
      )
      insert into deployment_terms (version_id, focus_specialism_id, half_days, visit_pattern, start_date, end_date, funding_type)
      select id, ${focus}, 10, 'Weekly', date '2026-09-07' + (agreement_id % 60), '2027-07-16', 'none' from versions`);
    await t.database.db.execute(sql`update agreements set current_version_id = agreement_versions.id from agreement_versions where agreements.id = agreement_versions.agreement_id and agreements.current_version_id is null`);
    await t.database.db.execute(sql`
      insert into delivery_logs (alliance_id, agreement_id, date, half_days, counted_half_days, activities, logged_at, logged_by_user_id)
      select ${allianceId}, a.id, date '2026-09-14' + ((a.id * 7 + n) % 70), 1, 1, '{coaching}', now(), ${coordinator.user.id}
      from agreements a cross join generate_series(1, 3) as n where a.id % 4 <> 0 and a.current_version_id is not null and a.status = 'signed' and a.leader_id = ${leaders.amiraHussain}`);
    await t.database.db.execute(sql`analyze`);

    const first = await listDeliveryOverview(t.database.db, { allianceId, limit: 50, offset: 0 });
    const quietPage = await listDeliveryOverview(t.database.db, { allianceId, quietSince: '2026-10-26', limit: 50, offset: 50 });
    assert.equal(first.total, 100_004);
    assert.equal(first.rows.length, 50);
    assert.ok(quietPage.total > 25_000, `a quarter never logged, and more with nothing recent: ${quietPage.total}`);
    assert.ok(quietPage.rows.every((row) => row.lastDate === null || row.lastDate <= '2026-10-26'));
    const page = await t.app.inject({ url: '/staff/delivery?page=2000', cookies: coordinator.cookies });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /100,004 agreements/);
  });
});
