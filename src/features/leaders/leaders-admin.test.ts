import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { addLeader, linkUserToLeader } from '../../../test/support/leaders.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { loadLeader } from './leaders.service.ts';
import { directoryEntries } from './leaders.tables.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { errorSummary, page as parsePage } from '../../../test/support/html.ts';
import { setSchoolStatus } from '../../../test/support/schools.ts';

/** The form's fields for a leader, as a browser sends them; the clock stands at 23 November 2026. */
function detailsForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name: 'Nia Roberts',
    email: 'n.roberts@booker.example',
    jobTitle: 'Assistant headteacher',
    homeSchool: '104522',
    profile: 'Rebuilt early reading with phonics.',
    phases: ['early-years', 'primary'],
    specialisms: ['Phonics', 'English'],
    listed: 'yes',
    'listedConsentOn-day': '2',
    'listedConsentOn-month': '11',
    'listedConsentOn-year': '2026',
    ...overrides,
  };
}

const designationForm = (overrides: Record<string, string> = {}) => ({
  type: 'sle',
  status: 'designated',
  'startDate-day': '1',
  'startDate-month': '9',
  'startDate-year': '2025',
  'reviewDate-day': '',
  'reviewDate-month': '',
  'reviewDate-year': '',
  ...overrides,
});

