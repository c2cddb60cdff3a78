import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { designate, insertSentApplication } from '../../../test/support/designation-outcomes.ts';
import { receiveEnquiry } from '../../../test/support/enquiries.ts';
import { errorSummary, formFields, page, summaryListRows } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { designations, directoryEntries } from './leaders.tables.ts';

const text = (html: string) => page(html).querySelector('main')!.text.replace(/\s+/g, ' ');

describe('core training: "designated, training due" until a coordinator records it', () => {
  let t: TestApp;
  let coordinator: Person;
  let leaderId: number;
  let designationId: number;
  let formUrl: string;
  before(async () => {
    t = await buildTestApp({ now: '2026-12-04T15:00:00Z' });
    coordinator = await person(t, { roles: ['coordinator'] });
    const applicationId = await insertSentApplication(t, { name: 'Tomasz Trainee', email: 'tomasz@school.example' });
    ({ leaderId, designationId } = await designate(t, applicationId, '2026-12-04'));
    formUrl = `/staff/leaders/${leaderId}/designations/${designationId}/core-training`;
  });
  after(() => t.close());

  const leaderPage = async () =>
    (await t.app.inject({ url: `/staff/leaders/${leaderId}`, cookies: coordinator.cookies })).body;
  const matchingPage = async (reference: string) =>
    (await t.app.inject({ url: `/staff/enquiries/${reference}/matching`, cookies: coordinator.cookies })).body;
  const matchOf = (html: string, name: string) =>
    page(html)
      .querySelectorAll('.app-match')
      .find((match) => match.text.includes(name))
      ?.text.replace(/\s+/g, ' ');
  const submit = async (fields: Record<string, string>) =>
    submitForm(t.app, formUrl, fields, await openForm(t.app, formUrl, coordinator.cookies));
  const trainingDueInDirectory = async () =>
    (await t.database.db.select().from(directoryEntries).where(eq(directoryEntries.leaderId, leaderId)))[0]
      ?.trainingDue;

  test('a new designation shows training due on the leader’s page, the register and matching', async () => {
    const html = await leaderPage();
    assert.match(text(html), /Designated, training due: core training for the SLE designation is not recorded yet/);
    const rows = summaryListRows(html);
    assert.ok(rows.some(([key, value]) => key === 'Status' && value === 'Designated, training due'));
    assert.ok(rows.some(([key, value]) => key === 'Core training' && value === 'Not recorded'));
    const register = await t.app.inject({ url: '/staff/leaders?q=Tomasz', cookies: coordinator.cookies });
    assert.match(text(register.body), /SLE: designated Training due/);
    assert.equal(await trainingDueInDirectory(), true);

    const { reference } = await receiveEnquiry(t, '2026-12-04T10:00:00Z');
    assert.match(matchOf(await matchingPage(reference), 'Tomasz Trainee') ?? '', /Training due/);
  });

  test('the form refuses a missing, impossible or future date and a missing or over-long provider, keeping the input', async () => {
    const cases: Array<[Record<string, string>, Array<{ href: string; text: string }>]> = [
      [
        {},
        [
          { href: '#coreTrainingOn-day', text: 'Enter the date of the training' },
          { href: '#provider', text: 'Enter who provided the training' },
        ],
      ],
      [
        { 'coreTrainingOn-day': '31', 'coreTrainingOn-month': '2', 'coreTrainingOn-year': '2027', provider: 'NCTL' },
        [{ href: '#coreTrainingOn-day', text: 'The date of the training must be a real date' }],
      ],
      [
        { 'coreTrainingOn-day': '5', 'coreTrainingOn-month': '12', 'coreTrainingOn-year': '2026', provider: 'NCTL' },
        [{ href: '#coreTrainingOn-day', text: 'The date of the training must be today or in the past' }],
      ],
      [
        {
          'coreTrainingOn-day': '1',
          'coreTrainingOn-month': '12',
          'coreTrainingOn-year': '2026',
          provider: 'x'.repeat(121),
        },
        [{ href: '#provider', text: 'Provider must be 120 characters or fewer' }],
      ],
    ];
    for (const [fields, expected] of cases) {
      const response = await submit(fields);
      assert.equal(response.statusCode, 400, JSON.stringify(fields));
      assert.deepEqual(errorSummary(response.body), expected);
      const kept = formFields(response.body);
      for (const [name, value] of Object.entries(fields)) assert.equal(kept[name], value, `${name} is kept`);
    }
    const control = await submit({
      'coreTrainingOn-day': '1',
      'coreTrainingOn-month': '12',
      'coreTrainingOn-year': '2026',
      provider: 'Bad\u0007provider',
    });
    assert.equal(control.statusCode, 400);
    assert.deepEqual(errorSummary(control.body), [
      { href: '#provider', text: 'Provider must not contain control characters' },
    ]);
    const [designation] = await t.database.db.select().from(designations).where(eq(designations.id, designationId));
    assert.equal(designation?.coreTrainingOn, null, 'nothing saved');
  });

  test('recording it clears training due everywhere, and goes on the trail', async () => {
    const saved = await submit({
      'coreTrainingOn-day': '3',
      'coreTrainingOn-month': '12',
      'coreTrainingOn-year': '2026',
      provider: 'Liverpool Teaching School Hub',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/staff/leaders/${leaderId}`);

    const html = await leaderPage();
    assert.doesNotMatch(text(html), /training due/i);
    const rows = summaryListRows(html);
    assert.ok(rows.some(([key, value]) => key === 'Status' && value === 'Designated'));
    assert.ok(
      rows.some(
        ([key, value]) => key === 'Core training' && value === '3 December 2026, Liverpool Teaching School Hub',
      ),
      JSON.stringify(rows),
    );
    assert.match(text(html), /Core training recorded/);
    assert.equal(await trainingDueInDirectory(), false);
    const { reference } = await receiveEnquiry(t, '2026-12-04T11:00:00Z');
    const match = matchOf(await matchingPage(reference), 'Tomasz Trainee');
    assert.ok(match, 'still ranked');
    assert.doesNotMatch(match, /Training due/);

    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(leaderId)));
    const recorded = events.find((event) => event.action === 'core-training-recorded');
    assert.deepEqual(recorded?.after, {
      'designation-sle':
        'Designated, started 4 December 2026, review due 4 December 2030, core training 3 December 2026 (Liverpool Teaching School Hub)',
    });
    assert.equal(recorded?.actorUserId, coordinator.user.id);

    const same = await submit({
      'coreTrainingOn-day': '3',
      'coreTrainingOn-month': '12',
      'coreTrainingOn-year': '2026',
      provider: 'Liverpool Teaching School Hub',
    });
    assert.equal(same.statusCode, 303, 'saving it again changes nothing');
  });

  test('only the register’s keepers may record it, and only for a designation the leader holds', async () => {
    const leader = await person(t, { roles: ['system-leader'], leaderId });
    assert.equal((await t.app.inject({ url: formUrl, cookies: leader.cookies })).statusCode, 403);
    const other = `/staff/leaders/${leaderId}/designations/${designationId + 1000}/core-training`;
    assert.equal((await t.app.inject({ url: other, cookies: coordinator.cookies })).statusCode, 404);
  });
});
