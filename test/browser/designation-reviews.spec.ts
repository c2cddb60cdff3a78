import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type BrowserTest, checkPage, openPage, signInOn, startBrowserTest } from '../support/browser.ts';
import { renewConsentByLink } from '../support/designation-reviews-browser.ts';
import { addLeader } from '../support/leaders.ts';
import { person } from '../support/people.ts';

const sle = (startDate: string) => [
  { type: 'sle' as const, status: 'designated' as const, startDate, reviewDate: null },
];

describe('designation reviews in Chromium', () => {
  let t: BrowserTest;
  before(async () => {
    t = await startBrowserTest();
    // Two SLEs designated four years ago: not yet in the review window in the summer.
    t.clock.set('2026-06-01T09:00:00Z');
    await addLeader(t, { name: 'Rhian Renewed', designations: sle('2022-12-10') });
    await addLeader(t, { name: 'Dylan Removed', designations: sle('2023-01-15') });
  });
  after(() => t.close());

  test('a designation reaches its four-year review and is renewed; another is de-designated and leaves the directory', async () => {
    const coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, coordinator);
    await page.getByRole('link', { name: /Designation reviews/ }).click();
    await checkPage(page, problems);
    assert.match(await page.locator('#due').innerText(), /\(0\)/);

    // The autumn: both reviews fall due by the end of the next 3 months.
    t.clock.set('2026-11-23T09:00:00Z');
    await signInOn(t, page, problems, coordinator);
    await page.goto(`${t.baseUrl}/staff/designation-reviews`);
    assert.match(await page.locator('#due').innerText(), /\(2\)/);
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Start review of Rhian Renewed’s SLE designation' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Rhian Renewed: SLE designation review');
    await checkPage(page, problems);
    const reviewUrl = page.url();

    await page.getByLabel('Headteacher’s name').fill('Hannah Head');
    await page.getByLabel('Headteacher’s email address').fill('head@palmerston.example');
    await page.getByLabel('Chair of governors’ name').fill('Colin Chair');
    await page.getByLabel('Chair of governors’ email address').fill('not an email');
    await page.getByRole('button', { name: 'Send the links' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /chair of governors’ email address/);
    await checkPage(page, problems);
    await page.getByLabel('Chair of governors’ email address').fill('chair@palmerston.example');
    await page.getByRole('button', { name: 'Send the links' }).click();
    await page.waitForURL(/#consent$/);
    await checkPage(page, problems);

    const asked = 'Can Palmerston School release Rhian Renewed?';
    await renewConsentByLink(t, 'head@palmerston.example', asked, '12');
    await renewConsentByLink(t, 'chair@palmerston.example', asked, '15');

    await page.goto(reviewUrl);
    assert.match(await page.locator('main').innerText(), /Both agree: 12 days a year\./);
    await page.getByLabel('Re-designated').check();
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    assert.match(
      await page.locator('.govuk-panel').innerText(),
      /Review closed: Re-designated\s+Next review 23 November 2030/,
    );
    await checkPage(page, problems);

    await page.goto(`${t.baseUrl}/staff/designation-reviews`);
    await page.getByRole('button', { name: 'Start review of Dylan Removed’s SLE designation' }).click();
    await page.getByLabel('De-designated').check();
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the reason for de-designating them/);
    await checkPage(page, problems);
    await page.getByLabel('Reason', { exact: true }).fill('No longer meets the criteria for an SLE');
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    assert.match(await page.locator('.govuk-panel').innerText(), /Review closed: De-designated/);
    await checkPage(page, problems);

    // An early review from the leader's page: its form, its errors, and the list of open reviews.
    await page.goto(`${t.baseUrl}/staff/leaders`);
    await page.getByRole('link', { name: 'Rhian Renewed' }).click();
    await page.getByRole('link', { name: 'Open an early review of the SLE designation' }).click();
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Open the review' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select why the review is opened early/);
    await checkPage(page, problems);
    await page.getByLabel('Professional misconduct').check();
    await page.getByLabel('What led to it').fill('Withdrew from agreed support without notice');
    await page.getByRole('button', { name: 'Open the review' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Rhian Renewed: SLE designation review');
    await page.goto(`${t.baseUrl}/staff/designation-reviews`);
    assert.match(await page.locator('#open').innerText(), /\(1\)/);
    await checkPage(page, problems);

    await page.goto(`${t.baseUrl}/system-leaders`);
    const directory = await page.locator('main').innerText();
    assert.match(directory, /Rhian Renewed/);
    assert.doesNotMatch(directory, /Dylan Removed/);
    await checkPage(page, problems);
    await context.close();
  });
});
