import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { addLeader, linkUserToLeader } from '../../../test/support/leaders.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { loadLeader } from './leaders.service.ts';
import { errorSummary } from '../../../test/support/html.ts';
import { person, sessionCookiesFor, type Person } from '../../../test/support/people.ts';

describe('a system leader keeping their own profile', () => {
  let t: TestApp;
  let allianceId: number;
  let ownId: number;
  let otherId: number;
  let leader: Person;
  const snapshot = async (id: number) => {
    const { updatedAt: _updatedAt, ...rest } = (await loadLeader(t.database.db, allianceId, id))!;
    return rest;
  };

  before(async () => {
    t = await buildTestApp();
    allianceId = (await t.app.services.alliances.current()).id;
    ownId = await addLeader(t, {
      name: 'Imran Iqbal',
      email: 'imran@own.example',
      listed: false,
      listedConsentOn: null,
      phases: ['primary'],
      specialisms: ['Science'],
    });
    otherId = await addLeader(t, { name: 'Olga Other', email: 'olga@other.example', profile: 'Olga’s own words.' });
    leader = await person(t, { roles: ['system-leader'] });
    await linkUserToLeader(t, leader.user.id, ownId);
  });
  after(() => t.close());

  test('they see their own record, with what they may change and what they may not', async () => {
    const page = await t.app.inject({ url: '/staff/my-profile', cookies: leader.cookies });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<span class="govuk-caption-l">Imran Iqbal<\/span>/);
    assert.match(page.body, /SLE: designated, training due, review due 1 September 2028/);
    assert.match(page.body, /Designated, training due: core training for your SLE designation is not recorded yet/);
    assert.match(page.body, /You are not in the directory at the moment/);
    assert.match(page.body, /value="no" checked/);
    assert.doesNotMatch(page.body, /Olga/);
  });

  test('a problem is explained (400) with what they typed kept', async () => {
    const form = await openForm(t.app, '/staff/my-profile', leader.cookies);
    const response = await submitForm(
      t.app,
      '/staff/my-profile',
      { profile: 'x'.repeat(1501), phases: ['secondary', 'sixth-form'] },
      form,
    );
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorSummary(response.body), [
      { href: '#profile', text: 'Profile must be 1500 characters or fewer' },
      {
        href: '#phases',
        text: 'Phases must be from: early-years, primary, secondary, post-16, special, alternative-provision',
      },
      { href: '#listed', text: 'Select whether you agree to be listed in the public directory' },
    ]);
    assert.match(response.body, /value="secondary" checked/);
    assert.match(response.body, new RegExp(`>${'x'.repeat(1501)}</textarea>`));
  });

  test('they change their profile, phases and consent: listed at once, consent dated today, on their trail as their own change', async () => {
    const before = await snapshot(ownId);
    const otherBefore = await snapshot(otherId);
    const form = await openForm(t.app, '/staff/my-profile', leader.cookies);
    // Fields they may not change, and another leader's id, are ignored: the record is always theirs.
    const response = await submitForm(
      t.app,
      '/staff/my-profile',
      {
        profile: 'Science lead; I coach new subject leaders.',
        phases: ['primary', 'secondary'],
        listed: 'yes',
        name: 'Someone Else',
        email: 'olga@other.example',
        leaderId: String(otherId),
        type: 'nle',
        status: 'designated',
        specialisms: ['Maths'],
      },
      form,
    );
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/staff/my-profile');
    const after = await snapshot(ownId);
    assert.deepEqual(after, {
      ...before,
      profile: 'Science lead; I coach new subject leaders.',
      phases: ['primary', 'secondary'],
      listed: true,
      listedConsentOn: '2026-11-23',
    });
    assert.deepEqual(await snapshot(otherId), otherBefore);
    assert.equal((await t.app.inject({ url: `/system-leaders/${ownId}` })).statusCode, 200);

    const [event, ...more] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'leader'), eq(auditEvents.entityId, String(ownId))));
    assert.equal(more.length, 0);
    assert.deepEqual(
      [event!.action, event!.actorUserId, event!.before, event!.after],
      [
        'profile-changed',
        leader.user.id,
        { listed: false, listedConsentOn: null, phases: ['Primary'], profile: 'Leads maths across the school.' },
        {
          listed: true,
          listedConsentOn: '23 November 2026',
          phases: ['Primary', 'Secondary'],
          profile: 'Science lead; I coach new subject leaders.',
        },
      ],
    );

    // Consent given before keeps its date when they save again.
    t.clock.advance(3 * 86_400_000);
    leader.cookies = await sessionCookiesFor(t, leader.user);
    const again = await openForm(t.app, '/staff/my-profile', leader.cookies);
    assert.match(again.page.body, /Yes, list me \(you agreed on 23 November 2026\)/);
    await submitForm(
      t.app,
      '/staff/my-profile',
      { profile: 'Science lead.', phases: ['primary'], listed: 'yes' },
      again,
    );
    assert.equal((await snapshot(ownId)).listedConsentOn, '2026-11-23');

    const unlist = await submitForm(
      t.app,
      '/staff/my-profile',
      { profile: 'Science lead.', phases: ['primary'], listed: 'no' },
      again,
    );
    assert.equal(unlist.statusCode, 303);
    assert.equal(
      (await t.app.inject({ url: `/system-leaders/${ownId}` })).statusCode,
      404,
      'gone from the directory at once',
    );
  });

  test('nobody else’s profile: a coordinator without the role cannot use the page, and an unlinked account has no profile', async () => {
    const coordinator = await person(t, { roles: ['coordinator'] });
    assert.equal((await t.app.inject({ url: '/staff/my-profile', cookies: coordinator.cookies })).statusCode, 403);
    const unlinked = await person(t, { roles: ['system-leader'] });
    const page = await t.app.inject({ url: '/staff/my-profile', cookies: unlinked.cookies });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Your account is not linked to a system leader/);
    assert.doesNotMatch(page.body, /<form method="post" action="\/staff\/my-profile"/);
    const form = await openForm(t.app, '/staff', unlinked.cookies);
    const refused = await submitForm(t.app, '/staff/my-profile', { profile: 'Hijack', listed: 'yes' }, form);
    assert.equal(refused.statusCode, 404);
    assert.equal((await snapshot(otherId)).profile, 'Olga’s own words.');
    assert.equal((await snapshot(ownId)).profile, 'Science lead.');
  });

  test('an expired form is shown again with what they typed, and saves nothing', async () => {
    const form = await openForm(t.app, '/staff/my-profile', leader.cookies);
    const forged = await submitForm(
      t.app,
      '/staff/my-profile',
      { profile: 'Forged words', listed: 'yes' },
      { ...form, csrfToken: 'forged' },
    );
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /This form had expired, so nothing was saved/);
    assert.match(forged.body, />Forged words<\/textarea>/);
    assert.equal((await snapshot(ownId)).profile, 'Science lead.');
  });
  test('once a coordinator records their core training, their page no longer says training is due', async () => {
    const coordinator = await person(t, { roles: ['coordinator'] });
    const own = (await loadLeader(t.database.db, allianceId, ownId))!;
    const recorded = await t.app.services.designatedLeaders.recordCoreTraining(
      coordinator.user,
      ownId,
      own.designations[0]!.id,
      { on: '2024-10-01', provider: 'Alliance core training' },
    );
    assert.equal(recorded.ok, true);
    const page = await t.app.inject({ url: '/staff/my-profile', cookies: leader.cookies });
    assert.match(page.body, /SLE: designated, review due 1 September 2028/);
    assert.doesNotMatch(page.body, /training due/i);
  });
});
