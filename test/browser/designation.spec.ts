import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type BrowserTest, checkPage, fillDate, openPage, signInOn, startBrowserTest } from '../support/browser.ts';
import { person } from '../support/people.ts';

describe('the designation rules, recruitment rounds and the public page in Chromium', () => {
  let t: BrowserTest;
  before(async () => {
    t = await startBrowserTest();
    t.clock.set('2027-01-11T09:00:00Z');
  });
  after(() => t.close());

  test('an administrator changes a figure and opens a round; a leader reads both on the public page', async () => {
    const admin = await person(t, { signedIn: false, roles: ['administrator'] });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, admin);

    await page.getByRole('link', { name: /Designation: the rules and criteria/ }).click();
    assert.equal(await page.locator('h1').innerText(), 'Designation rules and criteria');
    await checkPage(page, problems);
    await page.getByLabel('LLE: years of headship, at least').fill('forty');
    await page.getByRole('button', { name: 'Save rules' }).click();
    assert.equal(
      await page.locator('.govuk-error-summary a').innerText(),
      'The years of headship an LLE needs must be a whole number, like 3',
    );
    await checkPage(page, problems);
    await page.locator('.govuk-error-summary a').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'lleMinimumHeadshipYears');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#rules$/);
    assert.match(
      await page.locator('#rules ~ .govuk-notification-banner').first().innerText(),
      /^Success\s+Designation rules saved$/,
    );

    await page.goto(`${t.baseUrl}/staff`);
    await page.getByRole('link', { name: /Recruitment rounds/ }).click();
    await checkPage(page, problems);
    await page.getByLabel('Specialist Leader of Education (SLE)').check();
    await fillDate(page, 'Opens', '4', '1', '2027');
    await fillDate(page, 'Closes (optional)', '26', '2', '2027');
    await page.getByLabel('Maths', { exact: true }).check();
    await page.getByRole('button', { name: 'Open round' }).click();
    await page.waitForURL(/#rounds$/);
    await checkPage(page, problems);
    assert.equal(await page.locator('.govuk-summary-card .govuk-tag').innerText(), 'Open');

    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('link', { name: 'find out how to become a system leader' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Become a system leader');
    await checkPage(page, problems);
    const text = await page.locator('main').innerText();
    assert.match(text, /open now, closing Friday 26 February 2027\. We most need leaders in Maths\./);
    assert.match(text, /at least 4 years’ headship/);
    await context.close();
  });
});
