import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, signInAsStaff, startBrowserTest, type BrowserTest } from '../support/browser.ts';
import { receiveEnquiry } from '../support/enquiries.ts';
import { person } from '../support/people.ts';
import { A_WORKING_MORNING } from '../support/test-app.ts';

describe('Staff > Privacy in Chromium', () => {
  let t: BrowserTest;
  before(async () => (t = await startBrowserTest()));
  after(() => t.close());

  test('an administrator changes the schedule, finds a person and reaches the erasure page; each passes axe-core', async () => {
    await receiveEnquiry(t, A_WORKING_MORNING, { contactEmail: 'sam.browser@school.example' });
    const admin = await person(t, { roles: ['administrator'], signedIn: false });
    const context = await t.browser.newContext();
    const { page, problems } = await signInAsStaff(t, context, admin);
    await page.getByRole('link', { name: /^Privacy:/ }).click();
    assert.equal(await page.locator('h1').innerText(), 'Privacy');
    await checkPage(page, problems);

    await page.getByLabel('The text of emails sent').fill('0');
    await page.getByRole('button', { name: 'Save the schedule' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /between 1 and 730 days/);
    await checkPage(page, problems);
    await page.getByLabel('The text of emails sent').fill('60');
    await page.getByRole('button', { name: 'Save the schedule' }).click();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Retention schedule saved/);

    await page.getByLabel('Their email address').fill('sam.browser@school.example');
    await page.getByRole('button', { name: 'Find' }).click();
    assert.equal(await page.locator('h1').innerText(), 'What is held about sam.browser@school.example');
    await checkPage(page, problems);
    await page.getByRole('link', { name: 'Erase this person' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Erase sam.browser@school.example');
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Erase this person' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Confirm that the person asked to be erased/);
    await page.getByLabel('The person asked to be erased').check();
    await page.getByRole('button', { name: 'Erase this person' }).click();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /ERASURE-\d+/);
    await checkPage(page, problems);
    await context.close();
  });
});
