import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { readyAgreement, signEveryParty, specialismId } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { analyse, bulkDeployments, bulkReleaseConsents, bulkSleLeaders } from '../../../test/support/at-scale.ts';
import { openSchoolsOtherThan } from '../../../test/support/schools.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { halfDaysForMinutes } from '../visits/delivery-time.ts';
import { insertDeliveryLog } from '../visits/visits.repository.ts';
import { deliveredHalfDaysByLeader } from './delivered-days.repository.ts';
import { releasePositions } from './release.service.ts';
import { releaseConsents } from './release.tables.ts';
import { errorSummary, formFields, linksOf, textsOf } from '../../../test/support/html.ts';
import { type Person, person } from '../../../test/support/people.ts';

describe('the release ledger', () => {
  let t: TestApp;
  let leaders: Awaited<ReturnType<typeof addExampleLeaders>>;
  let coordinator: Person;
  let allianceId: number;
  before(async () => {
    t = await buildTestApp();
    leaders = await addExampleLeaders(t, 'amiraHussain', 'chloeDunn', 'carysJones', 'benCarter');
    coordinator = await person(t, { roles: ['coordinator'], name: 'Bethan Morgan' });
    allianceId = (await t.app.services.alliances.current()).id;
  });
  after(() => t.close());

  async function addLeaderElsewhere(otherAllianceId: number): Promise<number> {
    const { saveLeader } = await import('../leaders/leaders.service.ts');
    const saved = await t.database.db.transaction((tx) =>
      saveLeader(
        tx,
        otherAllianceId,
        {
          name: 'Other Leader',
          email: 'other@elsewhere.example',
          homeSchoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
          profile: '',
          phases: [],
          listed: false,
          specialisms: [],
          designations: [{ type: 'sle', status: 'designated', startDate: '2024-09-01' }],
        },
        t.clock.now(),
      ),
    );
    assert.ok(saved.ok);
    return saved.leaderId;
  }

  const consent = (leaderId: number, startYear: number, releasedHalfDays: number) =>
    t.database.db.insert(releaseConsents).values({
      allianceId,
      leaderId,
      startYear,
      releasedHalfDays,
      headName: 'Head',
      headConsentedOn: '2026-09-01',
      chairName: 'Chair',
      chairConsentedOn: '2026-09-02',
      recordedAt: t.clock.now(),
    });

  test('a deployment counts in full in the academic year of its start date: 31 August and 1 September fall in different years', async () => {
    const amira = leaders.amiraHussain;
    // Starting on the last day of 2026/27 (and running into 2027/28): all 4 days count in 2026/27.
    await readyAgreement(t, coordinator.user, {
      leaderId: amira,
      terms: { halfDays: 8, startDate: '2027-08-31', endDate: '2027-12-17' },
    });
    // Starting on the first day of 2027/28.
    await readyAgreement(t, coordinator.user, {
      leaderId: amira,
      terms: { halfDays: 5, startDate: '2027-09-01', endDate: '2027-10-22' },
    });
    // The first day of 2026/27, and one in the year before it.
    await readyAgreement(t, coordinator.user, {
      leaderId: amira,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      terms: { halfDays: 3, startDate: '2026-09-01', endDate: '2026-09-30' },
    });
    await readyAgreement(t, coordinator.user, {
      leaderId: amira,
      terms: { halfDays: 7, startDate: '2026-08-31', endDate: '2026-10-30' },
    });
    await consent(amira, 2026, 30);

    const positions = async (startYear: number) =>
      (await releasePositions(t.database.db, allianceId, startYear, [amira])).get(amira);
    assert.deepEqual(await positions(2025), { releasedHalfDays: null, committedHalfDays: 7, deliveredHalfDays: 0 });
    assert.deepEqual(await positions(2026), { releasedHalfDays: 30, committedHalfDays: 11, deliveredHalfDays: 0 });
    assert.deepEqual(await positions(2027), { releasedHalfDays: null, committedHalfDays: 5, deliveredHalfDays: 0 });
  });

  test('commitments are each deployment’s current version; withdrawn deployments and LLE placements do not count', async () => {
    const chloe = leaders.chloeDunn;
    const kept = await readyAgreement(t, coordinator.user, {
      leaderId: chloe,
      terms: { halfDays: 10, startDate: '2026-11-30', endDate: '2027-03-26' },
    });
    const dropped = await readyAgreement(t, coordinator.user, {
      leaderId: chloe,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      terms: { halfDays: 6, startDate: '2027-01-04', endDate: '2027-02-05' },
    });
    const committed = async () =>
      (await releasePositions(t.database.db, allianceId, 2026, [chloe])).get(chloe)?.committedHalfDays;
    assert.equal(await committed(), 16);
    assert.ok(
      (await t.app.services.agreements.withdraw(coordinator.user, dropped, 'The school found support elsewhere')).ok,
    );
    assert.equal(await committed(), 10);

    // Signed, then varied to 7 days: the variation being agreed is the current version, so 14 half days count.
    const draft = (await t.app.services.agreements.find(coordinator.user, kept))!;
    await signEveryParty(t, kept, {
      coordinator,
      supportedSchool: await person(t, { roles: ['school-contact'], schoolUrn: draft.supportedSchool.urn }),
      homeSchool: await person(t, { roles: ['school-contact'], schoolUrn: draft.homeSchool.urn }),
    });
    const varied = await t.app.services.agreementEditing.startVariation(coordinator.user, kept, 'Four more days');
    assert.ok(varied.ok);
    const terms = (await t.app.services.agreements.find(coordinator.user, kept))!.version.terms!;
    const {
      kind: _kind,
      versionId: _version,
      focusSpecialismName: _name,
      ...fields
    } = terms as typeof terms & { focusSpecialismName: string };
    assert.ok(
      (
        await t.app.services.agreementEditing.saveDeploymentTerms(coordinator.user, kept, {
          ...(fields as Parameters<typeof t.app.services.agreementEditing.saveDeploymentTerms>[2]),
          halfDays: 14,
        })
      ).ok,
    );
    assert.equal(await committed(), 14);

    await readyAgreement(t, coordinator.user, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    assert.deepEqual(
      (await releasePositions(t.database.db, allianceId, 2026, [leaders.benCarter])).get(leaders.benCarter),
      { releasedHalfDays: null, committedHalfDays: 0, deliveredHalfDays: 0 },
    );
  });

  test('released is null without consent and 0 with consent to none; every SLE is in the map, and no other alliance’s', async () => {
    await consent(leaders.carysJones, 2026, 0);
    const all = await releasePositions(t.database.db, allianceId, 2026);
    assert.deepEqual(
      [...all.keys()].sort(),
      [leaders.amiraHussain, leaders.chloeDunn, leaders.carysJones].sort(),
      'every SLE, and not the LLE',
    );
    assert.equal(all.get(leaders.carysJones)?.releasedHalfDays, 0);
    assert.equal(all.get(leaders.chloeDunn)?.releasedHalfDays, null);
    assert.deepEqual(await releasePositions(t.database.db, allianceId, 2026, []), new Map());

    const [other] = await t.database.db
      .insert(alliances)
      .values({
        slug: 'elsewhere',
        name: 'Elsewhere',
        addressLines: ['1 Road'],
        telephone: '0151 000 0000',
        email: 'a@elsewhere.example',
        website: 'https://elsewhere.example',
      })
      .returning();
    const theirs = await addLeaderElsewhere(other!.id);
    await t.database.db.insert(releaseConsents).values({
      allianceId: other!.id,
      leaderId: theirs,
      startYear: 2026,
      releasedHalfDays: 99,
      headName: 'H',
      headConsentedOn: '2026-09-01',
      chairName: 'C',
      chairConsentedOn: '2026-09-01',
      recordedAt: t.clock.now(),
    });
    assert.equal((await releasePositions(t.database.db, allianceId, 2026)).has(theirs), false);
    assert.deepEqual(
      [...(await releasePositions(t.database.db, other!.id, 2026))],
      [[theirs, { releasedHalfDays: 99, committedHalfDays: 0, deliveredHalfDays: 0 }]],
    );
  });

  test('the ledger page warns when commitments pass the release, beside the alliance’s typical figure; so does the agreement', async () => {
    const amira = leaders.amiraHussain;
    const page = await t.app.inject({
      url: `/staff/release-ledger/${amira}?year=2026/27`,
      cookies: coordinator.cookies,
    });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /govuk-warning-text/, '5.5 days of 15 released');
    assert.match(page.body, /Typical for the alliance[\s\S]*15 days a year/);
    assert.deepEqual(textsOf(page.body, '.govuk-breadcrumbs__list-item'), ['Staff home', 'Release ledger']);
    const yearLinks = linksOf(page.body, 'main p a');
    assert.deepEqual(yearLinks.slice(0, 2), [
      { text: 'Previous year: 2025/26', href: `/staff/release-ledger/${amira}?year=2025/26` },
      { text: 'Next year: 2027/28', href: `/staff/release-ledger/${amira}?year=2027/28` },
    ]);

    const big = await readyAgreement(t, coordinator.user, {
      leaderId: amira,
      terms: { halfDays: 24, startDate: '2027-03-01', endDate: '2027-07-16' },
    });
    const warned = await t.app.inject({
      url: `/staff/release-ledger/${amira}?year=2026/27`,
      cookies: coordinator.cookies,
    });
    assert.match(
      warned.body,
      /Amira Hussain has 17.5 days committed in 2026\/27: more than the 15 days the school agreed to release/,
    );
    const agreement = await t.app.inject({ url: `/staff/agreements/${big}`, cookies: coordinator.cookies });
    assert.match(
      agreement.body,
      /Amira Hussain has 17.5 days committed in 2026\/27: more than the 15 days the school agreed to release/,
    );
    // The over-commitment is the home school's business, not the supported school's.
    const overCommitted = /more than the 15 days the school agreed to release/;
    const supportedContact = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn });
    const supportedView = await t.app.inject({ url: `/staff/agreements/${big}`, cookies: supportedContact.cookies });
    assert.equal(supportedView.statusCode, 200);
    assert.doesNotMatch(supportedView.body, overCommitted);
    const homeContact = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn });
    assert.match(
      (await t.app.inject({ url: `/staff/agreements/${big}`, cookies: homeContact.cookies })).body,
      overCommitted,
    );
    const unreleased = await t.app.inject({
      url: `/staff/release-ledger/${amira}?year=2027/28`,
      cookies: coordinator.cookies,
    });
    assert.match(unreleased.body, /2.5 days committed in 2027\/28, but no release has been agreed for that year/);

    const overview = await t.app.inject({
      url: '/staff/release-ledger?year=2026/27&over=yes',
      cookies: coordinator.cookies,
    });
    assert.match(overview.body, /2 SLEs with a warning/);
    assert.match(overview.body, /Amira Hussain[\s\S]*?15 days[\s\S]*?17.5 days[\s\S]*?0 days[\s\S]*?Over release/);
    assert.match(overview.body, /Chloe Dunn[\s\S]*?Not recorded[\s\S]*?7 days[\s\S]*?No release agreed/);
    assert.doesNotMatch(overview.body, /Carys Jones/);
    assert.match(
      (await t.app.inject({ url: '/staff/release-ledger?year=2026/27', cookies: coordinator.cookies })).body,
      /3 SLEs/,
    );
  });

  test('recording consent: days, both names and dates, checked, kept when wrong, audited', async () => {
    const chloe = leaders.chloeDunn;
    const url = `/staff/release-ledger/${chloe}/consent/2026`;
    const form = await openForm(t.app, url, coordinator.cookies);
    const empty = await submitForm(t.app, url, {}, form);
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#releasedDays', text: 'Enter the days the school agreed to release' },
      { href: '#headName', text: 'Enter the headteacher’s name' },
      { href: '#headConsentedOn-day', text: 'Enter the date the headteacher agreed' },
      { href: '#chairName', text: 'Enter the chair of governors’ name' },
      { href: '#chairConsentedOn-day', text: 'Enter the date the chair of governors agreed' },
    ]);
    const fields = {
      releasedDays: '12.5',
      headName: 'Gwen Ellis',
      'headConsentedOn-day': '4',
      'headConsentedOn-month': '9',
      'headConsentedOn-year': '2026',
      chairName: 'Rob Nuttall',
      'chairConsentedOn-day': '24',
      'chairConsentedOn-month': '11',
      'chairConsentedOn-year': '2026',
    };
    const future = await submitForm(t.app, url, fields, form);
    assert.deepEqual(errorSummary(future.body), [
      { href: '#chairConsentedOn-day', text: 'The date the chair of governors agreed must be today or in the past' },
    ]);
    assert.deepEqual(formFields(future.body), fields, 'everything typed is kept');
    const saved = await submitForm(t.app, url, { ...fields, 'chairConsentedOn-day': '23' }, form);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/staff/release-ledger/${chloe}?year=2026/27`);
    const [row] = await t.database.db
      .select()
      .from(releaseConsents)
      .where(
        and(
          eq(releaseConsents.leaderId, chloe),
          eq(releaseConsents.startYear, 2026),
          eq(releaseConsents.allianceId, allianceId),
        ),
      );
    assert.deepEqual(
      [row?.releasedHalfDays, row?.headName, row?.headConsentedOn, row?.chairName, row?.chairConsentedOn],
      [25, 'Gwen Ellis', '2026-09-04', 'Rob Nuttall', '2026-11-23'],
    );
    const page = await t.app.inject({
      url: `/staff/release-ledger/${chloe}?year=2026/27`,
      cookies: coordinator.cookies,
    });
    assert.match(page.body, /Gwen Ellis, on Friday 4 September 2026/);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'leader'), eq(auditEvents.action, 'release-recorded')));
    assert.deepEqual(event?.after, {
      year: '2026/27',
      released: '12.5 days',
      head: 'Gwen Ellis, 2026-09-04',
      chair: 'Rob Nuttall, 2026-11-23',
    });
    assert.equal(
      (
        await t.app.inject({
          url: `/staff/release-ledger/${leaders.benCarter}/consent/2026`,
          cookies: coordinator.cookies,
        })
      ).statusCode,
      404,
      'LLEs have no release ledger',
    );
  });

  test('a system leader sees their own ledger and agreements, and nobody else’s', async () => {
    const amira = await person(t, { roles: ['system-leader'], leaderId: leaders.amiraHussain });
    const own = await t.app.inject({ url: '/staff/release-ledger', cookies: amira.cookies });
    assert.equal(own.statusCode, 303);
    assert.match(String(own.headers.location), new RegExp(`^/staff/release-ledger/${leaders.amiraHussain}$`));
    const ledger = await t.app.inject({ url: `/staff/release-ledger/${leaders.amiraHussain}`, cookies: amira.cookies });
    assert.equal(ledger.statusCode, 200);
    assert.doesNotMatch(ledger.body, /\/consent\//, 'no link to change the release');
    assert.equal(
      (await t.app.inject({ url: `/staff/release-ledger/${leaders.chloeDunn}`, cookies: amira.cookies })).statusCode,
      404,
    );
    const list = await t.app.inject({ url: '/staff/agreements', cookies: amira.cookies });
    assert.match(list.body, /Amira Hussain at/);
    assert.doesNotMatch(list.body, /Chloe Dunn at/);
    const ben = await person(t, { roles: ['system-leader'], leaderId: leaders.benCarter });
    const lle = await t.app.inject({ url: '/staff/release-ledger', cookies: ben.cookies });
    assert.equal(lle.statusCode, 200, 'an LLE is told why there is no ledger, not sent to a 404');
    assert.match(
      textsOf(lle.body, 'main').join(' '),
      /You are not designated as an SLE, so there is no ledger for you/,
    );
    const unlinked = await person(t, { roles: ['system-leader'] });
    assert.match(
      (await t.app.inject({ url: '/staff/release-ledger', cookies: unlinked.cookies })).body,
      /not linked to a system leader’s record/,
    );
  });

  test('releasePositions answers for 10,000 SLEs, and the table matching joins agrees with it', async () => {
    // node-postgres and PGlite both answer with { rows }.
    const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
    const [school] = await openSchoolsOtherThan(t, [EXAMPLE_SCHOOLS.bankRoad.urn]);
    const ids = await bulkSleLeaders(t, { count: 10_000, homeSchoolUrn: school!.urn, emailDomain: 'national.example' });
    // Half of them with a deployment starting in 2026/27, every third with consent.
    const deployed = ids.filter((id) => id % 2 === 0);
    await bulkDeployments(t, {
      count: deployed.length,
      status: 'draft',
      leaderId: (n) => deployed[n - 1]!,
      supportedSchoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
      homeSchoolUrn: school!.urn,
      focusSpecialismId: await specialismId(t, 'Maths'),
      halfDays: 6,
      dates: () => ({ startDate: '2026-10-05', endDate: '2026-12-18' }),
    });
    await bulkReleaseConsents(
      t,
      ids.filter((id) => id % 3 === 0),
      2026,
      20,
    );
    await analyse(t);

    const everyone = await releasePositions(t.database.db, allianceId, 2026);
    const some = await releasePositions(t.database.db, allianceId, 2026, ids);
    assert.equal(everyone.size, 10_003);
    assert.equal(some.size, 10_000);
    const sample = ids.find((id) => id % 6 === 0)!;
    assert.deepEqual(some.get(sample), { releasedHalfDays: 20, committedHalfDays: 6, deliveredHalfDays: 0 });
    assert.deepEqual(some.get(ids.find((id) => id % 2 === 1 && id % 3 !== 0)!), {
      releasedHalfDays: null,
      committedHalfDays: 0,
      deliveredHalfDays: 0,
    });

    // The same positions as a table, for leaders with a release or a commitment (others join to nothing).
    const table = rowsOf<{ leader_id: number; released_half_days: number | null; committed_half_days: number }>(
      await t.database.db.execute(sql`select * from ${t.app.services.release.positionsTable(allianceId, 2026)}`),
    );
    const recorded = [...everyone].filter(
      ([, position]) => position.releasedHalfDays !== null || position.committedHalfDays > 0,
    );
    assert.ok(recorded.length > 6_000);
    assert.deepEqual(
      new Map(
        table.map((row) => [
          Number(row.leader_id),
          {
            releasedHalfDays: row.released_half_days === null ? null : Number(row.released_half_days),
            committedHalfDays: Number(row.committed_half_days),
          },
        ]),
      ),
      new Map(
        recorded.map(([id, position]) => [
          id,
          { releasedHalfDays: position.releasedHalfDays, committedHalfDays: position.committedHalfDays },
        ]),
      ),
    );
  });

  test('delivered: the leader’s own logs on deployments, counted in the academic year each is dated in (31 August and 1 September apart)', async () => {
    const amira = leaders.amiraHussain;
    const deployment = await readyAgreement(t, coordinator.user, {
      leaderId: amira,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      terms: { halfDays: 40, startDate: '2025-09-01', endDate: '2028-07-21' },
    });
    const placement = await readyAgreement(t, coordinator.user, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    const pairing = await t.app.services.agreementEditing.addPairing(coordinator.user, placement, {
      leaderSchoolRole: 'Deputy',
      leaderSchoolName: null,
      supportedSchoolRole: 'Deputy',
      supportedSchoolName: null,
      specialismId: await specialismId(t, 'SEN'),
      halfDays: 4,
    });
    assert.ok(pairing.ok);
    const log = (
      agreementId: number,
      date: string,
      time: { halfDays?: number; minutes?: number },
      pairingId: number | null = null,
    ) => {
      const counted = time.halfDays ?? halfDaysForMinutes(time.minutes!);
      return insertDeliveryLog(
        t.database.db,
        {
          allianceId,
          agreementId,
          date,
          pairingId,
          halfDays: time.halfDays ?? null,
          minutes: time.minutes ?? null,
          countedHalfDays: counted,
          activities: ['coaching'],
          loggedAt: t.clock.now(),
          loggedByUserId: coordinator.user.id,
        },
        [],
      );
    };
    await log(deployment, '2026-08-31', { halfDays: 3 });
    await log(deployment, '2026-09-01', { halfDays: 2 });
    await log(deployment, '2027-03-10', { minutes: 200 });
    await log(deployment, '2027-08-31', { minutes: 90 });
    await log(deployment, '2027-09-01', { halfDays: 5 });
    // Paired staff's time, and a placement's, are not the SLE's release.
    await log(deployment, '2027-01-20', { halfDays: 4 }, pairing.value);
    await log(placement, '2027-01-20', { halfDays: 6 });

    const delivered = async (startYear: number) =>
      await releasePositions(t.database.db, allianceId, startYear, [amira, leaders.benCarter]);
    assert.deepEqual(
      [
        (await delivered(2025)).get(amira)?.deliveredHalfDays,
        (await delivered(2026)).get(amira)?.deliveredHalfDays,
        (await delivered(2027)).get(amira)?.deliveredHalfDays,
      ],
      [3, 2 + 2 + 1, 5],
    );
    assert.equal((await delivered(2026)).get(leaders.benCarter)?.deliveredHalfDays, 0);
    assert.deepEqual(await deliveredHalfDaysByLeader(t.database.db, allianceId, 2026, []), new Map());
    assert.deepEqual(
      await deliveredHalfDaysByLeader(t.database.db, allianceId + 1, 2026),
      new Map(),
      'another alliance’s view holds none of them',
    );
    const ledger = await t.app.inject({
      url: `/staff/release-ledger/${amira}?year=2026/27`,
      cookies: coordinator.cookies,
    });
    assert.match(ledger.body, /Delivered\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*2.5 days/);
  });
});
