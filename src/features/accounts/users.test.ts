import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { userRoles, users } from '../../platform/identity/identity.tables.ts';
import {
  GOOD_PASSWORD,
  person,
  sessionCookiesFor,
  signInThroughForm,
  type Person,
} from '../../../test/support/people.ts';
import { errorSummary } from '../../../test/support/html.ts';

describe('administrators managing staff accounts', () => {
  let t: TestApp;
  let admin: Person;
  before(async () => {
    t = await buildTestApp();
    admin = await person(t, { roles: ['administrator'] });
  });
  after(() => t.close());

  const auditFor = (userId: number) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'user'), eq(auditEvents.entityId, String(userId))))
      .orderBy(auditEvents.id);

  test('lists everyone with a role in the alliance, with their status', async () => {
    const invited = await person(t, {
      signedIn: false,
      roles: ['school-contact'],
      password: null,
      schoolUrn: 104516,
      name: 'Invited Ivy',
    });
    const page = await t.app.inject({ url: '/staff/users', cookies: admin.cookies });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`href="/staff/users/${invited.id}">Invited Ivy</a>`));
    assert.match(page.body, /School contact<\/td>\s*<td class="govuk-table__cell">Invited<\/td>/);
  });

  test('an invitation with problems is explained, with status 400 and everything typed kept', async () => {
    const form = await openForm(t.app, '/staff/users/invite', admin.cookies);
    const empty = await submitForm(t.app, '/staff/users/invite', {}, form);
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#name', text: 'Enter the person’s full name' },
      { href: '#email', text: 'Enter the person’s email address' },
      { href: '#jobTitle', text: 'Enter the person’s job title' },
      { href: '#roles', text: 'Select at least one role' },
    ]);

    const existing = await person(t, { signedIn: false, roles: ['coordinator'] });
    const fields = {
      name: 'Sam Lee',
      email: existing.email.toUpperCase(),
      jobTitle: 'Head of maths',
      roles: ['school-contact', 'system-leader'],
      schoolUrn: '',
    };
    const clash = await submitForm(t.app, '/staff/users/invite', fields, form);
    assert.equal(clash.statusCode, 400);
    assert.deepEqual(errorSummary(clash.body), [
      { href: '#email', text: 'There is already an account with this email address' },
      { href: '#schoolUrn', text: 'Enter the URN of the school this school contact works for' },
    ]);
    assert.match(clash.body, /value="Sam Lee"/);
    assert.match(clash.body, /value="Head of maths"/);
    assert.match(clash.body, /value="school-contact" checked/);
    assert.match(clash.body, /value="system-leader" checked/);
    assert.doesNotMatch(clash.body, /value="coordinator" checked/);

    const badUrn = await submitForm(
      t.app,
      '/staff/users/invite',
      { ...fields, email: 'sam.lee@school.example', schoolUrn: '12' },
      form,
    );
    assert.deepEqual(errorSummary(badUrn.body), [
      { href: '#schoolUrn', text: 'Enter the school’s URN, a number of 5 to 7 digits' },
    ]);
    const unknownUrn = await submitForm(
      t.app,
      '/staff/users/invite',
      { ...fields, email: 'sam.lee@school.example', schoolUrn: '999999' },
      form,
    );
    assert.deepEqual(errorSummary(unknownUrn.body), [
      { href: '#schoolUrn', text: 'No school in England has the URN 999999' },
    ]);
    assert.equal((await t.database.db.select().from(users).where(eq(users.email, 'sam.lee@school.example'))).length, 0);
  });

  test('inviting, changing roles, deactivating and reactivating are each recorded in the user’s history', async () => {
    const form = await openForm(t.app, '/staff/users/invite', admin.cookies);
    const invited = await submitForm(
      t.app,
      '/staff/users/invite',
      { name: 'Omar Said', email: 'omar.said@school.example', jobTitle: 'SENCo', roles: ['system-leader'] },
      form,
    );
    assert.equal(invited.statusCode, 303);
    const id = Number(/\/staff\/users\/(\d+)$/.exec(invited.headers.location as string)![1]);

    const rolesForm = await openForm(t.app, `/staff/users/${id}/roles`, admin.cookies);
    assert.match(rolesForm.page.body, /value="system-leader" checked/);
    const none = await submitForm(t.app, `/staff/users/${id}/roles`, { schoolUrn: '' }, rolesForm);
    assert.equal(none.statusCode, 400);
    assert.deepEqual(errorSummary(none.body), [{ href: '#roles', text: 'Select at least one role' }]);
    const changed = await submitForm(
      t.app,
      `/staff/users/${id}/roles`,
      { roles: ['coordinator', 'system-leader'], schoolUrn: '' },
      rolesForm,
    );
    assert.equal(changed.statusCode, 303);
    const roles = await t.database.db.select().from(userRoles).where(eq(userRoles.userId, id));
    assert.deepEqual(roles.map((row) => row.role).sort(), ['coordinator', 'system-leader']);

    t.clock.advance(60_000);
    const page = await openForm(t.app, `/staff/users/${id}/deactivate`, admin.cookies);
    assert.equal((await submitForm(t.app, `/staff/users/${id}/deactivate`, {}, page)).statusCode, 303);
    assert.ok((await t.database.db.select().from(users).where(eq(users.id, id)))[0]!.deactivatedAt);
    assert.equal((await submitForm(t.app, `/staff/users/${id}/reactivate`, {}, page)).statusCode, 303);

    const trail = await auditFor(id);
    assert.deepEqual(
      trail.map((event) => [event.action, event.actorUserId, event.before, event.after]),
      [
        [
          'invited',
          admin.user.id,
          null,
          {
            email: 'omar.said@school.example',
            name: 'Omar Said',
            jobTitle: 'SENCo',
            roles: ['system-leader'],
            schoolUrn: null,
          },
        ],
        ['roles-changed', admin.user.id, { roles: ['system-leader'] }, { roles: ['coordinator', 'system-leader'] }],
        ['deactivated', admin.user.id, { status: 'Active' }, { status: 'Deactivated' }],
        ['reactivated', admin.user.id, { status: 'Deactivated' }, { status: 'Active' }],
      ],
    );

    const shown = await t.app.inject({ url: `/staff/users/${id}`, cookies: admin.cookies });
    assert.match(shown.body, /<h2 class="govuk-heading-m" id="history">History<\/h2>/);
    assert.match(
      shown.body,
      /23 November 2026 at 10am<\/td>\s*<td class="govuk-table__cell">Test administrator \d+ \(staff-\d+-administrator@alliance\.example\)<\/td>/,
    );
    assert.match(
      shown.body,
      /<strong>Roles changed<\/strong>[\s\S]*?Roles: from ‘system-leader’ to ‘coordinator, system-leader’/,
    );
    assert.match(
      shown.body,
      /23 November 2026 at 10:01am[\s\S]*?<strong>Deactivated<\/strong>[\s\S]*?Status: from ‘Active’ to ‘Deactivated’/,
    );
  });

  test('deactivation signs the person out at once and stops them signing in', async () => {
    const user = await person(t, { signedIn: false, roles: ['coordinator'] });
    const theirs = await sessionCookiesFor(t, user);
    assert.equal((await t.app.inject({ url: '/staff', cookies: theirs })).statusCode, 200);
    const page = await openForm(t.app, `/staff/users/${user.id}/deactivate`, admin.cookies);
    await submitForm(t.app, `/staff/users/${user.id}/deactivate`, {}, page);
    assert.equal((await t.app.inject({ url: '/staff', cookies: theirs })).statusCode, 303);
    assert.match(
      (await signInThroughForm(t, user.email, GOOD_PASSWORD)).response.body,
      /Your account has been deactivated/,
    );
  });

  test('the alliance always keeps an administrator, and no one can demote or deactivate themselves', async () => {
    const form = await openForm(t.app, `/staff/users/${admin.user.id}/roles`, admin.cookies);
    const demoteSelf = await submitForm(t.app, `/staff/users/${admin.user.id}/roles`, { roles: ['coordinator'] }, form);
    assert.equal(demoteSelf.statusCode, 400);
    assert.deepEqual(errorSummary(demoteSelf.body), [
      { href: '#roles', text: 'You cannot remove the administrator role from yourself. Ask another administrator' },
    ]);
    assert.match(demoteSelf.body, /value="coordinator" checked/, 'the choice made is kept');

    const selfPage = await openForm(t.app, `/staff/users/${admin.user.id}/deactivate`, admin.cookies);
    const deactivateSelf = await submitForm(t.app, `/staff/users/${admin.user.id}/deactivate`, {}, selfPage);
    assert.equal(deactivateSelf.statusCode, 400);
    assert.match(deactivateSelf.body, /You cannot deactivate your own account/);

    // With another administrator, the last one standing cannot be demoted by them either.
    const other = await person(t, { roles: ['administrator'] });
    const adminIds = (await t.database.db.select().from(userRoles).where(eq(userRoles.role, 'administrator'))).map(
      (row) => row.userId,
    );
    for (const id of adminIds.filter((id) => id !== admin.user.id && id !== other.user.id)) {
      await t.database.db.update(users).set({ deactivatedAt: t.clock.now() }).where(eq(users.id, id));
    }
    const otherForm = await openForm(t.app, `/staff/users/${admin.user.id}/roles`, other.cookies);
    assert.equal(
      (await submitForm(t.app, `/staff/users/${admin.user.id}/roles`, { roles: ['coordinator'] }, otherForm))
        .statusCode,
      303,
    );
    const lastForm = await openForm(t.app, `/staff/users/${other.user.id}/roles`, other.cookies);
    assert.equal(
      (await submitForm(t.app, `/staff/users/${other.user.id}/roles`, { roles: ['coordinator'] }, lastForm)).statusCode,
      400,
    );
  });

  test('a user page for someone outside the alliance, or a made-up id, is not found', async () => {
    const outsider = (
      await t.database.db
        .insert(users)
        .values({ email: 'elsewhere@other.example', name: 'Elsewhere', jobTitle: 'Head' })
        .returning()
    )[0]!;
    const other = await person(t, { roles: ['administrator'] });
    for (const path of [`/staff/users/${outsider.id}`, '/staff/users/999999', '/staff/users/abc']) {
      assert.equal((await t.app.inject({ url: path, cookies: other.cookies })).statusCode, 404, path);
    }
  });

  test('a system leader’s account is linked to the leader record with the same email address', async () => {
    const linker = await person(t, { roles: ['administrator'] });
    const { amiraHussain } = await addExampleLeaders(t, 'amiraHussain');
    const form = await openForm(t.app, '/staff/users/invite', linker.cookies);
    const invited = await submitForm(
      t.app,
      '/staff/users/invite',
      {
        name: 'Amira Hussain',
        email: 'A.Hussain@palmerston.example',
        jobTitle: 'Maths lead',
        roles: ['system-leader'],
      },
      form,
    );
    assert.equal(invited.statusCode, 303, invited.body);
    const id = Number(/\/staff\/users\/(\d+)$/.exec(invited.headers.location as string)![1]);
    const leaderOf = async () => (await t.app.services.users.find(id))!.leaderId;
    assert.equal(await leaderOf(), amiraHussain);
    assert.match(
      (await t.app.inject({ url: `/staff/users/${id}`, cookies: linker.cookies })).body,
      new RegExp(`href="/staff/leaders/${amiraHussain}">Amira Hussain</a>`),
    );

    const rolesForm = await openForm(t.app, `/staff/users/${id}/roles`, linker.cookies);
    await submitForm(t.app, `/staff/users/${id}/roles`, { roles: ['coordinator'], schoolUrn: '' }, rolesForm);
    assert.equal(await leaderOf(), null, 'no longer a system leader, so no longer linked');
    await submitForm(t.app, `/staff/users/${id}/roles`, { roles: ['system-leader'], schoolUrn: '' }, rolesForm);
    assert.equal(await leaderOf(), amiraHussain);
    const [changed] = (await auditFor(id)).filter((event) => event.action === 'roles-changed');
    assert.deepEqual(changed!.after, { roles: ['coordinator'], leaderId: null });

    const unlinked = await submitForm(
      t.app,
      '/staff/users/invite',
      { name: 'No Record', email: 'no.record@school.example', jobTitle: 'SLE', roles: ['system-leader'] },
      form,
    );
    const unlinkedPage = await t.app.inject({ url: unlinked.headers.location as string, cookies: linker.cookies });
    assert.match(
      unlinkedPage.body,
      /None has the email address no\.record@school\.example\. Add them as a system leader/,
    );
  });
});
