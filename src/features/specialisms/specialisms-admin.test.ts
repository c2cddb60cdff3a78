import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { specialisms } from './specialisms.tables.ts';
import { errorSummary, page } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';

describe('administrators editing the list of specialisms', () => {
  let t: TestApp;
  let admin: Person;
  before(async () => {
    t = await buildTestApp();
    admin = await person(t, { roles: ['administrator'] });
  });
  after(() => t.close());

  const named = async (name: string) =>
    (await t.database.db.select().from(specialisms).where(eq(specialisms.name, name)))[0];
  const trail = (id: number) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'specialism'), eq(auditEvents.entityId, String(id))))
      .orderBy(auditEvents.id);

  test('a new specialism is added to its group, audited, and offered on the public form', async () => {
    const form = await openForm(t.app, '/staff/specialisms', admin.cookies);
    const response = await submitForm(
      t.app,
      '/staff/specialisms',
      { name: '  Outdoor learning  ', groupName: 'Pupil  outcomes' },
      form,
    );
    assert.equal(response.statusCode, 303);
    const added = await named('Outdoor learning');
    assert.equal(added?.groupName, 'Pupil outcomes');
    assert.deepEqual(
      (await trail(added!.id)).map((event) => [event.action, event.actorUserId, event.after]),
      [['created', admin.user.id, { name: 'Outdoor learning', groupName: 'Pupil outcomes', retired: false }]],
    );
    assert.match((await t.app.inject({ url: '/request-support' })).body, /value="Outdoor learning"/);
    assert.match(
      (await t.app.inject({ url: '/system-leaders' })).body,
      /value="Outdoor learning"/,
      'the directory’s filters follow at once',
    );
  });

  test('names are unique in the alliance whatever their case; problems are explained with the input kept', async () => {
    const form = await openForm(t.app, '/staff/specialisms', admin.cookies);
    const empty = await submitForm(t.app, '/staff/specialisms', {}, form);
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#name', text: 'Enter the specialism’s name' },
      { href: '#groupName', text: 'Enter the group the specialism belongs to' },
    ]);
    const clash = await submitForm(
      t.app,
      '/staff/specialisms',
      { name: 'early years', groupName: 'Other group' },
      form,
    );
    assert.equal(clash.statusCode, 400);
    assert.deepEqual(errorSummary(clash.body), [
      { href: '#name', text: 'There is already a specialism called ‘early years’' },
    ]);
    assert.match(clash.body, /value="early years"/);
    assert.match(clash.body, /value="Other group"/);
    const long = await submitForm(t.app, '/staff/specialisms', { name: 'x'.repeat(101), groupName: 'Group' }, form);
    assert.deepEqual(errorSummary(long.body), [{ href: '#name', text: 'The name must be 100 characters or fewer' }]);
  });

  test('renaming and regrouping are audited; renaming onto another name is refused', async () => {
    const maths = await named('Maths');
    const form = await openForm(t.app, `/staff/specialisms/${maths!.id}`, admin.cookies);
    const clash = await submitForm(
      t.app,
      `/staff/specialisms/${maths!.id}`,
      { name: 'SEN', groupName: 'Pupil outcomes' },
      form,
    );
    assert.equal(clash.statusCode, 400);
    assert.deepEqual(errorSummary(clash.body), [{ href: '#name', text: 'There is already a specialism called ‘SEN’' }]);
    const sameNameNewCase = await submitForm(
      t.app,
      `/staff/specialisms/${maths!.id}`,
      { name: 'MATHS', groupName: 'Pupil outcomes' },
      form,
    );
    assert.equal(sameNameNewCase.statusCode, 303, 'its own name in another case is not a clash');

    const renamed = await submitForm(
      t.app,
      `/staff/specialisms/${maths!.id}`,
      { name: 'Mathematics', groupName: 'Curriculum' },
      form,
    );
    assert.equal(renamed.statusCode, 303);
    const events = await trail(maths!.id);
    assert.deepEqual(events.map((event) => [event.action, event.before, event.after]).at(-1), [
      'changed',
      { name: 'MATHS', groupName: 'Pupil outcomes' },
      { name: 'Mathematics', groupName: 'Curriculum' },
    ]);
    const page = await t.app.inject({ url: `/staff/specialisms/${maths!.id}`, cookies: admin.cookies });
    assert.match(page.body, /Name: from ‘MATHS’ to ‘Mathematics’/);
    assert.match(page.body, /Group: from ‘Pupil outcomes’ to ‘Curriculum’/);
  });

  test('a retired specialism leaves the public form and can come back', async () => {
    const literacy = await named('Literacy');
    const form = await openForm(t.app, `/staff/specialisms/${literacy!.id}`, admin.cookies);
    assert.equal((await submitForm(t.app, `/staff/specialisms/${literacy!.id}/retire`, {}, form)).statusCode, 303);
    assert.equal((await named('Literacy'))?.retired, true);
    assert.doesNotMatch((await t.app.inject({ url: '/request-support' })).body, /value="Literacy"/);
    assert.match(
      (await t.app.inject({ url: '/staff/specialisms', cookies: admin.cookies })).body,
      /Literacy<\/a>\s*<strong class="govuk-tag govuk-tag--grey">\s*Retired/,
    );

    assert.equal((await submitForm(t.app, `/staff/specialisms/${literacy!.id}/unretire`, {}, form)).statusCode, 303);
    assert.match((await t.app.inject({ url: '/request-support' })).body, /value="Literacy"/);
    assert.deepEqual(
      (await trail(literacy!.id)).map((event) => [event.action, event.before, event.after]),
      [
        ['retired', { retired: false }, { retired: true }],
        ['unretired', { retired: true }, { retired: false }],
      ],
    );
    assert.equal((await t.app.inject({ url: '/staff/specialisms/999999', cookies: admin.cookies })).statusCode, 404);
  });
});

describe('the order specialisms are listed in', () => {
  test('is alphabetical as a reader expects, not by byte ("PE, Phonics, PSHE")', async () => {
    const t = await buildTestApp();
    try {
      const offered = page((await t.app.inject({ url: '/request-support' })).body)
        .querySelectorAll('input[name="specialisms"]')
        .map((box) => box.getAttribute('value') ?? '');
      const at = offered.indexOf('PE');
      assert.deepEqual(offered.slice(at, at + 3), ['PE', 'Phonics', 'PSHE'], String(offered));
    } finally {
      await t.close();
    }
  });
});
