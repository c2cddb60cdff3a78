import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { sentApplication } from '../support/applications.ts';
import { type BrowserTest, checkPage, signInAsStaff, startBrowserTest } from '../support/browser.ts';
import { addLeader } from '../support/leaders.ts';
import { panelThroughForms } from '../support/panels.ts';
import { person } from '../support/people.ts';
import { openSchoolsOtherThan } from '../support/schools.ts';

const { palmerston } = EXAMPLE_SCHOOLS;

describe('in Chromium, with axe: removing a panel member, a conflicted chair, and a leader’s reviews', () => {
  let t: BrowserTest;
  before(async () => {
    t = await startBrowserTest();
  });
  after(() => t.close());

  test('a coordinator removes a member after confirming; a conflicted chair is told why they cannot decide', async () => {
    const [elsewhere] = await openSchoolsOtherThan(t, [palmerston.urn]);
    const coordinator = await person(t, { roles: ['coordinator'] });
    const chair = await person(t, { roles: ['panel-member'], name: 'Carol Chair', schoolUrn: palmerston.urn });
    const leaving = await person(t, { roles: ['panel-member'], name: 'Lou Leaving', schoolUrn: elsewhere!.urn });
    const application = await sentApplication(t, { applicantName: 'Amira Applicant', schoolUrn: palmerston.urn });
    const panelId = await panelThroughForms(t, coordinator, {
      meetsOn: '2026-11-23',
      members: [chair, leaving],
      chair,
      consider: [application.id],
    });

    const staff = await signInAsStaff(t, await t.browser.newContext(), coordinator, `/staff/panels/${panelId}`);
    await staff.page.getByRole('link', { name: 'Remove Lou Leaving from the panel' }).click();
    await staff.page.waitForURL(/\/members\/\d+\/remove$/);
    await checkPage(staff.page, staff.problems);
    await staff.page.getByRole('button', { name: 'Remove from the panel' }).click();
    await staff.page.waitForURL(/#members$/);
    assert.match(await staff.page.locator('main').innerText(), /Lou Leaving removed from the panel/);
    await checkPage(staff.page, staff.problems);

    const carol = await signInAsStaff(
      t,
      await t.browser.newContext(),
      chair,
      `/staff/panels/${panelId}/applications/${application.id}`,
    );
    assert.match(
      await carol.page.locator('#cannot-decide').innerText(),
      /You cannot record the decision on this applicant/,
    );
    assert.equal(await carol.page.locator('form[action$="/decision"]').count(), 0);
  });

  test('a leader’s page lists their reviews, linking to each', async () => {
    const coordinator = await person(t, { roles: ['coordinator'] });
    const leaderId = await addLeader(t, { name: 'Rita Reviewed' });
    const alliance = await t.app.services.alliances.current();
    const [designation] = (await t.app.services.leaders.find(alliance.id, leaderId))!.designations;
    const opened = await t.app.services.designationReviews.openEarlyReview(
      coordinator.user,
      designation!.id,
      'criteria-not-met',
      'No outreach this year',
    );
    assert.ok(opened.ok);
    const staff = await signInAsStaff(t, await t.browser.newContext(), coordinator, `/staff/leaders/${leaderId}`);
    await staff.page.getByRole('link', { name: 'SLE: No longer meets the criteria' }).click();
    await staff.page.waitForURL(/\/staff\/designation-reviews\/\d+$/);
    await checkPage(staff.page, staff.problems);
  });
});
