import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { after, before, describe, test } from 'node:test';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { PanelDecisionService, type OnDesignated } from './panel-decisions.service.ts';
import { applicationDecisions } from './panels.tables.ts';
import { sentApplication } from '../../../test/support/applications.ts';
import { errorSummary, page } from '../../../test/support/html.ts';
import { panelThroughForms } from '../../../test/support/panels.ts';
import { person, sessionCookiesFor, type Person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';

const dateFields = (name: string, date: string) => {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};

async function decide(
  t: TestApp,
  chair: Person,
  panelId: number,
  applicationId: number,
  fields: Record<string, string>,
) {
  const url = `/staff/panels/${panelId}/applications/${applicationId}`;
  const sheet = await openForm(t.app, url, chair.cookies);
  return submitForm(t.app, `${url}/decision`, fields, sheet);
}

describe('an appeal: recorded within the window, heard by a different panel, its outcome beside the decision', () => {
  let t: TestApp;
  let coordinator: Person;
  let firstChair: Person;
  let firstMember: Person;
  let appealChair: Person;
  let appealMember: Person;
  let firstPanel: number;
  let application: { id: number; reference: string };
  before(async () => {
    t = await buildTestApp({ now: '2026-11-02T10:00:00Z' });
    coordinator = await person(t, { roles: ['coordinator'] });
    const member = (name: string) => person(t, { roles: ['panel-member'], name });
    firstChair = await member('First Chair');
    firstMember = await member('First Member');
    appealChair = await member('Appeal Chair');
    appealMember = await member('Appeal Member');
    application = await sentApplication(t, {
      applicantName: 'Nia Appellant',
      applicantEmail: 'nia@banks-road.example',
      schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    });
    firstPanel = await panelThroughForms(t, coordinator, {
      meetsOn: '2026-11-02',
      members: [firstChair, firstMember],
      chair: firstChair,
      consider: [application.id],
    });
    const refused = await decide(t, firstChair, firstPanel, application.id, {
      outcome: 'not-designated',
      feedback: 'The evidence of impact beyond your own team was thin.',
      ...dateFields('decidedOn', '2026-11-02'),
    });
    assert.equal(refused.statusCode, 303);
  });
  after(() => t.close());

  /** Moves the clock on, with fresh sessions: a month on, yesterday's would have ended. */
  const moveClockTo = async (instant: string) => {
    t.clock.set(instant);
    for (const someone of [coordinator, firstChair, firstMember, appealChair, appealMember])
      someone.cookies = await sessionCookiesFor(t, someone);
  };

  const applicationPage = async () =>
    page((await t.app.inject({ url: `/staff/applications/${application.id}`, cookies: coordinator.cookies })).body)
      .querySelector('main')!
      .text.replace(/\s+/g, ' ');

  test('a refusal tells the applicant the feedback and the last day to appeal', async () => {
    const [email] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.kind, 'designation-decision'), eq(outboxMessages.recipient, 'nia@banks-road.example')),
      );
    assert.match(email!.body, /has not designated you/);
    assert.match(email!.body, /The evidence of impact beyond your own team was thin\./);
    assert.match(email!.body, /you may appeal by Monday 30 November 2026/);
    assert.match(await applicationPage(), /The applicant may appeal until Monday 30 November 2026/);
  });

  test('an appeal lodged after the window is refused with the reason; one on its last day is recorded', async () => {
    await moveClockTo('2026-12-02T10:00:00Z');
    const url = `/staff/applications/${application.id}/appeal`;
    const form = await openForm(t.app, url, coordinator.cookies);
    const late = await submitForm(
      t.app,
      url,
      { ...dateFields('lodgedOn', '2026-12-01'), grounds: 'The panel missed my evidence.' },
      form,
    );
    assert.equal(late.statusCode, 400);
    assert.deepEqual(errorSummary(late.body), [
      {
        href: '#lodgedOn-day',
        text: 'The appeal is out of time: appeals must be lodged within 28 days of the decision, by Monday 30 November 2026',
      },
    ]);
    assert.match(page(late.body).querySelector('#grounds')!.text, /The panel missed my evidence\./);
    const inTime = await submitForm(
      t.app,
      url,
      { ...dateFields('lodgedOn', '2026-11-30'), grounds: 'The panel missed my evidence.' },
      form,
    );
    assert.equal(inTime.statusCode, 303);
    const text = await applicationPage();
    assert.match(text, /Appealed/);
    assert.match(text, /Appeal lodged Monday 30 November 2026/);
    assert.match(text, /Not yet put to a panel/);
    assert.equal(
      (await t.app.inject({ url, cookies: coordinator.cookies })).statusCode,
      404,
      'one appeal per decision',
    );
  });

  test('no member of the deciding panel sits on the panel hearing the appeal', async () => {
    const mixed = await panelThroughForms(t, coordinator, {
      meetsOn: '2026-12-07',
      hearing: 'appeal',
      members: [appealChair, firstMember],
    });
    const form = await openForm(t.app, `/staff/panels/${mixed}`, coordinator.cookies);
    const appealId = page(form.page.body)
      .querySelectorAll('#applicationId option')
      .find((option) => option.text.includes(application.reference))!
      .getAttribute('value')!;
    const refused = await submitForm(t.app, `/staff/panels/${mixed}/applications`, { applicationId: appealId }, form);
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(errorSummary(refused.body), [
      {
        href: '#applicationId',
        text: 'An appeal is heard by a different panel: First Member sat on the panel that made the decision',
      },
    ]);

    const different = await panelThroughForms(t, coordinator, {
      meetsOn: '2026-12-07',
      hearing: 'appeal',
      members: [appealChair, appealMember],
      chair: appealChair,
      consider: [Number(appealId)],
    });
    const joining = await submitForm(
      t.app,
      `/staff/panels/${different}/members`,
      { userId: String(firstMember.id) },
      form,
    );
    assert.equal(joining.statusCode, 400);
    assert.deepEqual(errorSummary(joining.body), [
      { href: '#userId', text: 'First Member sat on the panel whose decision this panel hears on appeal' },
    ]);
    assert.match(await applicationPage(), /Heard by The appeal panel/);

    // The appeal panel's chair upholds it and designates; the first decision is kept beside the new one.
    await moveClockTo('2026-12-07T15:00:00Z');
    const missing = await decide(t, appealChair, different, application.id, {
      outcome: 'upheld',
      feedback: '',
      ...dateFields('decidedOn', '2026-12-07'),
    });
    assert.deepEqual(errorSummary(missing.body), [{ href: '#newOutcome', text: 'Select the panel’s new decision' }]);
    const firstChairTries = await decide(t, firstChair, different, application.id, { outcome: 'dismissed' });
    assert.equal(firstChairTries.statusCode, 404, 'the first panel’s chair does not sit on the appeal panel');
    const upheld = await decide(t, appealChair, different, application.id, {
      outcome: 'upheld',
      feedback: 'The evidence of outreach was there, in the second reference.',
      newOutcome: 'designated',
      newFeedback: 'Welcome to the alliance’s SLEs.',
      ...dateFields('decidedOn', '2026-12-07'),
    });
    assert.equal(upheld.statusCode, 303);
    const text = await applicationPage();
    assert.match(text, /Not designated: Panel of Monday 2 November 2026/);
    assert.match(text, /Appeal outcome Upheld: a new decision was made, Monday 7 December 2026/);
    assert.match(text, /Designated: Appeal panel of Monday 7 December 2026/);
    assert.match(text, /Appeal outcome recorded/);
    assert.doesNotMatch(text, /Record an appeal/);
    const [email] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.kind, 'designation-appeal-outcome'));
    assert.equal(email!.recipient, 'nia@banks-road.example');
    assert.match(email!.body, /upheld your appeal/);
    assert.match(email!.body, /has designated you/);
  });

  test('a dismissed appeal leaves the first decision standing, and the applicant is told', async () => {
    const second = await sentApplication(t, {
      applicantName: 'Omar Second',
      applicantEmail: 'omar@banks-road.example',
      schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    });
    const panel = await panelThroughForms(t, coordinator, {
      meetsOn: '2026-12-07',
      members: [firstChair, firstMember],
      chair: firstChair,
      consider: [second.id],
    });
    const refused = await decide(t, firstChair, panel, second.id, {
      outcome: 'not-designated',
      feedback: 'Not yet.',
      ...dateFields('decidedOn', '2026-12-07'),
    });
    assert.equal(refused.statusCode, 303);
    const url = `/staff/applications/${second.id}/appeal`;
    const form = await openForm(t.app, url, coordinator.cookies);
    const lodged = await submitForm(t.app, url, { ...dateFields('lodgedOn', '2026-12-07'), grounds: 'Unfair.' }, form);
    assert.equal(lodged.statusCode, 303);
    const hearing = await panelThroughForms(t, coordinator, {
      meetsOn: '2026-12-07',
      hearing: 'appeal',
      members: [appealChair, appealMember],
      chair: appealChair,
    });
    const panelPage = await openForm(t.app, `/staff/panels/${hearing}`, coordinator.cookies);
    const appealId = page(panelPage.page.body)
      .querySelectorAll('#applicationId option')
      .find((option) => option.text.includes(second.reference))!
      .getAttribute('value')!;
    const added = await submitForm(
      t.app,
      `/staff/panels/${hearing}/applications`,
      { applicationId: appealId },
      panelPage,
    );
    assert.equal(added.statusCode, 303);
    const dismissed = await decide(t, appealChair, hearing, second.id, {
      outcome: 'dismissed',
      feedback: 'The panel weighed the evidence fairly.',
      ...dateFields('decidedOn', '2026-12-07'),
    });
    assert.equal(dismissed.statusCode, 303);
    const shown = await t.app.inject({ url: `/staff/applications/${second.id}`, cookies: coordinator.cookies });
    const text = page(shown.body).querySelector('main')!.text.replace(/\s+/g, ' ');
    assert.match(text, /Decided/);
    assert.match(text, /Dismissed: the decision stands/);
    assert.match(text, /The panel weighed the evidence fairly\./);
    const [email] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.kind, 'designation-appeal-outcome'),
          eq(outboxMessages.recipient, 'omar@banks-road.example'),
        ),
      );
    assert.match(email!.body, /dismissed your appeal: the original decision stands/);
  });
});

