import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { sentApplication } from '../../../test/support/applications.ts';
import { errorSummary, page } from '../../../test/support/html.ts';
import { panelThroughForms } from '../../../test/support/panels.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { openSchoolsOtherThan } from '../../../test/support/schools.ts';
import { buildTestApp, cookiesFrom, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';

describe('removing a member from a panel', () => {
  let t: TestApp;
  let coordinator: Person;
  let chair: Person;
  let unable: Person;
  let scorer: Person;
  let late: Person;
  let panelId: number;
  let applicationId: number;

  const panelUrl = () => `/staff/panels/${panelId}`;
  const removeUrl = (member: Person) => `${panelUrl()}/members/${member.id}/remove`;
  const members = async () =>
    page((await t.app.inject({ url: panelUrl(), cookies: coordinator.cookies })).body)
      .querySelectorAll('.app-panel-members li')
      .map((item) => item.text.replace(/\s+/g, ' ').trim());
  const remove = async (member: Person) => {
    const form = await openForm(t.app, removeUrl(member), coordinator.cookies);
    return submitForm(t.app, removeUrl(member), {}, form);
  };

  before(async () => {
    t = await buildTestApp();
    const [elsewhere] = await openSchoolsOtherThan(t, [EXAMPLE_SCHOOLS.palmerston.urn]);
    const at = { roles: ['panel-member' as const], schoolUrn: elsewhere!.urn };
    coordinator = await person(t, { roles: ['coordinator'] });
    chair = await person(t, { ...at, name: 'Chad Chair' });
    unable = await person(t, { ...at, name: 'Una Unable' });
    scorer = await person(t, { ...at, name: 'Sid Scorer' });
    late = await person(t, { ...at, name: 'Lena Late' });
    ({ id: applicationId } = await sentApplication(t, {
      applicantName: 'Ava Applicant',
      schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    }));
    panelId = await panelThroughForms(t, coordinator, {
      meetsOn: '2026-11-23',
      members: [chair, unable, scorer, late],
      chair,
      consider: [applicationId],
    });
  });
  after(() => t.close());

  test('a member who has not scored is removed after a confirmation, on the panel’s trail, and no longer sees it', async () => {
    const panel = page((await t.app.inject({ url: panelUrl(), cookies: coordinator.cookies })).body);
    const link = panel.querySelectorAll('.app-panel-members a').find((a) => a.text.includes('Una Unable'))!;
    assert.equal(link.getAttribute('href'), removeUrl(unable));

    const confirm = await t.app.inject({ url: removeUrl(unable), cookies: coordinator.cookies });
    assert.equal(confirm.statusCode, 200);
    assert.equal(page(confirm.body).querySelector('h1')!.text.trim(), 'Remove Una Unable from the panel?');
    assert.ok(page(confirm.body).querySelector(`form[action="${removeUrl(unable)}"]`));

    const removed = await remove(unable);
    assert.equal(removed.statusCode, 303);
    assert.equal(removed.headers.location, `${panelUrl()}#members`);
    const after = await t.app.inject({ url: panelUrl(), cookies: { ...coordinator.cookies, ...cookiesFrom(removed) } });
    assert.match(page(after.body).text, /Una Unable removed from the panel/);
    assert.ok(!(await members()).some((member) => member.includes('Una Unable')));
    assert.match(page(after.body).text, /Member removed/);
    assert.equal((await t.app.inject({ url: panelUrl(), cookies: unable.cookies })).statusCode, 404);
    assert.equal((await t.app.inject({ url: removeUrl(unable), cookies: coordinator.cookies })).statusCode, 404);
  });

  test('a member who has scored cannot be removed: the page says why, and the server refuses', async () => {
    const criteria = (await t.app.services.designationRules.criteria()).sle;
    const sheetUrl = `${panelUrl()}/applications/${applicationId}`;
    const sheet = await openForm(t.app, sheetUrl, scorer.cookies);
    const scores = Object.fromEntries(criteria.map((criterion) => [`score-${criterion.id}`, '3']));
    assert.equal((await submitForm(t.app, `${sheetUrl}/scores`, scores, sheet)).statusCode, 303);

    const reason =
      'Sid Scorer cannot be removed: they have scored 1 application on this panel, ' +
      'and their scores are part of how the panel assessed the applicants';
    const confirm = await t.app.inject({ url: removeUrl(scorer), cookies: coordinator.cookies });
    assert.equal(confirm.statusCode, 200);
    assert.match(page(confirm.body).querySelector('#remove')!.text, new RegExp(reason));
    assert.equal(page(confirm.body).querySelector('form[action$="/remove"]'), null);

    const refused = await remove(scorer);
    assert.equal(refused.statusCode, 409);
    assert.deepEqual(errorSummary(refused.body), [{ href: '#remove', text: reason }]);
    assert.ok((await members()).some((member) => member.includes('Sid Scorer')));
  });

  test('removing the chair leaves the panel without one until another is chosen', async () => {
    const removed = await remove(chair);
    assert.equal(removed.statusCode, 303);
    const flashed = { ...coordinator.cookies, ...cookiesFrom(removed) };
    const after = page((await t.app.inject({ url: panelUrl(), cookies: flashed })).body);
    assert.match(after.text, /Chad Chair removed from the panel: choose another chair/);
    assert.ok(!(await members()).some((member) => member.includes('Chair')));
    const view = await t.app.services.panels.view(coordinator.user, panelId);
    assert.equal(view!.panel.chairUserId, null);
  });

  test('once the panel has decided, no one leaves it: who sat on it is checked against an appeal', async () => {
    const sheetUrl = `${panelUrl()}/applications/${applicationId}`;
    const sheet = await openForm(t.app, sheetUrl, coordinator.cookies);
    const decided = await submitForm(
      t.app,
      `${sheetUrl}/decision`,
      { outcome: 'deferred', feedback: '', 'decidedOn-day': '23', 'decidedOn-month': '11', 'decidedOn-year': '2026' },
      sheet,
    );
    assert.equal(decided.statusCode, 303, decided.body);
    const refused = await remove(late);
    assert.equal(refused.statusCode, 409);
    assert.match(
      errorSummary(refused.body)[0]!.text,
      /^Lena Late cannot be removed: this panel has recorded its decisions/,
    );
  });

  test('only those who run panels may remove a member; an unknown member is not found', async () => {
    assert.equal((await t.app.inject({ url: removeUrl(late), cookies: scorer.cookies })).statusCode, 403);
    const form = await openForm(t.app, panelUrl(), scorer.cookies);
    assert.equal((await submitForm(t.app, removeUrl(late), {}, form)).statusCode, 403);
    const nobody = `${panelUrl()}/members/999999/remove`;
    assert.equal((await t.app.inject({ url: nobody, cookies: coordinator.cookies })).statusCode, 404);
    assert.equal(
      (await t.app.inject({ url: `${panelUrl()}/members/x/remove`, cookies: coordinator.cookies })).statusCode,
      404,
    );
    const panel = page((await t.app.inject({ url: panelUrl(), cookies: scorer.cookies })).body);
    assert.equal(panel.querySelectorAll('.app-panel-members a').length, 0);
  });
});
