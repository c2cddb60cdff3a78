import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq, like } from 'drizzle-orm';
import { receiveEnquiry } from '../../../test/support/enquiries.ts';
import { errorSummary, formFields, page } from '../../../test/support/html.ts';
import { addLeader } from '../../../test/support/leaders.ts';
import { panelThroughForms } from '../../../test/support/panels.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';

const LIST = '/staff/designation-reviews';
const lodged = (date: string, grounds = 'The review did not weigh my outreach this year') => {
  const [year, month, day] = date.split('-');
  return {
    'lodgedOn-day': String(Number(day)),
    'lodgedOn-month': String(Number(month)),
    'lodgedOn-year': year!,
    grounds,
  };
};

describe('a leader’s appeal against being de-designated: in time, heard by an appeal panel, upheld or dismissed', () => {
  let t: TestApp;
  let coordinator: Person;
  let otherCoordinator: Person;
  /** Closes the reviews, and sits on a panel for appeals: one that may not hear them. */
  let closer: Person;
  let enquiryId: number;
  let appealPanel: number;
  let closerPanel: number;
  const ids = { upheld: 0, dismissed: 0, late: 0 };
  const reviews = { upheld: '', dismissed: '', late: '' };

  const designationOf = async (leaderId: number) => {
    const alliance = await t.app.services.alliances.current();
    return (await t.app.services.leaders.find(alliance.id, leaderId))!.designations[0]!;
  };
  const post = async (url: string, path: string, fields: Record<string, string>, who = coordinator) =>
    submitForm(t.app, `${url}/${path}`, fields, await openForm(t.app, url, who.cookies));
  const deDesignate = async (leaderId: number): Promise<string> => {
    const form = await openForm(t.app, LIST, coordinator.cookies);
    const started = await submitForm(t.app, LIST, { designationId: String((await designationOf(leaderId)).id) }, form);
    assert.equal(started.statusCode, 303, started.body);
    const url = started.headers.location as string;
    const done = await post(url, 'outcome', { outcome: 'de-designated', outcomeReason: 'No outreach for a year' });
    assert.equal(done.statusCode, 303, done.body);
    return url;
  };
  const ranked = async (leaderId: number) =>
    (await t.app.services.matching.rankForEnquiry(enquiryId))!.ranked.some((leader) => leader.leaderId === leaderId);
  const inDirectory = async (name: string) =>
    (await t.app.inject({ url: `/api/system-leaders?q=${encodeURIComponent(name)}` }))
      .json()
      .results.some((result: { name: string }) => result.name === name);
  const emailsTo = (to: string) =>
    t.database.db
      .select()
      .from(outboxMessages)
      .where(and(like(outboxMessages.kind, 'designation-review-appeal-%'), eq(outboxMessages.recipient, to)))
      .orderBy(asc(outboxMessages.id));
  const sle = [{ type: 'sle' as const, status: 'designated' as const, startDate: '2022-09-01', reviewDate: null }];

  before(async () => {
    t = await buildTestApp();
    closer = await person(t, { roles: ['coordinator', 'panel-member'], name: 'Cora Closer' });
    coordinator = closer;
    otherCoordinator = await person(t, { roles: ['coordinator'] });
    const member = await person(t, { roles: ['panel-member'], name: 'Appeal Member' });
    ids.upheld = await addLeader(t, { name: 'Uma Upheld', email: 'uma@palmerston.example', designations: sle });
    ids.dismissed = await addLeader(t, { name: 'Dai Dismissed', email: 'dai@palmerston.example', designations: sle });
    ids.late = await addLeader(t, { name: 'Lee Late', email: 'lee@palmerston.example', designations: sle });
    enquiryId = (await receiveEnquiry(t, '2026-11-23T10:00:00Z')).id;
    appealPanel = await panelThroughForms(t, otherCoordinator, {
      meetsOn: '2026-12-07',
      hearing: 'appeal',
      members: [member],
    });
    closerPanel = await panelThroughForms(t, otherCoordinator, {
      meetsOn: '2026-12-08',
      hearing: 'appeal',
      members: [closer],
    });
    reviews.upheld = await deDesignate(ids.upheld);
    reviews.dismissed = await deDesignate(ids.dismissed);
    reviews.late = await deDesignate(ids.late);
  });
  after(() => t.close());

  test('a school contact may not record an appeal', async () => {
    const contact = await person(t, { roles: ['school-contact'] });
    assert.equal((await t.app.inject({ url: reviews.upheld, cookies: contact.cookies })).statusCode, 403);
    const refused = await t.app.inject({
      method: 'POST',
      url: `${reviews.upheld}/appeal`,
      cookies: contact.cookies,
      payload: lodged('2026-11-23'),
    });
    assert.equal(refused.statusCode, 403);
    assert.equal((await emailsTo('uma@palmerston.example')).length, 0);
  });

  test('bad input and out-of-time appeals are refused with the reason, the input kept', async () => {
    const empty = await post(reviews.upheld, 'appeal', { ...lodged('2026-11-23'), grounds: '' });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [{ href: '#grounds', text: 'Enter the grounds of the appeal' }]);
    assert.equal(formFields(empty.body)['lodgedOn-day'], '23');
    const future = await post(reviews.upheld, 'appeal', lodged('2026-11-24'));
    assert.deepEqual(errorSummary(future.body), [
      { href: '#lodgedOn-day', text: 'The date the appeal was lodged must be today or in the past' },
    ]);
    assert.equal(formFields(future.body).grounds, 'The review did not weigh my outreach this year');
    const before = await post(reviews.upheld, 'appeal', lodged('2026-11-20'));
    assert.match(errorSummary(before.body)[0]!.text, /must be on or after the decision \(Monday 23 November 2026\)/);

    t.clock.set(new Date('2026-12-22T10:00:00Z'));
    coordinator = await person(t, { roles: ['coordinator'] }); // the first one's session has lapsed
    const late = await post(reviews.late, 'appeal', lodged('2026-12-22'));
    assert.equal(late.statusCode, 400);
    assert.deepEqual(errorSummary(late.body), [
      {
        href: '#lodgedOn-day',
        text: 'The appeal is out of time: appeals must be lodged within 28 days of the decision, by Monday 21 December 2026',
      },
    ]);
    assert.equal((await emailsTo('lee@palmerston.example')).length, 0, 'nothing sent');
    const inTime = await post(reviews.upheld, 'appeal', lodged('2026-12-21'));
    assert.equal(inTime.statusCode, 303, inTime.body);
    const [email] = await emailsTo('uma@palmerston.example');
    assert.match(email!.body, /lodged on Monday 21 December 2026/);
    const text = page((await t.app.inject({ url: reviews.upheld, cookies: coordinator.cookies })).body).text;
    assert.match(text, /Appeal lodged\s+21 Dec 2026|Appeal lodged\s+21 December 2026/);
    assert.match(text, /Not yet put to a panel/);
  });

  test('the panel: one for appeals, without the coordinator who closed the review', async () => {
    const noChoice = await post(reviews.upheld, 'appeal/panel', {});
    assert.deepEqual(errorSummary(noChoice.body), [
      { href: '#panelId', text: 'Select the panel that will hear the appeal' },
    ]);
    const closer = await post(reviews.upheld, 'appeal/panel', { panelId: String(closerPanel) });
    assert.equal(closer.statusCode, 400);
    assert.match(errorSummary(closer.body)[0]!.text, /recorded the review’s outcome sits on that panel/);
    const noOutcomeYet = await post(reviews.upheld, 'appeal/outcome', { appealOutcome: 'upheld' });
    assert.deepEqual(errorSummary(noOutcomeYet.body), [
      { href: '#appealOutcome', text: 'Choose the panel hearing the appeal first' },
    ]);
    const chosen = await post(reviews.upheld, 'appeal/panel', { panelId: String(appealPanel) });
    assert.equal(chosen.statusCode, 303, chosen.body);
    assert.match((await emailsTo('uma@palmerston.example'))[1]!.body, /meeting on Monday 7 December 2026/);
  });

  test('upheld: designated again for a new period, back in the directory and matching at once', async () => {
    assert.ok(!(await inDirectory('Uma Upheld')));
    assert.ok(!(await ranked(ids.upheld)));
    const none = await post(reviews.upheld, 'appeal/outcome', { appealNotes: 'Kept' });
    assert.equal(none.statusCode, 400);
    assert.deepEqual(errorSummary(none.body), [
      { href: '#appealOutcome', text: 'Select whether the panel upheld or dismissed it' },
    ]);
    assert.equal(formFields(none.body).appealNotes, 'Kept');
    const done = await post(reviews.upheld, 'appeal/outcome', {
      appealOutcome: 'upheld',
      appealNotes: 'Outreach shown',
    });
    assert.equal(done.statusCode, 303, done.body);
    const designation = await designationOf(ids.upheld);
    assert.equal(designation.status, 'designated');
    assert.equal(designation.reviewDate, '2030-12-22');
    assert.ok(await inDirectory('Uma Upheld'));
    assert.ok(await ranked(ids.upheld));
    const text = page((await t.app.inject({ url: reviews.upheld, cookies: coordinator.cookies })).body).text;
    assert.match(text, /Upheld: designation restored/);
    assert.match(text, /Outreach shown/);
    const email = (await emailsTo('uma@palmerston.example'))[2]!;
    assert.match(email.subject, /upheld/);
    assert.match(email.body, /next review is due on Sunday 22 December 2030/);
    const again = await post(reviews.upheld, 'appeal/outcome', { appealOutcome: 'dismissed' });
    assert.equal(again.statusCode, 400);
    const leaderTrail = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'leader'), eq(auditEvents.entityId, String(ids.upheld))));
    const actions = leaderTrail.map((row) => row.action);
    for (const action of ['appeal-lodged', 'appeal-panel-chosen', 'appeal-upheld'])
      assert.ok(actions.includes(action), action);
  });

  test('dismissed: stays withdrawn and out of the directory and matching', async () => {
    assert.equal((await post(reviews.dismissed, 'appeal', lodged('2026-11-23'))).statusCode, 303);
    assert.equal((await post(reviews.dismissed, 'appeal/panel', { panelId: String(appealPanel) })).statusCode, 303);
    const done = await post(reviews.dismissed, 'appeal/outcome', { appealOutcome: 'dismissed' });
    assert.equal(done.statusCode, 303);
    assert.equal((await designationOf(ids.dismissed)).status, 'withdrawn');
    assert.ok(!(await inDirectory('Dai Dismissed')));
    assert.ok(!(await ranked(ids.dismissed)));
    const emails = await emailsTo('dai@palmerston.example');
    assert.deepEqual(
      emails.map((email) => email.kind),
      ['designation-review-appeal-lodged', 'designation-review-appeal-panel', 'designation-review-appeal-dismissed'],
    );
    const text = page((await t.app.inject({ url: reviews.dismissed, cookies: coordinator.cookies })).body).text;
    assert.match(text, /Dismissed: the de-designation stands/);
    assert.match(text, /Appeal against the de-designation lodged/, 'on the review’s trail');
    assert.match(text, /Appeal dismissed/);
  });
});