describe('designating calls the designation hook inside the decision’s transaction', () => {
  let t: TestApp;
  let chair: Person;
  before(async () => {
    t = await buildTestApp();
    chair = await person(t, { roles: ['panel-member'], name: 'Hook Chair' });
  });
  after(() => t.close());

  test('a hook that fails undoes the decision and its email; one that works sees the decision in its transaction', async () => {
    const coordinator = await person(t, { roles: ['coordinator'] });
    const application = await sentApplication(t, { schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn });
    const panelId = await panelThroughForms(t, coordinator, {
      meetsOn: '2026-11-23',
      members: [chair],
      chair,
      consider: [application.id],
    });
    const calls: Array<{ applicationId: number; decidedOn: string; byUserId: number; decisionsSeen: number }> = [];
    let failing = true;
    const hook: OnDesignated = async (tx, designation) => {
      const seen = await tx
        .select()
        .from(applicationDecisions)
        .where(eq(applicationDecisions.applicationId, designation.applicationId));
      calls.push({ ...designation, decisionsSeen: seen.length });
      if (failing) throw new Error('The leader could not be made');
    };
    const s = t.app.services;
    const decisions = new PanelDecisionService(
      t.database.db,
      s.alliances,
      s.panels,
      s.designationRules,
      s.outbox,
      t.clock,
      hook,
    );
    const entry = { outcome: 'designated' as const, feedback: '', decidedOn: '2026-11-23' };
    const sheet = (await s.panelScoring.sheet(chair.user, panelId, application.id))!;
    await assert.rejects(decisions.decide(chair.user, sheet, entry), /The leader could not be made/);
    assert.deepEqual(await t.database.db.select().from(applicationDecisions), []);
    assert.deepEqual(
      await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'designation-decision')),
      [],
    );

    failing = false;
    const outcome = await decisions.decide(
      chair.user,
      (await s.panelScoring.sheet(chair.user, panelId, application.id))!,
      entry,
    );
    assert.deepEqual(outcome, { ok: true, value: undefined });
    assert.deepEqual(calls.at(-1), {
      applicationId: application.id,
      decidedOn: '2026-11-23',
      byUserId: chair.id,
      decisionsSeen: 1,
    });
    assert.equal((await t.database.db.select().from(applicationDecisions)).length, 1);
  });
});
