import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import {
  designate,
  insertSentApplication,
  listingConsentEmails,
  listingTokenIn,
} from '../../../test/support/designation-outcomes.ts';
import { addLeader } from '../../../test/support/leaders.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { designations, directoryEntries, leaders, leaderSpecialisms } from '../leaders/leaders.tables.ts';
import { releaseConsents } from '../release/release.tables.ts';
import { specialismId } from '../../../test/support/agreements.ts';
import { applications } from './applications.tables.ts';
import { listingConsentRequests } from './designation-outcomes.tables.ts';
import { hashSecretToken } from '../../platform/identity/secret-tokens.ts';

describe('designating an applicant', () => {
  let t: TestApp;
  let chair: Person;
  before(async () => {
    // Friday 4 December 2026, the afternoon of the panel.
    t = await buildTestApp({ now: '2026-12-04T15:00:00Z' });
    chair = await person(t, { roles: ['panel-member'] });
  });
  after(() => t.close());

  const db = () => t.database.db;
  const leaderByEmail = async (email: string) =>
    (await db().select().from(leaders)).find((leader) => leader.email.toLowerCase() === email.toLowerCase());
  const trail = (entityType: string, entityId: number) =>
    db()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(entityId)))
      .then((rows) => rows.filter((row) => row.entityType === entityType));

  test('a new SLE: the leader, their designation, the release ledger, the listing email and the trail', async () => {
    const applicationId = await insertSentApplication(t, {
      name: 'Nadia Okafor',
      email: 'nadia.okafor@palmerston.example',
      jobTitle: 'Head of maths',
      phases: ['primary', 'secondary'],
      specialisms: ['Maths', 'SEN'],
      headReleaseDays: 20,
      chairReleaseDays: 15,
      consentedAt: '2026-10-05T23:30:00Z',
    });
    const designated = await designate(t, applicationId, '2026-12-04', chair.user.id);

    const leader = (await leaderByEmail('nadia.okafor@palmerston.example'))!;
    assert.equal(designated.leaderId, leader.id);
    assert.deepEqual(
      { name: leader.name, jobTitle: leader.jobTitle, school: leader.homeSchoolUrn, phases: leader.phases },
      {
        name: 'Nadia Okafor',
        jobTitle: 'Head of maths',
        school: EXAMPLE_SCHOOLS.palmerston.urn,
        phases: ['primary', 'secondary'],
      },
    );
    assert.equal(leader.listed, false, 'not listed until they say yes');
    const held = await db().select().from(leaderSpecialisms).where(eq(leaderSpecialisms.leaderId, leader.id));
    assert.deepEqual(
      held.map((row) => row.specialismId).sort((a, b) => a - b),
      [await specialismId(t, 'Maths'), await specialismId(t, 'SEN')].sort((a, b) => a - b),
    );

    const [designation] = await db().select().from(designations).where(eq(designations.leaderId, leader.id));
    assert.deepEqual(
      { ...designation, id: undefined, leaderId: undefined },
      {
        id: undefined,
        leaderId: undefined,
        type: 'sle',
        status: 'designated',
        startDate: '2026-12-04',
        reviewDate: '2030-12-04',
        coreTrainingOn: null,
        coreTrainingProvider: null,
      },
    );
    assert.equal(designated.designationId, designation!.id);

    const [entry] = await db().select().from(directoryEntries).where(eq(directoryEntries.leaderId, leader.id));
    assert.equal(entry?.listed, false);
    assert.equal(entry?.trainingDue, true, 'designated, training due');

    const [consent] = await db().select().from(releaseConsents).where(eq(releaseConsents.leaderId, leader.id));
    assert.deepEqual(
      {
        startYear: consent?.startYear,
        releasedHalfDays: consent?.releasedHalfDays,
        head: [consent?.headName, consent?.headConsentedOn],
        chair: [consent?.chairName, consent?.chairConsentedOn],
        by: consent?.recordedByUserId,
      },
      {
        startYear: 2026,
        releasedHalfDays: 30,
        // 23:30 on 5 October UTC is 00:30 on the 6th in London.
        head: ['Hana Head', '2026-10-06'],
        chair: ['Carl Chair', '2026-10-06'],
        by: chair.user.id,
      },
      'the fewer of the days each agreed, in the academic year of the decision',
    );

    const [application] = await db().select().from(applications).where(eq(applications.id, applicationId));
    assert.equal(application?.leaderId, leader.id);

    const [email] = (await listingConsentEmails(t)).filter((message) => message.recipient === leader.email);
    assert.ok(email, 'the new leader is asked to be listed');
    assert.match(email.subject, /designated as a Specialist Leader of Education \(SLE\)/);
    assert.match(email.body, /The link expires on Sunday 3 January 2027/);
    const [request] = await db()
      .select()
      .from(listingConsentRequests)
      .where(eq(listingConsentRequests.leaderId, leader.id));
    assert.equal(request?.applicationId, applicationId);
    assert.equal(request?.tokenHash, hashSecretToken(listingTokenIn(email.body)), 'only the hash is kept');

    const leaderTrail = await trail('leader', leader.id);
    assert.deepEqual(leaderTrail.map((event) => event.action).sort(), ['designated', 'release-recorded']);
    const [applicationEvent] = await trail('application', applicationId);
    assert.equal(applicationEvent?.action, 'designated');
    assert.equal(applicationEvent?.actorUserId, chair.user.id);
    assert.deepEqual(applicationEvent?.after, {
      leader: `Nadia Okafor (leader ${leader.id}, added to the register)`,
      designation: 'SLE, started 4 December 2026, review due 4 December 2030',
      release: '15 days a year, recorded in the ledger for 2026/27',
      listingAsked: true,
    });
  });

  test('a leader already on the register (by email) is brought up to date, keeping their listing and profile', async () => {
    const leaderId = await addLeader(t, {
      name: 'Omar Reid',
      email: 'omar.reid@school.example',
      homeSchoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
      profile: 'Coaches new heads.',
      specialisms: ['SEN'],
      phases: ['secondary'],
      listed: true,
      listedConsentOn: '2025-03-03',
      designations: [{ type: 'lle', status: 'designated', startDate: '2022-09-01', reviewDate: null }],
    });
    const applicationId = await insertSentApplication(t, {
      name: 'Omar Reid',
      email: 'OMAR.REID@school.example',
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      specialisms: ['Maths'],
      phases: ['primary'],
    });
    const before = (await listingConsentEmails(t)).length;
    const designated = await designate(t, applicationId, '2026-12-04');

    assert.equal(designated.leaderId, leaderId);
    assert.equal(designated.listingAsked, false, 'already listed: nothing to ask');
    assert.equal((await listingConsentEmails(t)).length, before);
    const leader = (await leaderByEmail('omar.reid@school.example'))!;
    assert.deepEqual(
      [leader.homeSchoolUrn, leader.profile, leader.listed, leader.listedConsentOn, leader.phases],
      [EXAMPLE_SCHOOLS.matthewArnold.urn, 'Coaches new heads.', true, '2025-03-03', ['secondary', 'primary']],
    );
    const held = await db().select().from(designations).where(eq(designations.leaderId, leaderId));
    assert.deepEqual(held.map((row) => row.type).sort(), ['lle', 'sle']);
    const specialisms = await db().select().from(leaderSpecialisms).where(eq(leaderSpecialisms.leaderId, leaderId));
    assert.equal(specialisms.length, 2, 'the SEN they held and the maths they applied with');
  });

  test('an LLE is designated without a release in the ledger (the ledger is for SLEs)', async () => {
    const applicationId = await insertSentApplication(t, {
      designationType: 'lle',
      email: 'lle.applicant@school.example',
    });
    const designated = await designate(t, applicationId, '2027-02-01');
    assert.equal(designated.releaseYear, undefined);
    assert.equal(designated.reviewDate, '2031-02-01');
    assert.deepEqual(
      await db().select().from(releaseConsents).where(eq(releaseConsents.leaderId, designated.leaderId)),
      [],
    );
  });

  test('an SLE whose chair has not consented is designated, with no release recorded', async () => {
    const applicationId = await insertSentApplication(t, { email: 'no.chair@school.example', chairReleaseDays: null });
    const designated = await designate(t, applicationId, '2026-12-04');
    assert.equal(designated.releaseYear, undefined);
    const [event] = await trail('application', applicationId);
    assert.match(String((event?.after as Record<string, unknown>).release), /not both given/);
  });

  test('the alliance’s years of designation set the review date', async () => {
    const admin = await person(t, { roles: ['administrator'] });
    const rules = await t.app.services.designationRules.rules();
    await t.app.services.designationRules.changeRules(admin.user, { ...rules, designationYears: 3 });
    const applicationId = await insertSentApplication(t, { email: 'three.years@school.example' });
    assert.equal((await designate(t, applicationId, '2028-02-29')).reviewDate, '2031-02-28');
    await t.app.services.designationRules.changeRules(admin.user, rules);
  });

  test('designating reads nothing outside the transaction (on PGlite that would wait for it for ever)', async () => {
    const applicationId = await insertSentApplication(t, { email: 'cache.lapsed@school.example' });
    // Past the alliance settings' cache, so they are read again.
    t.clock.advance(60_000);
    const designated = await Promise.race([
      designate(t, applicationId, '2026-12-04'),
      new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 10_000).unref()),
    ]);
    assert.notEqual(designated, 'waiting');
    t.clock.set('2026-12-04T15:00:00Z');
  });

  test('a designation whose decision then fails leaves nothing behind', async () => {
    const applicationId = await insertSentApplication(t, { email: 'rolled.back@school.example' });
    const emails = (await listingConsentEmails(t)).length;
    await assert.rejects(
      db().transaction(async (tx) => {
        await t.app.services.designationOutcomes.designate(tx, {
          applicationId,
          decidedOn: '2026-12-04',
          byUserId: null,
        });
        throw new Error('the panel’s decision could not be saved');
      }),
      /could not be saved/,
    );
    assert.equal(await leaderByEmail('rolled.back@school.example'), undefined);
    const [application] = await db().select().from(applications).where(eq(applications.id, applicationId));
    assert.equal(application?.leaderId, null);
    assert.equal((await listingConsentEmails(t)).length, emails);
    assert.deepEqual(await trail('application', applicationId), []);
  });

  test('a designation that fails part-way (the ledger refusing the release) leaves nothing behind', async () => {
    const applicationId = await insertSentApplication(t, { email: 'part.way@school.example' });
    const emails = (await listingConsentEmails(t)).length;
    await db().execute(sql`create function refuse_release() returns trigger language plpgsql as $$
      begin raise exception 'the ledger refused the release'; end $$`);
    await db().execute(
      sql`create trigger refuse_release before insert on release_consents for each row execute function refuse_release()`,
    );
    try {
      await assert.rejects(designate(t, applicationId, '2026-12-04'));
    } finally {
      await db().execute(sql`drop trigger refuse_release on release_consents`);
      await db().execute(sql`drop function refuse_release`);
    }
    assert.equal(await leaderByEmail('part.way@school.example'), undefined, 'the leader written before it is gone');
    const [application] = await db().select().from(applications).where(eq(applications.id, applicationId));
    assert.equal(application?.leaderId, null);
    assert.equal((await listingConsentEmails(t)).length, emails);
    assert.deepEqual(await trail('application', applicationId), []);
  });

  test('an application not sent, or withdrawn, cannot be designated', async () => {
    for (const status of ['started', 'withdrawn'] as const) {
      const applicationId = await insertSentApplication(t, { status, email: `${status}@school.example` });
      await assert.rejects(designate(t, applicationId, '2026-12-04'), /cannot be designated/);
      assert.equal(await leaderByEmail(`${status}@school.example`), undefined);
    }
    await assert.rejects(designate(t, 999_999, '2026-12-04'), /not the alliance’s|not the alliance's/);
  });
});
