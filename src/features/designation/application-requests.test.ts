import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { errorSummary, formFields, page } from '../../../test/support/html.ts';
import { person } from '../../../test/support/people.ts';
import { answer, answerSleApplication, emailsTo, linkIn, REFEREES } from '../../../test/support/apply-journey.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { applicationRequests, applications } from './applications.tables.ts';

const mainText = (html: string) => page(html).querySelector('main')!.text.replace(/\s+/g, ' ');
const DAY = 86_400_000;

describe('what an application asks of referees and consenters, by emailed links', () => {
  let t: TestApp;
  let applicationId: number;
  before(async () => {
    t = await buildTestApp();
    const jar = await answerSleApplication(t, { name: 'Nadia Quist', email: 'nadia.quist@palmerston.example' });
    assert.equal((await answer(t, jar, '/apply/check', {})).statusCode, 303);
    const [row] = await t.database.db.select().from(applications);
    applicationId = row!.id;
  });
  after(() => t.close());

  const requestOf = async (kind: 'supported-leader-reference' | 'chair-consent' | 'line-manager-reference') => {
    const [row] = await t.database.db
      .select()
      .from(applicationRequests)
      .where(and(eq(applicationRequests.kind, kind), eq(applicationRequests.applicationId, applicationId)));
    return row!;
  };

  test('a referee sees who asked and the criteria, writes a reference, and the link is then used', async () => {
    const link = await linkIn(t, REFEREES.supportedLeader.email);
    const opened = await t.app.inject({ url: link });
    assert.equal(opened.statusCode, 200);
    const text = mainText(opened.body);
    assert.match(text, /Nadia Quist \(Head of English\) has applied/);
    assert.match(text, /Track record/);

    const jar = {};
    const wrong = await answer(t, jar, link, { answerText: '', supports: '' });
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(
      errorSummary(wrong.body).map((error) => error.href),
      ['#answerText', '#supports'],
    );

    const done = await answer(t, jar, link, { answerText: 'Nadia transformed our Year 9 reading.', supports: 'yes' });
    assert.equal(done.statusCode, 200);
    assert.match(mainText(done.body), /Reference sent/);
    const row = await requestOf('supported-leader-reference');
    assert.equal(row.answerText, 'Nadia transformed our Year 9 reading.');
    assert.equal(row.supports, true);
    assert.ok(row.answeredAt);

    const used = await t.app.inject({ url: link });
    assert.equal(used.statusCode, 410);
    assert.match(mainText(used.body), /This link has been used/);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'request-answered'));
    assert.equal(events.length, 1);
  });

  test('the chair says how many days the school can release them, bounded 0 to 200', async () => {
    const link = await linkIn(t, REFEREES.chair.email);
    const jar = {};
    const tooMany = await answer(t, jar, link, { supports: 'yes', releaseDays: '365', answerText: '' });
    assert.equal(tooMany.statusCode, 400);
    assert.deepEqual(errorSummary(tooMany.body), [
      { href: '#releaseDays', text: 'The days a year must be a whole number from 0 to 200' },
    ]);
    assert.equal(formFields(tooMany.body).releaseDays, '365');
    const done = await answer(t, jar, link, { supports: 'yes', releaseDays: '15', answerText: '' });
    assert.match(mainText(done.body), /Consent recorded/);
    const row = await requestOf('chair-consent');
    assert.equal(row.releaseDays, 15);
    assert.equal(row.supports, true);
  });

  test('a link that is not one, or is out of date, says so and whom to contact', async () => {
    const fake = await t.app.inject({ url: `/application-requests/${'A'.repeat(43)}` });
    assert.equal(fake.statusCode, 404);
    assert.match(mainText(fake.body), /This link does not work/);
    assert.equal((await t.app.inject({ url: '/application-requests/nonsense' })).statusCode, 404);
  });

  test('each unanswered request is reminded once, after the reminder days, with a fresh link', async () => {
    const before = await linkIn(t, REFEREES.lineManager.email);
    // Sent on Monday 23 November; the job runs on working days.
    t.clock.set(new Date(t.clock.now().getTime() + 2 * DAY).toISOString());
    assert.equal(await t.app.services.applicationRequests.runIfDue(), 'done');
    assert.equal((await requestOf('line-manager-reference')).remindedAt, null, 'not before 7 days');

    t.clock.set(new Date(t.clock.now().getTime() + 5 * DAY).toISOString());
    assert.equal(await t.app.services.applicationRequests.runIfDue(), 'done');
    const reminded = await requestOf('line-manager-reference');
    assert.ok(reminded.remindedAt);
    const reminders = (await emailsTo(t, REFEREES.lineManager.email)).filter((email) =>
      email.subject.startsWith('Reminder:'),
    );
    // The head gives the reference and the consent: one reminder for each, none for what was answered.
    assert.equal(reminders.length, 2);
    assert.equal((await emailsTo(t, REFEREES.supportedLeader.email)).length, 1, 'the answered one is not reminded');
    const fresh = await linkIn(t, REFEREES.lineManager.email);
    assert.notEqual(fresh, before);
    assert.equal((await t.app.inject({ url: fresh })).statusCode, 200);

    t.clock.set(new Date(t.clock.now().getTime() + 8 * DAY).toISOString());
    assert.equal(await t.app.services.applicationRequests.runIfDue(), 'done');
    const after = (await emailsTo(t, REFEREES.lineManager.email)).filter((email) =>
      email.subject.startsWith('Reminder:'),
    );
    assert.equal(after.length, 2, 'reminded once only');
  });

  test('an expired link says so; a coordinator resends a new one', async () => {
    t.clock.set(new Date(t.clock.now().getTime() + 15 * DAY).toISOString());
    const old = await linkIn(t, REFEREES.lineManager.email);
    const expired = await t.app.inject({ url: old });
    assert.equal(expired.statusCode, 410);
    assert.match(mainText(expired.body), /This link has expired/);

    const coordinator = await person(t, { roles: ['coordinator'] });
    const request = await requestOf('line-manager-reference');
    const url = `/staff/applications/${applicationId}/requests/${request.id}/resend`;
    const form = await openForm(t.app, '/staff', coordinator.cookies);
    const resent = await submitForm(t.app, url, {}, form);
    assert.equal(resent.statusCode, 303);
    assert.equal(resent.headers.location, `/staff/applications/${applicationId}#requests`);
    const fresh = await linkIn(t, REFEREES.lineManager.email);
    assert.notEqual(fresh, old);
    assert.equal((await t.app.inject({ url: fresh })).statusCode, 200);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'request-resent'));
    assert.equal(events[0]!.actorUserId, coordinator.id);

    const summaries = await t.app.services.applicationRequests.requestsFor(applicationId);
    assert.equal(summaries.find((each) => each.kind === 'line-manager-reference')!.status, 'reminded');
    assert.equal(summaries.find((each) => each.kind === 'chair-consent')!.status, 'answered');
    assert.equal(summaries.find((each) => each.kind === 'head-consent')!.status, 'expired');
  });

  test('a coordinator changes a referee: the old request is superseded, a new one sent; bad input is explained', async () => {
    const coordinator = await person(t, { roles: ['coordinator'] });
    const request = await requestOf('line-manager-reference');
    const oldLink = await linkIn(t, REFEREES.lineManager.email);
    const url = `/staff/applications/${applicationId}/requests/${request.id}/change`;
    const form = await openForm(t.app, url, coordinator.cookies);
    assert.equal(formFields(form.page.body).name, 'Hana Okafor');

    const bad = await submitForm(t.app, url, { name: 'Sam Roe', email: 'sam@', jobTitle: '', organisation: 'X' }, form);
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      errorSummary(bad.body).map((error) => error.href),
      ['#email', '#jobTitle'],
    );
    assert.equal(formFields(bad.body).name, 'Sam Roe');

    const fields = {
      name: 'Sam Roe',
      email: 'sam.roe@palmerston.example',
      jobTitle: 'Acting headteacher',
      organisation: 'Palmerston School',
    };
    const changed = await submitForm(t.app, url, fields, form);
    assert.equal(changed.statusCode, 303);
    assert.equal(changed.headers.location, `/staff/applications/${applicationId}#requests`);
    assert.equal((await t.app.inject({ url: oldLink })).statusCode, 404, 'the old link stops working');
    const newLink = await linkIn(t, 'sam.roe@palmerston.example');
    assert.match(mainText((await t.app.inject({ url: newLink })).body), /named you, Sam Roe, Acting headteacher/);

    const summaries = await t.app.services.applicationRequests.requestsFor(applicationId);
    const references = summaries.filter((each) => each.kind === 'line-manager-reference');
    assert.deepEqual(
      references.map((each) => [each.name, each.superseded, each.status]),
      [
        ['Hana Okafor', true, 'reminded'],
        ['Sam Roe', false, 'sent'],
      ],
    );
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'request-changed'));
    assert.equal(event!.actorUserId, coordinator.id);
    const trail = await t.app.services.applications.trail(coordinator.user, applicationId);
    const actions = new Set(trail!.map((row) => row.action));
    for (const action of [
      'Application started',
      'Application sent',
      'Reference or consent given',
      'Reminder sent',
      'Link sent again',
      'Referee or consenter changed',
    ])
      assert.ok(actions.has(action), action);
    assert.ok(
      trail!.some((row) => row.action === 'Referee or consenter changed' && row.who.includes(coordinator.email)),
    );

    const again = await submitForm(t.app, url, fields, form);
    assert.equal(again.statusCode, 404, 'the superseded request cannot be changed again');
  });

  test('a criterion applicants have written evidence against is kept', async () => {
    const admin = await person(t, { roles: ['administrator'] });
    const [criterion] = (await t.app.services.designationRules.criteria()).sle;
    const outcome = await t.app.services.designationRules.removeCriterion(admin.user, criterion!);
    assert.equal(outcome.ok, false);
    assert.equal((await t.app.services.designationRules.criteria()).sle.length, 4);
  });

  test('only the alliance’s coordinators and administrators act on requests', async () => {
    const leader = await person(t, { roles: ['system-leader'] });
    const coordinator = await person(t, { roles: ['coordinator'] });
    const request = await requestOf('chair-consent');
    const url = `/staff/applications/${applicationId}/requests/${request.id}/change`;
    assert.equal((await t.app.inject({ url, cookies: leader.cookies })).statusCode, 403);
    assert.equal(
      (
        await t.app.inject({
          url: `/staff/applications/${applicationId}/requests/999999/change`,
          cookies: coordinator.cookies,
        })
      ).statusCode,
      404,
    );
  });
});
