import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserTest, checkPage, fillSignIn, openPage, signInOn, startBrowserTest } from '../support/browser.ts';
import { receiveEnquiry, type ReceivedEnquiry } from '../support/enquiries.ts';
import { person, type Person } from '../support/people.ts';

const MINUTE = 60_000;
const NOTE = 'Priya would like someone who has led maths in a two-form entry school.';

/**
 * The server's clock is the test's (it stands still until moved) and the browser's is Playwright's, so
 * both are moved together: what a person sees after sitting at a page for that long.
 */
async function wait(t: BrowserTest, page: Page, minutes: number): Promise<void> {
  t.clock.advance(minutes * MINUTE);
  await page.clock.fastForward(minutes * MINUTE);
}

describe('the warning before a staff session ends, in Chromium', () => {
  let t: BrowserTest;
  let enquiry: ReceivedEnquiry;
  let coordinator: Person;
  before(async () => {
    // A 10-minute time-out, so the warning (5 minutes before the end) comes after 5 minutes.
    t = await startBrowserTest({ env: { SESSION_IDLE_MINUTES: '10', ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    enquiry = await receiveEnquiry(t, '2026-11-23T09:00:00Z');
    coordinator = await person(t, { signedIn: false, roles: ['coordinator'], name: 'Bethan Morgan' });
  });
  after(() => t.close());

  const enquiryPage = () => `/staff/enquiries/${enquiry.reference}`;

  test('the warning comes 5 minutes before, “Stay signed in” keeps the page and what was typed', async () => {
    t.clock.set('2026-11-23T10:00:00Z');
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.clock.install();
    await signInOn(t, page, problems, coordinator, enquiryPage());
    const note = page.locator('#session-note');
    assert.match(await note.innerText(), /you will be signed out at 10:10am unless you open another page/);
    await page.getByLabel('Add a note').fill(NOTE);

    const dialog = page.getByRole('dialog', { name: 'You’re about to be signed out' });
    await wait(t, page, 4);
    assert.equal(await dialog.isVisible(), false, 'no warning until 5 minutes before the end');
    await wait(t, page, 1);
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /we will sign you out in[\s\S]*Anything you have not saved will be lost/);
    assert.equal(await dialog.locator('[data-countdown]').innerText(), '5 minutes');
    assert.equal(await dialog.locator('[aria-live]').innerText(), '5 minutes', 'a screen reader hears it too');
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('dialog')?.id),
      'session-timeout',
      'focus moves into the warning',
    );
    await checkPage(page, problems);
    await wait(t, page, 1);
    assert.equal(await dialog.locator('[data-countdown]').innerText(), '4 minutes');
    assert.equal(await dialog.locator('[aria-live]').innerText(), '4 minutes');

    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.match(await note.innerText(), /signed out at 10:16am/, 'the note says the new time');
    assert.equal(await page.getByLabel('Add a note').inputValue(), NOTE, 'what was typed is still there');

    // The idle time started again: 4 minutes on, no warning; a minute later it is back, and Escape is
    // "Stay signed in" too.
    await wait(t, page, 4);
    assert.equal(await dialog.isVisible(), false);
    await wait(t, page, 1);
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.match(await note.innerText(), /signed out at 10:21am/);

    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(await page.locator('.app-notes').innerText(), new RegExp(NOTE));
    await checkPage(page, problems);
    await context.close();
  });

  test('when the time is up, the page goes to sign in, and signing in comes back to it', async () => {
    t.clock.set('2026-11-23T11:00:00Z');
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.clock.install();
    await signInOn(t, page, problems, coordinator, enquiryPage());
    await wait(t, page, 5);
    await page.getByRole('dialog', { name: 'You’re about to be signed out' }).waitFor();
    await wait(t, page, 5);
    await page.waitForURL('**/sign-in?**');
    assert.match(
      await page.locator('.govuk-inset-text').innerText(),
      /You were signed out because you had not done anything for 10 minutes/,
    );
    await checkPage(page, problems);
    await fillSignIn(page, coordinator.email);
    await page.waitForURL(`**${enquiryPage()}`);
    await checkPage(page, problems);
    await context.close();
  });

  test('a form sent after the session ended: signing in again comes back to its page, saying it was not saved', async () => {
    t.clock.set('2026-11-23T12:00:00Z');
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, coordinator, enquiryPage());
    await page.getByLabel('Add a note').fill(NOTE);
    // Away from the desk, the browser asleep: its timers never ran.
    t.clock.advance(11 * MINUTE);
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.waitForURL('**/sign-in?**');
    assert.match(
      await page.locator('.govuk-warning-text').innerText(),
      /You were signed out because you had not done anything for 10 minutes\. Your changes were not saved\. Sign in to go back to the page/,
    );
    await checkPage(page, problems);
    await fillSignIn(page, coordinator.email);
    await page.waitForURL(`**${enquiryPage()}`);
    await page.getByLabel('Add a note').waitFor();
    await checkPage(page, problems);
    await context.close();
  });

  test('“Sign out” in the warning signs out', async () => {
    t.clock.set('2026-11-23T13:00:00Z');
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.clock.install();
    await signInOn(t, page, problems, coordinator);
    await wait(t, page, 5);
    const dialog = page.getByRole('dialog', { name: 'You’re about to be signed out' });
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signed-out');
    await checkPage(page, problems);
    await context.close();
  });
});
