import assert from 'node:assert/strict';
import { and, eq, inArray } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { designations, leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import { applicationDecisions, panelScores } from './panels.tables.ts';
import { sentApplication } from '../../../test/support/applications.ts';
import { errorSummary, formFields, page, tableRows, textsOf } from '../../../test/support/html.ts';
import { panelThroughForms } from '../../../test/support/panels.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { openSchoolsOtherThan } from '../../../test/support/schools.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';

const { palmerston, bankRoad, matthewArnold } = EXAMPLE_SCHOOLS;

describe('a panel of three scores applications, one member conflicted, and the chair decides', () => {
  let t: TestApp;
  let coordinator: Person;
  let chair: Person;
  let scorer: Person;
  let conflicted: Person;
  let panelId: number;
  let fromPalmerston: { id: number; reference: string };
  let fromBanksRoad: { id: number; reference: string };
  let criteria: Array<{ id: number; title: string }>;
  before(async () => {
    t = await buildTestApp();
    // Banks Road and Matthew Arnold in one trust, so the trust rule can be seen.
    await t.database.db
      .update(schools)
      .set({ trustReference: 'TR-TEST', trustName: 'Test Trust' })
      .where(inArray(schools.urn, [bankRoad.urn, matthewArnold.urn]));
    const [elsewhere] = await openSchoolsOtherThan(t, [palmerston.urn, bankRoad.urn, matthewArnold.urn]);
    coordinator = await person(t, { roles: ['coordinator'] });
    chair = await person(t, { roles: ['panel-member'], name: 'Carol Chair', schoolUrn: matthewArnold.urn });
    scorer = await person(t, { roles: ['panel-member'], name: 'Sam Scorer', schoolUrn: elsewhere!.urn });
    conflicted = await person(t, { roles: ['panel-member'], name: 'Pat Palmerston', schoolUrn: palmerston.urn });
    fromPalmerston = await sentApplication(t, {
      applicantName: 'Amira Applicant',
      applicantEmail: 'amira@palmerston.example',
      schoolUrn: palmerston.urn,
    });
    fromBanksRoad = await sentApplication(t, { applicantName: 'Bo Banks', schoolUrn: bankRoad.urn });
    criteria = (await t.app.services.designationRules.criteria()).sle;
    panelId = await panelThroughForms(t, coordinator, {
      meetsOn: '2026-11-23',
      members: [chair, scorer, conflicted],
      chair,
      consider: [fromPalmerston.id, fromBanksRoad.id],
    });
  });
  after(() => t.close());

  const sheetUrl = (applicationId: number) => `/staff/panels/${panelId}/applications/${applicationId}`;
  const allScores = (score: string) =>
    Object.fromEntries(criteria.map((criterion) => [`score-${criterion.id}`, score]));

  test('a panel’s date and hearing are checked; only panel members are added, and only ready applications', async () => {
    const form = await openForm(t.app, '/staff/panels/new', coordinator.cookies);
    const wrong = await submitForm(
      t.app,
      '/staff/panels',
      { 'meetsOn-day': '31', 'meetsOn-month': '2', 'meetsOn-year': '2027', note: 'Room 4' },
      form,
    );
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(errorSummary(wrong.body), [
      { href: '#meetsOn-day', text: 'The date the panel meets must be a real date' },
      { href: '#hearing', text: 'Select whether the panel hears applications or appeals' },
    ]);
    assert.equal(formFields(wrong.body).note, 'Room 4');

    const notAMember = await submitForm(
      t.app,
      `/staff/panels/${panelId}/members`,
      { userId: String(coordinator.id) },
      form,
    );
    assert.equal(notAMember.statusCode, 400);
    assert.deepEqual(errorSummary(notAMember.body), [{ href: '#userId', text: 'Select a panel member from the list' }]);
    const waiting = await sentApplication(t, { schoolUrn: palmerston.urn, answered: ['head-consent'] });
    const notReady = await submitForm(
      t.app,
      `/staff/panels/${panelId}/applications`,
      { applicationId: String(waiting.id) },
      form,
    );
    assert.equal(notReady.statusCode, 400);
    assert.deepEqual(errorSummary(notReady.body), [
      { href: '#applicationId', text: 'Select an application that is ready for a panel' },
    ]);

    const shown = await t.app.inject({ url: `/staff/panels/${panelId}`, cookies: coordinator.cookies });
    assert.deepEqual(
      textsOf(shown.body, '.app-panel-members li').map((text) => text.split(' ').slice(0, 3).join(' ')),
      [
        'Carol Chair Chair',
        'Pat Palmerston Palmerston',
        'Sam Scorer ' + textsOf(shown.body, '.app-panel-members li')[2]!.split(' ')[2],
      ],
    );
    assert.deepEqual(textsOf(shown.body, '.app-panel-applications tbody th a'), ['Amira Applicant', 'Bo Banks']);
    const stage = await t.app.inject({ url: `/staff/applications/${fromPalmerston.id}`, cookies: coordinator.cookies });
    assert.match(page(stage.body).querySelector('main')!.text, /At panel/);
  });

  test('a member sees only the panels they sit on', async () => {
    const outsider = await person(t, { roles: ['panel-member'] });
    assert.equal((await t.app.inject({ url: `/staff/panels/${panelId}`, cookies: outsider.cookies })).statusCode, 404);
    assert.equal((await t.app.inject({ url: sheetUrl(fromPalmerston.id), cookies: outsider.cookies })).statusCode, 404);
    const list = await t.app.inject({ url: '/staff/panels', cookies: outsider.cookies });
    assert.match(page(list.body).querySelector('main')!.text, /You do not sit on any panel yet/);
    const mine = await t.app.inject({ url: '/staff/panels', cookies: scorer.cookies });
    assert.equal(tableRows(mine.body, 'table').length, 1);
    const home = await t.app.inject({ url: '/staff', cookies: scorer.cookies });
    assert.ok(page(home.body).querySelector('a[href="/staff/panels"]'));
  });

  test('a member from the applicant’s school is told why they cannot score, and scores sent anyway are refused', async () => {
    const sheet = await openForm(t.app, sheetUrl(fromPalmerston.id), conflicted.cookies);
    assert.match(page(sheet.page.body).querySelector('#conflict')!.text, /You work at the applicant’s school/);
    assert.equal(page(sheet.page.body).querySelector('form[action$="/scores"]'), null);
    // Where the score sheet would be, the page says why there is none, rather than a heading over nothing.
    assert.match(page(sheet.page.body).querySelector('#no-scores')!.text, /You do not score this applicant\. You work/);
    // The application, references and consents are there to read all the same.
    assert.match(page(sheet.page.body).querySelector('main')!.text, /A strong leader \(supported-leader-reference\)/);
    const sent = await submitForm(t.app, `${sheetUrl(fromPalmerston.id)}/scores`, allScores('4'), sheet);
    assert.equal(sent.statusCode, 403);
    assert.match(
      errorSummary(sent.body)[0]!.text,
      /You cannot score this applicant\. You work at the applicant’s school/,
    );
    const saved = await t.database.db.select().from(panelScores).where(eq(panelScores.userId, conflicted.id));
    assert.deepEqual(saved, []);
  });

  test('a member in the applicant’s trust cannot score them either; another declares a conflict of their own', async () => {
    const chairSheet = await t.app.inject({ url: sheetUrl(fromBanksRoad.id), cookies: chair.cookies });
    assert.match(page(chairSheet.body).querySelector('#conflict')!.text, /in the applicant’s trust \(Test Trust\)/);
    const sheet = await openForm(t.app, sheetUrl(fromBanksRoad.id), scorer.cookies);
    const empty = await submitForm(t.app, `${sheetUrl(fromBanksRoad.id)}/conflict`, { reason: '' }, sheet);
    assert.deepEqual(errorSummary(empty.body), [{ href: '#reason', text: 'Say why you cannot score this applicant' }]);
    const declared = await submitForm(
      t.app,
      `${sheetUrl(fromBanksRoad.id)}/conflict`,
      { reason: 'I coached Bo last year' },
      sheet,
    );
    assert.equal(declared.statusCode, 303);
    const after = await t.app.inject({ url: sheetUrl(fromBanksRoad.id), cookies: scorer.cookies });
    assert.match(page(after.body).querySelector('#conflict')!.text, /You declared a conflict: I coached Bo last year/);
    const refused = await submitForm(t.app, `${sheetUrl(fromBanksRoad.id)}/scores`, allScores('3'), sheet);
    assert.equal(refused.statusCode, 403);
  });

  test('scores are checked: each criterion needs one from 1 to 4, and what was sent is kept', async () => {
    const sheet = await openForm(t.app, sheetUrl(fromPalmerston.id), scorer.cookies);
    const [first, second, ...rest] = criteria;
    const wrong = await submitForm(
      t.app,
      `${sheetUrl(fromPalmerston.id)}/scores`,
      {
        [`score-${second!.id}`]: '5',
        [`notes-${first!.id}`]: 'Strong evidence of impact',
        ...Object.fromEntries(rest.map((criterion) => [`score-${criterion.id}`, '3'])),
      },
      sheet,
    );
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(errorSummary(wrong.body), [
      { href: `#score-${first!.id}`, text: `Score ${first!.title}` },
      { href: `#score-${second!.id}`, text: `The score for ${second!.title} must be from 1 to 4` },
    ]);
    assert.equal(formFields(wrong.body)[`notes-${first!.id}`], 'Strong evidence of impact');
    assert.deepEqual(await t.database.db.select().from(panelScores).where(eq(panelScores.userId, scorer.id)), []);

    const saved = await submitForm(
      t.app,
      `${sheetUrl(fromPalmerston.id)}/scores`,
      { ...allScores('3'), [`score-${first!.id}`]: '4' },
      sheet,
    );
    assert.equal(saved.statusCode, 303);
    const again = await submitForm(
      t.app,
      `${sheetUrl(fromPalmerston.id)}/scores`,
      { ...allScores('3'), [`score-${first!.id}`]: '2' },
      sheet,
    );
    assert.equal(again.statusCode, 303);
    const mine = await t.app.inject({ url: sheetUrl(fromPalmerston.id), cookies: scorer.cookies });
    assert.equal(formFields(mine.body)[`score-${first!.id}`], '2', 'a second save replaces the first');
    assert.equal(page(mine.body).querySelector('#all-scores'), null, 'a member sees only their own scores');
  });

  test('the chair sees everyone’s scores with totals and means; a member who is not the chair cannot decide', async () => {
    const chairSheet = await openForm(t.app, sheetUrl(fromPalmerston.id), chair.cookies);
    assert.equal(
      (await submitForm(t.app, `${sheetUrl(fromPalmerston.id)}/scores`, allScores('4'), chairSheet)).statusCode,
      303,
    );
    const shown = await t.app.inject({ url: sheetUrl(fromPalmerston.id), cookies: chair.cookies });
    const rows = tableRows(shown.body, 'table.app-panel-scores');
    assert.equal(rows.length, criteria.length);
    // Chair 4, Pat (conflicted), Sam 2 on the first criterion; Sam 3 on the rest.
    assert.deepEqual(rows[0], ['4', 'Does not score', '2', '6', '3.0']);
    assert.deepEqual(rows[1], ['4', 'Does not score', '3', '7', '3.5']);

    const sheet = await openForm(t.app, sheetUrl(fromPalmerston.id), scorer.cookies);
    assert.equal(page(sheet.page.body).querySelector('form[action$="/decision"]'), null);
    const refused = await submitForm(
      t.app,
      `${sheetUrl(fromPalmerston.id)}/decision`,
      { outcome: 'designated', feedback: '', 'decidedOn-day': '23', 'decidedOn-month': '11', 'decidedOn-year': '2026' },
      sheet,
    );
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(errorSummary(refused.body), [
      { href: '#outcome', text: 'Only the panel’s chair records its decisions' },
    ]);
    assert.deepEqual(await t.database.db.select().from(applicationDecisions), []);
  });

  test('the chair designates: one decision, on the audit trail, and an email to the applicant', async () => {
    const sheet = await openForm(t.app, sheetUrl(fromPalmerston.id), chair.cookies);
    const date = { 'decidedOn-day': '23', 'decidedOn-month': '11', 'decidedOn-year': '2026' };
    const noFeedback = await submitForm(
      t.app,
      `${sheetUrl(fromPalmerston.id)}/decision`,
      { outcome: 'not-designated', feedback: '', ...date },
      sheet,
    );
    assert.equal(noFeedback.statusCode, 400);
    assert.deepEqual(errorSummary(noFeedback.body), [
      { href: '#feedback', text: 'Give the applicant feedback on why they were not designated' },
    ]);
    const decided = await submitForm(
      t.app,
      `${sheetUrl(fromPalmerston.id)}/decision`,
      { outcome: 'designated', feedback: 'Outstanding evidence of impact.', ...date },
      sheet,
    );
    assert.equal(decided.statusCode, 303);
    const again = await submitForm(
      t.app,
      `${sheetUrl(fromPalmerston.id)}/decision`,
      { outcome: 'deferred', feedback: '', ...date },
      sheet,
    );
    assert.equal(again.statusCode, 403);
    assert.equal((await t.database.db.select().from(applicationDecisions)).length, 1);

    const [email] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.kind, 'designation-decision'), eq(outboxMessages.recipient, 'amira@palmerston.example')),
      );
    assert.ok(email);
    assert.match(email.subject, new RegExp(fromPalmerston.reference));
    assert.match(email.body, /has designated you as a Specialist Leader of Education \(SLE\)/);
    assert.match(email.body, /Outstanding evidence of impact\./);
    assert.doesNotMatch(email.body, /appeal/);
    // The decision made the leader: designated from the decision's date, in the ledger, asked to be listed.
    const [leader] = await t.database.db.select().from(leaders).where(eq(leaders.email, 'amira@palmerston.example'));
    assert.ok(leader, 'the designated applicant is now a leader');
    assert.equal(leader.listed, false, 'not listed until they consent');
    const [designation] = await t.database.db.select().from(designations).where(eq(designations.leaderId, leader.id));
    assert.deepEqual(
      [designation?.type, designation?.status, designation?.startDate],
      ['sle', 'designated', '2026-11-23'],
    );
    const asked = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.kind, 'listing-consent'), eq(outboxMessages.recipient, 'amira@palmerston.example')));
    assert.equal(asked.length, 1);

    const application = await t.app.inject({
      url: `/staff/applications/${fromPalmerston.id}`,
      cookies: coordinator.cookies,
    });
    const text = page(application.body).querySelector('main')!.text.replace(/\s+/g, ' ');
    assert.match(text, /Designated: Panel of Monday 23 November 2026/);
    assert.match(text, /Decision recorded/);
    assert.match(text, /Decided/);
    const closed = await t.app.inject({ url: sheetUrl(fromPalmerston.id), cookies: scorer.cookies });
    assert.equal(page(closed.body).querySelector('form[action$="/scores"]'), null, 'scores close with the decision');
  });

  test('a chair in the applicant’s trust cannot record the decision on them: the page says why, the server refuses', async () => {
    const sheet = await openForm(t.app, sheetUrl(fromBanksRoad.id), chair.cookies);
    assert.equal(page(sheet.page.body).querySelector('form[action$="/decision"]'), null);
    const reason =
      'You cannot record the decision on this applicant. Your school is in the applicant’s trust (Test Trust). ' +
      'A coordinator records it on the panel’s behalf, or another member is made chair';
    assert.equal(page(sheet.page.body).querySelector('#cannot-decide')!.text.trim(), `${reason}.`);
    const date = { 'decidedOn-day': '23', 'decidedOn-month': '11', 'decidedOn-year': '2026' };
    for (const fields of [
      { outcome: 'designated', feedback: '', ...date },
      { outcome: 'nonsense', feedback: '' },
    ]) {
      const refused = await submitForm(t.app, `${sheetUrl(fromBanksRoad.id)}/decision`, fields, sheet);
      assert.equal(refused.statusCode, 403);
      assert.deepEqual(errorSummary(refused.body), [{ href: '#outcome', text: reason }]);
    }
    const decided = await t.database.db
      .select()
      .from(applicationDecisions)
      .where(eq(applicationDecisions.applicationId, fromBanksRoad.id));
    assert.deepEqual(decided, []);
    // The coordinator, who sits on no panel, still sees the form to record it for the panel.
    const forCoordinator = await t.app.inject({ url: sheetUrl(fromBanksRoad.id), cookies: coordinator.cookies });
    assert.ok(page(forCoordinator.body).querySelector('form[action$="/decision"]'));
  });

  test('a deferred application comes back, ready for a later panel; a coordinator records it for the chair', async () => {
    const sheet = await openForm(t.app, sheetUrl(fromBanksRoad.id), coordinator.cookies);
    const deferred = await submitForm(
      t.app,
      `${sheetUrl(fromBanksRoad.id)}/decision`,
      {
        outcome: 'deferred',
        feedback: 'Ask for a fuller second reference.',
        'decidedOn-day': '23',
        'decidedOn-month': '11',
        'decidedOn-year': '2026',
      },
      sheet,
    );
    assert.equal(deferred.statusCode, 303);
    const ready = await t.app.inject({
      url: '/staff/applications?stage=ready-for-panel',
      cookies: coordinator.cookies,
    });
    assert.ok(textsOf(ready.body, 'table.app-applications tbody th a').includes('Bo Banks'));
    const later = await panelThroughForms(t, coordinator, { meetsOn: '2027-01-18', members: [scorer] });
    const page2 = await t.app.inject({ url: `/staff/panels/${later}`, cookies: coordinator.cookies });
    assert.ok(textsOf(page2.body, '#applicationId option').includes(`${fromBanksRoad.reference}: Bo Banks`));
    const [email] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.kind, 'designation-decision'))
      .orderBy(outboxMessages.id);
    assert.ok(email);
  });
});