describe('coordinators keeping the register of system leaders', () => {
  let t: TestApp;
  let coordinator: Person;
  let allianceId: number;
  const trailOf = (leaderId: number) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'leader'), eq(auditEvents.entityId, String(leaderId))))
      .orderBy(auditEvents.id);
  // directory_entries holds every leader in force, for matching too: the public directory shows the listed ones.
  const inDirectory = async (leaderId: number) =>
    (
      await t.database.db
        .select()
        .from(directoryEntries)
        .where(and(eq(directoryEntries.leaderId, leaderId), eq(directoryEntries.listed, true)))
    ).length === 1;

  before(async () => {
    t = await buildTestApp();
    coordinator = await person(t, { roles: ['coordinator'] });
    allianceId = (await t.app.services.alliances.current()).id;
  });
  after(() => t.close());

  test('the register finds leaders by name, email or school, filters them, pages them and counts reviews falling due', async () => {
    await addLeader(t, {
      name: 'Olive Overdue',
      email: 'olive@register.example',
      designations: [{ type: 'sle', status: 'designated', startDate: '2022-09-01', reviewDate: '2026-09-01' }],
    });
    await addLeader(t, {
      name: 'Sam Soon',
      email: 'sam@register.example',
      homeSchoolUrn: 104516,
      designations: [{ type: 'sle', status: 'under-review', startDate: '2023-01-09', reviewDate: '2027-01-09' }],
    });
    await addLeader(t, {
      name: 'Liam Lapsed',
      email: 'liam@register.example',
      listed: false,
      designations: [{ type: 'sle', status: 'lapsed', startDate: '2018-09-01', reviewDate: '2022-09-01' }],
    });
    await addLeader(t, {
      name: 'Lucy Local',
      email: 'lucy@register.example',
      homeSchoolUrn: 104557,
      designations: [{ type: 'lle', status: 'designated', startDate: '2024-01-10', reviewDate: null }],
    });
    const names = async (query: string) => {
      const page = await t.app.inject({ url: `/staff/leaders${query}`, cookies: coordinator.cookies });
      assert.equal(page.statusCode, 200, query);
      return parsePage(page.body)
        .querySelectorAll('a.govuk-link')
        .filter((link) => /^\/staff\/leaders\/\d+$/.test(link.getAttribute('href') ?? ''))
        .map((link) => link.text);
    };

    const page = await t.app.inject({ url: '/staff/leaders', cookies: coordinator.cookies });
    // A lapsed designation's review is not due: only designations in force count.
    assert.match(page.body, /href="\/staff\/leaders\?review=overdue">1 leader has a designation past its review date/);
    assert.match(
      page.body,
      /href="\/staff\/leaders\?review=due-soon">1 leader has a designation due for review within 3 months/,
    );
    assert.match(page.body, /SLE: designated <strong class="govuk-tag govuk-tag--red">Review overdue<\/strong>/);
    assert.deepEqual(await names('?review=overdue'), ['Olive Overdue']);
    assert.deepEqual(await names('?review=due-soon'), ['Sam Soon']);
    assert.deepEqual(await names('?q=sam%40register'), ['Sam Soon']);
    assert.deepEqual(await names('?q=Matthew+Arnold'), ['Lucy Local']);
    assert.deepEqual(await names('?q=olive+palmerston'), ['Olive Overdue']);
    assert.deepEqual(await names('?q=100%25'), [], 'a LIKE wildcard is only a character');
    assert.deepEqual(await names('?type=lle'), ['Lucy Local']);
    assert.deepEqual(await names('?type=sle&status=lapsed'), ['Liam Lapsed']);
    assert.deepEqual(await names('?type=lle&status=lapsed'), [], 'type and status apply to the same designation');
    assert.deepEqual(await names('?listed=no'), ['Liam Lapsed']);

    for (let index = 0; index < 26; index++)
      await addLeader(t, {
        name: `Paged Person ${String(index).padStart(2, '0')}`,
        email: `paged.${index}@register.example`,
      });
    const first = await t.app.inject({ url: '/staff/leaders?q=paged', cookies: coordinator.cookies });
    assert.match(first.body, /26 leaders match/);
    assert.equal((await names('?q=paged')).length, 25);
    assert.match(first.body, /href="\/staff\/leaders\?q=paged&amp;page=2"/);
    assert.deepEqual(await names('?q=paged&page=2'), ['Paged Person 25']);

    const bad = await t.app.inject({ url: '/staff/leaders?type=hlta&listed=maybe', cookies: coordinator.cookies });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorSummary(bad.body), [
      { href: '#type', text: 'Type must be sle, lle or nle' },
      { href: '#listed', text: 'Listed must be yes or no' },
    ]);
  });

  test('a leader’s page shows their details, designations with a review warning, their account and their history', async () => {
    const id = await addLeader(t, {
      name: 'Rhys Review',
      email: 'rhys@page.example',
      designations: [{ type: 'sle', status: 'designated', startDate: '2021-09-01', reviewDate: null }],
    });
    const user = await person(t, {
      signedIn: false,
      roles: ['system-leader'],
      name: 'Rhys Review',
      email: 'rhys@page.example',
    });
    await linkUserToLeader(t, user.id, id);
    const page = await t.app.inject({ url: `/staff/leaders/${id}`, cookies: coordinator.cookies });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Review overdue: the SLE designation was due for review on 1 September 2025\./);
    assert.match(page.body, /Palmerston School, Liverpool \(URN 104748\)/);
    assert.match(page.body, /Yes, they agreed on 3 March 2025/);
    assert.match(page.body, new RegExp(`href="/system-leaders/${id}">See their public profile`));
    assert.match(page.body, /Rhys Review\s+\(rhys@page\.example\): can sign in and change their own profile/);
    assert.doesNotMatch(
      page.body,
      /href="\/staff\/users\//,
      'a coordinator cannot open staff accounts, so no link to one',
    );
    assert.match(page.body, /id="history">History/);

    const admin = await person(t, { roles: ['administrator'] });
    const asAdmin = await t.app.inject({ url: `/staff/leaders/${id}`, cookies: admin.cookies });
    assert.match(asAdmin.body, new RegExp(`href="/staff/users/${user.id}">Rhys Review</a>`));
    assert.equal((await t.app.inject({ url: '/staff/leaders/999999', cookies: coordinator.cookies })).statusCode, 404);
  });

  test('adding a leader: every problem explained (400), everything typed kept', async () => {
    const form = await openForm(t.app, '/staff/leaders/add', coordinator.cookies);
    const empty = await submitForm(t.app, '/staff/leaders/add', {}, form);
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#name', text: 'Enter the leader’s name' },
      { href: '#email', text: 'Enter an email address' },
      { href: '#homeSchool', text: 'Enter their home school’s name or URN' },
      { href: '#listed', text: 'Select whether they agree to be listed in the public directory' },
      { href: '#type', text: 'Select the type of designation' },
      { href: '#status', text: 'Select the designation’s status' },
      { href: '#startDate-day', text: 'Enter the date the designation started' },
    ]);

    const wrong = await submitForm(
      t.app,
      '/staff/leaders/add',
      {
        ...detailsForm({
          email: 'not an email',
          homeSchool: 'Primary',
          'listedConsentOn-month': '',
          'listedConsentOn-day': '40',
        }),
        ...designationForm({
          'startDate-month': '13',
          'reviewDate-day': '1',
          'reviewDate-month': '9',
          'reviewDate-year': '2024',
        }),
      },
      form,
    );
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(errorSummary(wrong.body), [
      { href: '#email', text: 'Enter an email address in the correct format, like name@example.com' },
      {
        href: '#homeSchoolUrn',
        text: 'More than one school matches ‘Primary’. Choose their school from the list, or enter its URN',
      },
      { href: '#listedConsentOn-month', text: 'Date consent was given must include a month' },
      { href: '#startDate-month', text: 'Start date must be a real date' },
    ]);
    assert.match(wrong.body, /value="Nia Roberts"/);
    assert.match(wrong.body, /name="homeSchoolUrn" type="radio" value="\d+"/, 'the schools that matched are offered');
    assert.match(wrong.body, /value="Phonics" checked/);
    assert.match(wrong.body, /value="early-years" checked/);
    assert.match(wrong.body, /id="listedConsentOn-day" name="listedConsentOn-day" type="text" value="40"/);
    assert.match(
      wrong.body,
      /class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error" id="startDate-month"/,
    );

    const future = await submitForm(
      t.app,
      '/staff/leaders/add',
      {
        ...detailsForm({ 'listedConsentOn-day': '24' }),
        ...designationForm({ 'reviewDate-day': '1', 'reviewDate-month': '9', 'reviewDate-year': '2025' }),
      },
      form,
    );
    assert.deepEqual(errorSummary(future.body), [
      { href: '#listedConsentOn-day', text: 'Date consent was given must be today or in the past' },
      { href: '#reviewDate-day', text: 'Review date must be after the start date' },
    ]);
    const taken = await submitForm(
      t.app,
      '/staff/leaders/add',
      { ...detailsForm({ email: 'OLIVE@register.example' }), ...designationForm() },
      form,
    );
    assert.deepEqual(errorSummary(taken.body), [
      { href: '#email', text: 'Olive Overdue already has this email address on the register' },
    ]);
  });

  test('adding a leader puts them on the register, in the directory at once if listed, and on their trail', async () => {
    const form = await openForm(t.app, '/staff/leaders/add', coordinator.cookies);
    const added = await submitForm(t.app, '/staff/leaders/add', { ...detailsForm(), ...designationForm() }, form);
    assert.equal(added.statusCode, 303);
    const id = Number(/\/staff\/leaders\/(\d+)$/.exec(String(added.headers.location))![1]);
    const leader = await loadLeader(t.database.db, allianceId, id);
    assert.equal(leader?.homeSchool.name, 'Booker Avenue Junior School');
    assert.equal(leader?.listedConsentOn, '2026-11-02');
    assert.deepEqual(
      leader?.designations.map(({ type, status, startDate, reviewDate }) => ({ type, status, startDate, reviewDate })),
      [{ type: 'sle', status: 'designated', startDate: '2025-09-01', reviewDate: '2029-09-01' }],
    );
    const search = await t.app.inject({ url: '/api/system-leaders?q=nia' });
    assert.deepEqual(
      search.json().results.map((result: { name: string }) => result.name),
      ['Nia Roberts'],
    );

    const [event, ...more] = await trailOf(id);
    assert.equal(more.length, 0);
    assert.deepEqual([event!.action, event!.actorUserId, event!.before], ['added', coordinator.user.id, null]);
    assert.deepEqual(event!.after, {
      name: 'Nia Roberts',
      email: 'n.roberts@booker.example',
      jobTitle: 'Assistant headteacher',
      homeSchool: 'Booker Avenue Junior School, Liverpool L18 9SB (URN 104522)',
      profile: 'Rebuilt early reading with phonics.',
      phases: ['Early years', 'Primary'],
      specialisms: ['English', 'Phonics'],
      listed: true,
      listedConsentOn: '2 November 2026',
      'designation-sle': 'Designated, started 1 September 2025, review due 1 September 2029',
    });
    const page = await t.app.inject({ url: `/staff/leaders/${id}`, cookies: coordinator.cookies });
    assert.match(page.body, /<strong>Added<\/strong>/);
  });

  test('editing specialisms and listing shows in the directory at once; unlisting removes the leader and their public profile', async () => {
    const id = await addLeader(t, { name: 'Evan Edit', email: 'evan@edit.example', specialisms: ['Maths'] });
    assert.equal((await t.app.inject({ url: `/system-leaders/${id}` })).statusCode, 200);
    const form = await openForm(t.app, `/staff/leaders/${id}/edit`, coordinator.cookies);
    assert.match(form.page.body, /value="Palmerston School, Liverpool L17 6AU \(URN 104748\)"/);
    assert.match(form.page.body, /id="listedConsentOn-year" name="listedConsentOn-year" type="text" value="2025"/);

    const fields = detailsForm({
      name: 'Evan Edit',
      email: 'evan@edit.example',
      homeSchool: 'Palmerston School, Liverpool L17 6AU (URN 104748)',
      specialisms: ['Maths', 'Assessment'],
      'listedConsentOn-day': '3',
      'listedConsentOn-month': '3',
      'listedConsentOn-year': '2025',
    });
    const changed = await submitForm(t.app, `/staff/leaders/${id}/edit`, fields, form);
    assert.equal(changed.statusCode, 303);
    const bySpecialism = await t.app.inject({ url: '/api/system-leaders?specialism=Assessment' });
    assert.ok(
      bySpecialism.json().results.some((result: { name: string }) => result.name === 'Evan Edit'),
      'found by the new specialism at once',
    );

    const unlisted = await submitForm(t.app, `/staff/leaders/${id}/edit`, { ...fields, listed: 'no' }, form);
    assert.equal(unlisted.statusCode, 303);
    assert.equal(await inDirectory(id), false);
    assert.equal((await t.app.inject({ url: `/system-leaders/${id}` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/api/system-leaders?q=evan' })).json().total, 0);
    assert.equal(
      (await loadLeader(t.database.db, allianceId, id))?.listedConsentOn,
      null,
      'consent withdrawn is consent gone',
    );

    const again = await submitForm(t.app, `/staff/leaders/${id}/edit`, { ...fields, listed: 'no' }, form);
    assert.equal(again.statusCode, 303);
    const trail = await trailOf(id);
    assert.deepEqual(
      trail.map((event) => [event.action, event.before, event.after]),
      [
        [
          'details-changed',
          {
            jobTitle: 'Deputy headteacher',
            phases: ['Primary'],
            profile: 'Leads maths across the school.',
            specialisms: ['Maths'],
          },
          {
            jobTitle: 'Assistant headteacher',
            phases: ['Early years', 'Primary'],
            profile: 'Rebuilt early reading with phonics.',
            specialisms: ['Assessment', 'Maths'],
          },
        ],
        [
          'details-changed',
          { listed: true, listedConsentOn: '3 March 2025' },
          { listed: false, listedConsentOn: null },
        ],
      ],
      'saving with nothing changed records nothing',
    );
    const page = await t.app.inject({ url: `/staff/leaders/${id}`, cookies: coordinator.cookies });
    assert.match(page.body, /Listed in the public directory: from ‘Yes’ to ‘No’/);
  });

  test('a closed home school is kept when other details change, but cannot be newly chosen; another leader’s email is refused', async () => {
    const id = await addLeader(t, { name: 'Cora Closed', email: 'cora@closed.example' });
    await setSchoolStatus(t, 104748, 'closed');
    try {
      const form = await openForm(t.app, `/staff/leaders/${id}/edit`, coordinator.cookies);
      const fields = detailsForm({
        name: 'Cora Closed-Jones',
        email: 'cora@closed.example',
        homeSchool: 'Palmerston School, Liverpool L17 6AU (URN 104748)',
      });
      assert.equal((await submitForm(t.app, `/staff/leaders/${id}/edit`, fields, form)).statusCode, 303);
      const other = await addLeader(t, { name: 'Otto Other', email: 'otto@closed.example', homeSchoolUrn: 104516 });
      const form2 = await openForm(t.app, `/staff/leaders/${other}/edit`, coordinator.cookies);
      const refused = await submitForm(
        t.app,
        `/staff/leaders/${other}/edit`,
        { ...fields, name: 'Otto Other', email: 'cora@closed.example' },
        form2,
      );
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(errorSummary(refused.body), [
        {
          href: '#homeSchool',
          text: 'Palmerston School, Liverpool L17 6AU (URN 104748) is closed. Enter the name or URN of an open school',
        },
      ]);
      const refusedEmail = await submitForm(
        t.app,
        `/staff/leaders/${other}/edit`,
        { ...fields, name: 'Otto Other', email: 'cora@closed.example', homeSchool: '104516' },
        form2,
      );
      assert.deepEqual(errorSummary(refusedEmail.body), [
        { href: '#email', text: 'Cora Closed-Jones already has this email address on the register' },
      ]);
      assert.equal((await loadLeader(t.database.db, allianceId, other))?.email, 'otto@closed.example');
    } finally {
      await setSchoolStatus(t, 104748, 'open');
    }
  });

  test('a specialism since retired stays with a leader who holds it, but cannot be newly given', async () => {
    const id = await addLeader(t, {
      name: 'Rita Retired',
      email: 'rita@retired.example',
      specialisms: ['Drama', 'Maths'],
    });
    const holder = await addLeader(t, { name: 'Nora New', email: 'nora@retired.example', specialisms: ['Maths'] });
    const admin = await person(t, { roles: ['administrator'] });
    const actor = {
      ...admin.user,
      jobTitle: 'Tester',
      roles: ['administrator' as const],
      schoolUrn: null,
      leaderId: null,
      sessionId: 0,
    };
    const drama = (await t.app.services.specialisms.all()).find((specialism) => specialism.name === 'Drama')!;
    await t.app.services.specialismAdmin.setRetired(actor, drama.id, true);
    try {
      const form = await openForm(t.app, `/staff/leaders/${id}/edit`, coordinator.cookies);
      assert.match(form.page.body, /value="Drama" checked/, 'offered, so saving does not drop it');
      const fields = detailsForm({
        name: 'Rita Retired',
        email: 'rita@retired.example',
        homeSchool: '104748',
        specialisms: ['Drama', 'Maths'],
      });
      assert.equal(
        (await submitForm(t.app, `/staff/leaders/${id}/edit`, { ...fields, profile: 'Drama and maths.' }, form))
          .statusCode,
        303,
      );
      assert.deepEqual(
        (await loadLeader(t.database.db, allianceId, id))?.specialisms.map((specialism) => specialism.name),
        ['Drama', 'Maths'],
      );

      const other = await openForm(t.app, `/staff/leaders/${holder}/edit`, coordinator.cookies);
      assert.doesNotMatch(other.page.body, /value="Drama"/);
      const refused = await submitForm(
        t.app,
        `/staff/leaders/${holder}/edit`,
        { ...fields, name: 'Nora New', email: 'nora@retired.example' },
        other,
      );
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(errorSummary(refused.body), [
        { href: '#specialisms', text: 'Drama is retired: only leaders who already hold it keep it' },
      ]);
    } finally {
      await t.app.services.specialismAdmin.setRetired(actor, drama.id, false);
    }
  });

  test('an expired form is shown again with what was typed, and changes nothing', async () => {
    const id = await addLeader(t, { name: 'Xena Expired', email: 'xena@expired.example' });
    const form = await openForm(t.app, `/staff/leaders/${id}/edit`, coordinator.cookies);
    const forged = await submitForm(t.app, `/staff/leaders/${id}/edit`, detailsForm({ name: 'Changed By Forgery' }), {
      ...form,
      csrfToken: 'not-a-real-token',
    });
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /This form had expired, so nothing was saved/);
    assert.match(forged.body, /value="Changed By Forgery"/);
    assert.equal((await loadLeader(t.database.db, allianceId, id))?.name, 'Xena Expired');
    assert.equal((await trailOf(id)).length, 0);
  });

  test('only coordinators and administrators reach the register; a system leader reaches no leader’s page, their own included', async () => {
    const id = await addLeader(t, { name: 'Pat Private', email: 'pat@private.example' });
    const leader = await person(t, { roles: ['system-leader'] });
    await linkUserToLeader(t, leader.user.id, id);
    for (const url of [
      '/staff/leaders',
      `/staff/leaders/${id}`,
      `/staff/leaders/${id}/edit`,
      '/staff/leaders/add',
      '/staff/leaders/roster',
    ]) {
      assert.equal((await t.app.inject({ url, cookies: leader.cookies })).statusCode, 403, url);
    }
    const contact = await person(t, { roles: ['school-contact'] });
    assert.equal((await t.app.inject({ url: `/staff/leaders/${id}`, cookies: contact.cookies })).statusCode, 403);
    const admin = await person(t, { roles: ['administrator'] });
    assert.equal((await t.app.inject({ url: `/staff/leaders/${id}/edit`, cookies: admin.cookies })).statusCode, 200);
  });
});
