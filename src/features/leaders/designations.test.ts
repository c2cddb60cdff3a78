import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { addLeader } from '../../../test/support/leaders.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { loadLeader } from './leaders.service.ts';
import { errorSummary } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';

const dates = (name: string, date: string) => {
  const [year, month, day] = date ? date.split('-') : ['', '', ''];
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
};

describe('adding and changing a leader’s designations', () => {
  let t: TestApp;
  let coordinator: Person;
  let allianceId: number;
  const designationsOf = async (id: number) =>
    (await loadLeader(t.database.db, allianceId, id))!.designations.map(({ type, status, startDate, reviewDate }) => ({
      type,
      status,
      startDate,
      reviewDate,
    }));
  const trailOf = (leaderId: number) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'leader'), eq(auditEvents.entityId, String(leaderId))))
      .orderBy(auditEvents.id);

  before(async () => {
    t = await buildTestApp();
    coordinator = await person(t, { roles: ['coordinator'] });
    allianceId = (await t.app.services.alliances.current()).id;
  });
  after(() => t.close());

  test('the form explains each problem with the GOV.UK date input’s messages, and keeps what was typed', async () => {
    const id = await addLeader(t, {
      name: 'Dora Dates',
      designations: [{ type: 'lle', status: 'designated', startDate: '2023-01-09', reviewDate: null }],
    });
    const form = await openForm(t.app, `/staff/leaders/${id}/designations/add`, coordinator.cookies);
    assert.doesNotMatch(form.page.body, /value="lle"/, 'a type already held is not offered');
    const empty = await submitForm(t.app, `/staff/leaders/${id}/designations/add`, {}, form);
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#type', text: 'Select the type of designation' },
      { href: '#status', text: 'Select the designation’s status' },
      { href: '#startDate-day', text: 'Enter the date the designation started' },
    ]);
    const cases: Array<[Record<string, string>, Array<{ href: string; text: string }>]> = [
      [
        { ...dates('startDate', '2025-09-'), 'startDate-day': '' },
        [{ href: '#startDate-day', text: 'Start date must include a day' }],
      ],
      [
        { 'startDate-day': '', 'startDate-month': '', 'startDate-year': '2025' },
        [{ href: '#startDate-day', text: 'Start date must include a day and month' }],
      ],
      [dates('startDate', '2025-02-30'), [{ href: '#startDate-day', text: 'Start date must be a real date' }]],
      [dates('startDate', '25-09-01'), [{ href: '#startDate-year', text: 'Year must include 4 numbers' }]],
      [
        {
          ...dates('startDate', '2025-09-01'),
          'reviewDate-day': 'x',
          'reviewDate-month': '9',
          'reviewDate-year': '2029',
        },
        [{ href: '#reviewDate-day', text: 'Review date must be a real date' }],
      ],
      [
        { ...dates('startDate', '2025-09-01'), ...dates('reviewDate', '2025-09-01') },
        [{ href: '#reviewDate-day', text: 'Review date must be after the start date' }],
      ],
    ];
    for (const [fields, expected] of cases) {
      const response = await submitForm(
        t.app,
        `/staff/leaders/${id}/designations/add`,
        { type: 'sle', status: 'designated', ...fields },
        form,
      );
      assert.equal(response.statusCode, 400, JSON.stringify(fields));
      assert.deepEqual(errorSummary(response.body), expected, JSON.stringify(fields));
    }
    const kept = await submitForm(
      t.app,
      `/staff/leaders/${id}/designations/add`,
      { type: 'sle', status: 'applicant', ...dates('startDate', '2025-02-30') },
      form,
    );
    assert.match(kept.body, /value="sle" checked/);
    assert.match(kept.body, /value="applicant" checked/);
    assert.match(kept.body, /id="startDate-day" name="startDate-day" type="text" value="30"/);
    const held = await submitForm(
      t.app,
      `/staff/leaders/${id}/designations/add`,
      { type: 'lle', status: 'designated', ...dates('startDate', '2025-09-01') },
      form,
    );
    assert.deepEqual(errorSummary(held.body), [
      { href: '#type', text: 'Dora Dates already holds an LLE designation: change it from their page' },
    ]);
    assert.deepEqual(await designationsOf(id), [
      { type: 'lle', status: 'designated', startDate: '2023-01-09', reviewDate: null },
    ]);
  });

  test('an SLE designation added without a review date is reviewed 4 years on, puts the leader in the directory, and is on the trail', async () => {
    const id = await addLeader(t, {
      name: 'Adam Applicant',
      specialisms: ['Science'],
      designations: [{ type: 'sle', status: 'applicant', startDate: '2026-09-01', reviewDate: null }],
    });
    assert.equal(
      (await t.app.inject({ url: `/system-leaders/${id}` })).statusCode,
      404,
      'an applicant is not in the directory',
    );
    const form = await openForm(t.app, `/staff/leaders/${id}/designations/sle`, coordinator.cookies);
    assert.match(form.page.body, /value="applicant" checked/);
    assert.match(form.page.body, /id="reviewDate-year" name="reviewDate-year" type="text" value="2030"/);
    const designated = await submitForm(
      t.app,
      `/staff/leaders/${id}/designations/sle`,
      { status: 'designated', ...dates('startDate', '2026-11-02'), ...dates('reviewDate', '') },
      form,
    );
    assert.equal(designated.statusCode, 303);
    assert.deepEqual(await designationsOf(id), [
      { type: 'sle', status: 'designated', startDate: '2026-11-02', reviewDate: '2030-11-02' },
    ]);
    assert.equal((await t.app.inject({ url: `/system-leaders/${id}` })).statusCode, 200, 'in the directory at once');

    const nle = await openForm(t.app, `/staff/leaders/${id}/designations/add`, coordinator.cookies);
    assert.equal(
      (
        await submitForm(
          t.app,
          `/staff/leaders/${id}/designations/add`,
          { type: 'nle', status: 'under-review', ...dates('startDate', '2024-05-07') },
          nle,
        )
      ).statusCode,
      303,
    );
    assert.deepEqual(
      (await designationsOf(id)).find((designation) => designation.type === 'nle'),
      { type: 'nle', status: 'under-review', startDate: '2024-05-07', reviewDate: null },
    );

    assert.equal(
      (
        await submitForm(
          t.app,
          `/staff/leaders/${id}/designations/sle`,
          { status: 'designated', ...dates('startDate', '2026-11-02'), ...dates('reviewDate', '2030-11-02') },
          form,
        )
      ).statusCode,
      303,
    );
    const trail = await trailOf(id);
    assert.deepEqual(
      trail.map((event) => [event.action, event.actorUserId, event.before, event.after]),
      [
        [
          'designation-changed',
          coordinator.user.id,
          { 'designation-sle': 'Applicant, started 1 September 2026, review due 1 September 2030' },
          { 'designation-sle': 'Designated, started 2 November 2026, review due 2 November 2030' },
        ],
        ['designation-added', coordinator.user.id, {}, { 'designation-nle': 'Under review, started 7 May 2024' }],
      ],
      'saving an unchanged designation records nothing',
    );
    const page = await t.app.inject({ url: `/staff/leaders/${id}`, cookies: coordinator.cookies });
    assert.match(
      page.body,
      /<strong>Designation added<\/strong>[\s\S]*?NLE designation: ‘Under review, started 7 May 2024’/,
    );
  });

  test('a designation that lapses takes the leader out of the directory; the URL of one they do not hold is not found', async () => {
    const id = await addLeader(t, { name: 'Lena Lapses' });
    const form = await openForm(t.app, `/staff/leaders/${id}/designations/sle`, coordinator.cookies);
    assert.equal(
      (
        await submitForm(
          t.app,
          `/staff/leaders/${id}/designations/sle`,
          { status: 'lapsed', ...dates('startDate', '2024-09-01') },
          form,
        )
      ).statusCode,
      303,
    );
    assert.equal((await t.app.inject({ url: `/system-leaders/${id}` })).statusCode, 404);
    assert.equal(
      (await t.app.inject({ url: `/staff/leaders/${id}/designations/lle`, cookies: coordinator.cookies })).statusCode,
      404,
    );
    assert.equal(
      (
        await submitForm(
          t.app,
          `/staff/leaders/${id}/designations/lle`,
          { status: 'designated', ...dates('startDate', '2024-09-01') },
          form,
        )
      ).statusCode,
      404,
    );
    assert.equal(
      (await t.app.inject({ url: `/staff/leaders/${id}/designations/hlta`, cookies: coordinator.cookies })).statusCode,
      404,
    );
  });
});
