import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { sentApplication } from '../support/applications.ts';
import { type BrowserTest, checkPage, signInAsStaff, startBrowserTest } from '../support/browser.ts';
import { makePanelInBrowser, scoreAll } from '../support/panels-browser.ts';
import { person, type Person } from '../support/people.ts';
import { openSchoolsOtherThan } from '../support/schools.ts';

const { palmerston, matthewArnold } = EXAMPLE_SCHOOLS;

describe('a panel of three scores an application in Chromium, one member conflicted, and the chair designates', () => {
  let t: BrowserTest;
  before(async () => {
    t = await startBrowserTest();
  });
  after(() => t.close());

  test('the coordinator makes the panel, members score, the conflicted one cannot, the chair designates', async () => {
    const [elsewhere] = await openSchoolsOtherThan(t, [palmerston.urn, matthewArnold.urn]);
    const coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
    const chair: Person = await person(t, {
      signedIn: false,
      roles: ['panel-member'],
      name: 'Carol Chair',
      schoolUrn: matthewArnold.urn,
    });
    const scorer = await person(t, {
      signedIn: false,
      roles: ['panel-member'],
      name: 'Sam Scorer',
      schoolUrn: elsewhere!.urn,
    });
    const conflicted = await person(t, {
      signedIn: false,
      roles: ['panel-member'],
      name: 'Pat Palmerston',
      schoolUrn: palmerston.urn,
    });
    const application = await sentApplication(t, { applicantName: 'Amira Applicant', schoolUrn: palmerston.urn });

    const staff = await signInAsStaff(t, await t.browser.newContext(), coordinator);
    await staff.page.getByRole('link', { name: /Applications for designation/ }).click();
    await checkPage(staff.page, staff.problems);
    await staff.page.getByRole('link', { name: 'Amira Applicant' }).click();
    await checkPage(staff.page, staff.problems);
    await staff.page.goto(`${t.baseUrl}/staff/panels`);
    await checkPage(staff.page, staff.problems);
    await staff.page.getByRole('button', { name: 'Make a panel' }).click();
    await checkPage(staff.page, staff.problems);
    await staff.page.getByRole('button', { name: 'Make panel' }).click();
    assert.equal(
      await staff.page.locator('.govuk-error-summary a').first().innerText(),
      'Enter the date the panel meets',
    );
    await checkPage(staff.page, staff.problems);
    const panelUrl = await makePanelInBrowser(staff.page, staff.problems, {
      meetsOn: ['23', '11', '2026'],
      members: [chair, scorer, conflicted],
      chair,
      application: `${application.reference}: Amira Applicant`,
    });

    // The member from the applicant's school reads the application but is told they cannot score it.
    const pat = await signInAsStaff(t, await t.browser.newContext(), conflicted);
    await pat.page.getByRole('link', { name: /Your panels/ }).click();
    await pat.page.getByRole('link', { name: 'Monday 23 November 2026' }).click();
    await checkPage(pat.page, pat.problems);
    await pat.page.getByRole('link', { name: 'Amira Applicant' }).click();
    await checkPage(pat.page, pat.problems);
    assert.match(
      await pat.page.locator('#conflict').innerText(),
      /You cannot score this applicant\. You work at the applicant’s school/,
    );
    assert.equal(await pat.page.locator('form[action$="/scores"]').count(), 0);

    // Another member scores, first missing a criterion.
    const sam = await signInAsStaff(t, await t.browser.newContext(), scorer);
    await sam.page.goto(`${panelUrl}/applications/${application.id}`);
    await checkPage(sam.page, sam.problems);
    await sam.page.getByRole('button', { name: 'Save scores' }).click();
    assert.equal(await sam.page.locator('.govuk-error-summary a').first().innerText(), 'Score Experience');
    await checkPage(sam.page, sam.problems);
    await scoreAll(sam.page, '3');
    await checkPage(sam.page, sam.problems);
    assert.equal(await sam.page.locator('form[action$="/decision"]').count(), 0, 'only the chair decides');

    // The chair scores, sees the panel's scores, and designates.
    const carol = await signInAsStaff(t, await t.browser.newContext(), chair);
    await carol.page.goto(`${panelUrl}/applications/${application.id}`);
    await scoreAll(carol.page, '4');
    await checkPage(carol.page, carol.problems);
    const firstRow = await carol.page.locator('table.app-panel-scores tbody tr').first().innerText();
    assert.match(firstRow, /Experience\s+4\s+Does not score\s+3\s+7\s+3\.5/);
    await carol.page.getByLabel('Designated', { exact: true }).check();
    await carol.page.getByLabel('Feedback to the applicant').fill('Outstanding evidence of impact.');
    await carol.page.getByRole('button', { name: 'Record the decision' }).click();
    await carol.page.waitForURL(/#decision$/);
    await checkPage(carol.page, carol.problems);
    assert.match(await carol.page.locator('main').innerText(), /Decision\s+Designated/);

    await staff.page.goto(`${t.baseUrl}/staff/applications/${application.id}`);
    await checkPage(staff.page, staff.problems);
    assert.match(await staff.page.locator('main').innerText(), /Designated: Panel of Monday 23 November 2026/);

    // Another application is withdrawn, after its confirmation page.
    const other = await sentApplication(t, { applicantName: 'Wen Withdrawn', schoolUrn: matthewArnold.urn });
    await staff.page.goto(`${t.baseUrl}/staff/applications/${other.id}`);
    await staff.page.getByRole('button', { name: 'Withdraw application' }).click();
    await checkPage(staff.page, staff.problems);
    await staff.page.getByRole('button', { name: 'Withdraw application' }).click();
    await staff.page.waitForURL(new RegExp(`/staff/applications/${other.id}$`));
    await checkPage(staff.page, staff.problems);
    assert.match(await staff.page.locator('main').innerText(), /Application withdrawn/);
  });
});
