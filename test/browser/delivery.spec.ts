import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { signedAgreement } from '../support/agreements.ts';
import { addExampleLeaders } from '../support/leaders.ts';
import { checkPage, fillDate, signInAsStaff, startBrowserTest, type BrowserTest } from '../support/browser.ts';
import { type Person, person } from '../support/people.ts';

/**
 * Delivery in Chromium: the SLE plans a visit and logs one on her signed deployment; a coordinator
 * sees delivered against agreed on /staff/delivery and on the agreement, and downloads the visits as
 * a calendar file. Every page on the way passes checkPage (axe-core, the stylesheet, no console errors).
 */
describe('visits and delivery in Chromium', () => {
  let t: BrowserTest;
  let coordinator: Person;
  let amira: Person;
  let agreementUrl: string;

  before(async () => {
    // Monday 23 November 2026; the deployment started on 7 September.
    t = await startBrowserTest();
    const leaders = await addExampleLeaders(t, 'amiraHussain');
    coordinator = await person(t, {
      roles: ['coordinator'],
      name: 'Bethan Morgan',
      jobTitle: 'Alliance coordinator',
      email: 'bethan@alliance.example',
    });
    amira = await person(t, {
      roles: ['system-leader'],
      name: 'Amira Hussain',
      jobTitle: 'Assistant headteacher',
      email: 'amira@palmerston.example',
      leaderId: leaders.amiraHussain,
    });
    const id = await signedAgreement(t, coordinator, {
      leaderId: leaders.amiraHussain,
      terms: { halfDays: 20, startDate: '2026-09-07', endDate: '2027-07-16' },
    });
    agreementUrl = `${t.baseUrl}/staff/agreements/${id}`;
  });
  after(() => t.close());

  const signIn = (context: BrowserContext, who: Person) => signInAsStaff(t, context, who);

  test('the leader plans a visit and logs one, in hours, with progress against the objective', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await signIn(context, amira);
    await page.getByRole('link', { name: 'Your support agreements' }).click();
    await page.getByRole('link', { name: /Amira Hussain at Banks Road Primary School/ }).click();
    await checkPage(page, problems);

    await page.getByRole('button', { name: 'Plan a visit' }).click();
    await checkPage(page, problems);
    await fillDate(page, 'Date', '15', '1', '2027');
    await page.getByLabel('Start time (optional)').fill('9:30am');
    await page.getByLabel('Half a day').check();
    await page.getByRole('button', { name: 'Save visit' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(
      await page.locator('#visits ~ .app-table-region table').first().innerText(),
      /Friday 15 January 2027\s+From 9:30am, half a day/,
    );
    await checkPage(page, problems);

    await page.getByRole('button', { name: 'Log a visit or session' }).click();
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /Enter the date of the visit or session[\s\S]*Select at least one thing that was done/,
    );
    await checkPage(page, problems);

    await fillDate(page, 'Date', '17', '11', '2026');
    await page.getByLabel('Or hours').fill('2');
    await page.getByLabel('Coaching').check();
    await page.getByLabel('Arranging training for staff').check();
    await page
      .getByLabel('Notes (optional)')
      .fill('Coached the maths lead; booked reasoning training for Year 5 and 6 staff.');
    await page
      .getByLabel(/Objective 1: Pupils reason confidently in maths/)
      .fill('Questioning in Year 6 lessons is sharper');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    const main = await page.locator('main').innerText();
    assert.match(main, /2 hours \(counts as 0.5 days\)/);
    assert.match(main, /Coaching, Arranging training for staff/);
    assert.match(main, /Delivered\s+0.5 days/);
    await checkPage(page, problems);
    await context.close();
  });

  test('a coordinator sees delivered against agreed, filters for quiet agreements, and downloads the visits’ calendar file', async () => {
    const context = await t.browser.newContext({ acceptDownloads: true });
    const { page, problems } = await signIn(context, coordinator);
    await page.getByRole('link', { name: /Delivery: days delivered against agreed/ }).click();
    await checkPage(page, problems);
    assert.match(
      await page.locator('table').innerText(),
      /Amira Hussain at Banks Road Primary School\s+SLE deployment\s+10 days\s+0.5 days\s+5%\s+Tuesday 17 November 2026/,
    );

    await page.getByLabel('Only agreements with no activity for a number of weeks').check();
    await page.getByLabel('Number of weeks with no activity').fill('1');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.waitForURL(/quiet=yes&weeks=1/);
    // Amira logged on 17 November, within the week: not quiet.
    assert.match(
      await page.locator('h2#results-heading').innerText(),
      /0 agreements with nothing logged since Monday 16 November 2026/,
    );
    assert.match(await page.locator('main').innerText(), /No agreements match/);
    await checkPage(page, problems);
    await page.goto(agreementUrl);
    await checkPage(page, problems);
    assert.match(await page.locator('main').innerText(), /Changes to visits and delivery[\s\S]*Delivery logged/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download every planned visit as a calendar file (.ics)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^SA-\d{4}-visits\.ics$/);
    const ics = fs.readFileSync((await download.path())!, 'utf8');
    assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n') && ics.endsWith('END:VCALENDAR\r\n'));
    assert.match(ics, /\r\nDTSTART:20270115T093000Z\r\n/);
    assert.match(ics, /\r\nSUMMARY:Support visit: Amira Hussain at Banks Road Primary School\r\n/);
    await context.close();
  });
});
