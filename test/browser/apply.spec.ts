import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openRound } from '../support/apply-journey.ts';
import { answerEveryRequest, applicationPages } from '../support/apply-browser.ts';
import { type BrowserTest, checkPage, openPage, startBrowserTest } from '../support/browser.ts';

describe('applying for designation, and the referees and consenters answering, in Chromium', () => {
  let t: BrowserTest;
  before(async () => (t = await startBrowserTest()));
  after(() => t.close());

  test('an applicant applies without JavaScript; both referees, the head and the chair answer by their links', async () => {
    await openRound(t, 'sle');
    const applicantContext = await t.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await openPage(applicantContext);
    const pages = applicationPages(t, page, problems);

    await pages.start();
    await pages.yourDetails({ name: 'Nadia Quist', email: 'nadia.quist@palmerston.example' });
    await pages.school();

    // An HLTA is stopped with the reason, and goes back to change their role.
    await page.getByLabel('Higher level teaching assistant (HLTA)').check();
    await page.getByLabel('Job title').fill('HLTA');
    await page.getByLabel('Years in your current role').fill('4');
    await page.getByLabel('Years in any leadership role').fill('4');
    await pages.next();
    assert.equal(await page.locator('h1').innerText(), 'You cannot apply');
    assert.match(await page.locator('#reason').innerText(), /Higher level teaching assistants are not eligible/);
    await page.getByRole('link', { name: 'change it' }).click();
    await checkPage(page, problems);
    await page.getByLabel('Middle leader (for example, head of department or phase leader)').check();
    await page.getByLabel('Job title').fill('Head of English');
    await page.getByLabel('Years in any leadership role').fill('one');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /must be a whole number, like 3/);
    await checkPage(page, problems);
    await page.getByLabel('Years in any leadership role').fill('5');
    await pages.next();

    await pages.specialismsAndEvidence();
    await pages.refereesAndConsent();
    await pages.send();
    await applicantContext.close();

    const headConsent = await answerEveryRequest(t, 'Nadia Quist');
    const context = await t.browser.newContext();
    const visit = await openPage(context);
    await visit.page.goto(`${t.baseUrl}${headConsent}`);
    assert.equal(await visit.page.locator('h1').innerText(), 'This link has been used');
    await checkPage(visit.page, visit.problems);
    await context.close();
  });
});
