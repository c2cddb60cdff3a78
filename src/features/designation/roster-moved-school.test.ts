import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { tableRows } from '../../../test/support/html.ts';
import { addLeader } from '../../../test/support/leaders.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, type TestApp } from '../../../test/support/test-app.ts';
import { submitUpload } from '../../../test/support/uploads.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';

const LIST = '/staff/designation-reviews';
const HEADER = 'Name,Email,Home school URN,Designation,Designation date,Specialisms,Phases,Listed,Profile';

describe('a roster upload that moves a leader to another school opens the moved-school review', () => {
  let t: TestApp;
  let coordinator: Person;
  let moverId: number;
  let stayerId: number;

  const row = (name: string, email: string, urn: number) =>
    `${name},${email},${urn},SLE,2024-09-01,Maths,Primary,yes,Leads maths across the school.`;
  const upload = async (lines: string[]) => {
    const form = await openForm(t.app, '/staff/leaders/roster', coordinator.cookies);
    const content = [HEADER, ...lines].join('\n') + '\n';
    return submitUpload(t.app, '/staff/leaders/roster', { field: 'roster', filename: 'roster.csv', content }, form);
  };
  const status = async (leaderId: number) => {
    const alliance = await t.app.services.alliances.current();
    return (await t.app.services.leaders.find(alliance.id, leaderId))!.designations[0]!.status;
  };
  const openRows = async () =>
    tableRows((await t.app.inject({ url: LIST, cookies: coordinator.cookies })).body, '#open + div table');

  before(async () => {
    t = await buildTestApp();
    coordinator = await person(t, { roles: ['coordinator'] });
    const sle = [{ type: 'sle' as const, status: 'designated' as const, startDate: '2024-09-01', reviewDate: null }];
    const common = { homeSchoolUrn: EXAMPLE_SCHOOLS.palmerston.urn, specialisms: ['Maths'], designations: sle };
    moverId = await addLeader(t, { name: 'Rory Roster', email: 'rory@palmerston.example', ...common });
    stayerId = await addLeader(t, { name: 'Stella Stays', email: 'stella@palmerston.example', ...common });
  });
  after(() => t.close());

  test('the moved leader is under review, due 18 months after the upload; the one who stayed is not', async () => {
    const uploaded = await upload([
      row('Rory Roster', 'rory@palmerston.example', EXAMPLE_SCHOOLS.matthewArnold.urn),
      row('Stella Stays', 'stella@palmerston.example', EXAMPLE_SCHOOLS.palmerston.urn),
    ]);
    assert.equal(uploaded.statusCode, 303, uploaded.body);
    assert.equal(await status(moverId), 'under-review');
    assert.equal(await status(stayerId), 'designated');

    const rows = await openRows();
    const moved = rows.find((cells) => cells[0] === 'Rory Roster');
    assert.ok(moved, 'the review is on the designation reviews page');
    assert.match(moved[2]!, /^Moved school Moved to Matthew Arnold Primary School on \d+ \w+ \d{4}$/);
    assert.equal(
      rows.some((cells) => cells[0] === 'Stella Stays'),
      false,
    );

    const review = (await t.app.services.designationReviews.lists(coordinator.user))!.open.rows.find(
      (open) => open.leaderId === moverId,
    )!;
    const html = (await t.app.inject({ url: `${LIST}/${review.id}`, cookies: coordinator.cookies })).body;
    assert.match(html, /Rory Roster has moved to Matthew Arnold Primary School\./);
  });

  test('uploading the same roster again opens no second review', async () => {
    await upload([row('Rory Roster', 'rory@palmerston.example', EXAMPLE_SCHOOLS.matthewArnold.urn)]);
    const open = (await t.app.services.designationReviews.lists(coordinator.user))!.open.rows.filter(
      (each) => each.leaderId === moverId,
    );
    assert.equal(open.length, 1);
  });
});
