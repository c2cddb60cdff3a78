import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { outboxMessages } from '../../src/platform/outbox/outbox.tables.ts';
import { type BrowserTest, checkPage, fillSignIn, openPage, startBrowserTest } from '../support/browser.ts';
import { GOOD_PASSWORD, person } from '../support/people.ts';

const NEW_PASSWORD = 'velvet harbour compass meadow';

describe('staff accounts in Chromium', () => {
  let t: BrowserTest;
  before(async () => (t = await startBrowserTest()));
  after(() => t.close());

  /** The link in the newest email to this address, pointed at the test server. */
  async function linkFromOutbox(email: string): Promise<string> {
    const [message] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, email))
      .orderBy(desc(outboxMessages.id))
      .limit(1);
    const path = /http:\/\/localhost:3000(\/\S+)/.exec(message?.body ?? '')?.[1];
    assert.ok(path, `a link was emailed to ${email}`);
    return t.baseUrl + path;
  }

  /** Signs in on the form the page shows: this journey is about the form, so it is filled in here, on whatever page it is. */
  async function signIn(page: Page, problems: string[], email: string, password: string): Promise<void> {
    await fillSignIn(page, email, password);
    await page.waitForLoadState();
    await checkPage(page, problems);
  }

  test('signing in from a staff page, a wrong password first, then signing out', async () => {
    const user = await person(t, {
      signedIn: false,
      roles: ['coordinator', 'system-leader'],
      email: 'chloe@alliance.example',
      name: 'Chloe Dunn',
    });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + '/staff');
    assert.equal(await page.locator('h1').innerText(), 'Sign in');
    await checkPage(page, problems);

    await signIn(page, problems, user.email, 'not my password at all');
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter a correct email address and password/);
    assert.equal(await page.getByLabel('Email address').inputValue(), user.email);
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the password is not kept');

    await signIn(page, problems, user.email, GOOD_PASSWORD);
    assert.equal(new URL(page.url()).pathname, '/staff');
    assert.equal(await page.locator('h1').innerText(), 'Staff home');
    assert.match(await page.locator('main').innerText(), /Coordinator[\s\S]*System leader/);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/signed-out');
    await checkPage(page, problems);
    await page.goto(t.baseUrl + '/staff');
    assert.equal(await page.locator('h1').innerText(), 'Sign in', 'signed out for real');
    await context.close();
  });

  test('without JavaScript: signing in, and a role without permission sees the 403 page', async () => {
    const user = await person(t, { signedIn: false, roles: ['school-contact'], schoolUrn: 104516 });
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + '/sign-in');
    await signIn(page, problems, user.email, GOOD_PASSWORD);
    assert.equal(await page.locator('h1').innerText(), 'Staff home');
    const response = await page.goto(t.baseUrl + '/staff/users');
    assert.equal(response?.status(), 403);
    assert.equal(await page.locator('h1').innerText(), 'You do not have permission to see this page');
    await checkPage(page, problems);
    await context.close();
  });

  test('an administrator invites someone, who sets a password from the emailed link', async () => {
    const admin = await person(t, { signedIn: false, roles: ['administrator'], name: 'Aisha Rahman' });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + '/sign-in');
    await signIn(page, problems, admin.email, GOOD_PASSWORD);
    await page.getByRole('link', { name: 'Invite staff, change their roles and deactivate accounts' }).click();
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Invite someone' }).click();
    await checkPage(page, problems);

    await page.getByLabel('Full name').fill('Nadia Khan');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);
    assert.equal(await page.getByLabel('Full name').inputValue(), 'Nadia Khan');

    await page.getByLabel('Email address').fill('nadia.khan@alliance.example');
    await page.getByLabel('Job title').fill('Alliance coordinator');
    await page.getByLabel('Coordinator').check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.waitForURL(/\/staff\/users\/\d+$/);
    assert.match(
      await page.locator('.govuk-notification-banner').innerText(),
      /Invitation sent to nadia\.khan@alliance\.example/,
    );
    assert.match(await page.locator('table.app-audit-trail').innerText(), /Invited[\s\S]*Roles: ‘coordinator’/);
    await checkPage(page, problems);

    await page.getByRole('link', { name: 'Change roles' }).click();
    await checkPage(page, problems);
    await page.goBack();
    await page.getByRole('link', { name: 'Deactivate this account' }).click();
    await checkPage(page, problems);

    const invitee = await t.browser.newContext();
    const visit = await openPage(invitee);
    await visit.page.goto(await linkFromOutbox('nadia.khan@alliance.example'));
    assert.equal(await visit.page.locator('h1').innerText(), 'Create your password');
    await checkPage(visit.page, visit.problems);
    await visit.page.getByLabel('Password', { exact: true }).fill('nadia.khan password');
    await visit.page.getByLabel('Confirm password').fill('nadia.khan password');
    await visit.page.getByRole('button', { name: 'Save password and sign in' }).click();
    await visit.page.locator('.govuk-error-summary').waitFor();
    assert.match(await visit.page.locator('.govuk-error-summary').innerText(), /must not contain your email address/);
    await checkPage(visit.page, visit.problems);
    await visit.page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await visit.page.getByLabel('Confirm password').fill(NEW_PASSWORD);
    await visit.page.getByRole('button', { name: 'Save password and sign in' }).click();
    await visit.page.waitForURL('**/staff');
    assert.match(
      await visit.page.locator('.govuk-notification-banner').innerText(),
      /Your password is set and you are signed in/,
    );
    await checkPage(visit.page, visit.problems);
    await invitee.close();
    await context.close();
  });

  test('a forgotten password is reset from the emailed link', async () => {
    const user = await person(t, { signedIn: false, roles: ['system-leader'] });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + '/sign-in');
    await page.getByRole('link', { name: 'I have forgotten my password' }).click();
    await checkPage(page, problems);
    await page.getByLabel('Email address').fill(user.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.waitForURL('**/forgot-password/sent');
    await checkPage(page, problems);
    // The reset-request job, which the running server does every few seconds, at once.
    await t.app.services.accountLinks.drainResetRequests();

    await page.goto(await linkFromOutbox(user.email));
    assert.equal(await page.locator('h1').innerText(), 'Choose a new password');
    await checkPage(page, problems);
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await page.waitForURL('**/staff');
    await checkPage(page, problems);
    await context.close();
  });

  test('5 wrong passwords lock the account with a clear message; after 15 minutes it signs in', async () => {
    const user = await person(t, { signedIn: false, roles: ['coordinator'] });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + '/sign-in');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel('Email address').fill(user.email);
      await page.getByLabel('Password', { exact: true }).fill(`wrong guess number ${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('.govuk-error-summary').waitFor();
    }
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /Your account is locked for 15 minutes[\s\S]*reset your password/,
    );
    await checkPage(page, problems);

    t.clock.advance(15 * 60_000 + 1000);
    await signIn(page, problems, user.email, GOOD_PASSWORD);
    assert.equal(await page.locator('h1').innerText(), 'Staff home');
    await context.close();
  });

  test('the settings and specialisms pages, with their errors, pass the checks', async () => {
    const admin = await person(t, { signedIn: false, roles: ['administrator'] });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + '/sign-in?returnTo=/staff/settings');
    await signIn(page, problems, admin.email, GOOD_PASSWORD);
    assert.equal(await page.locator('h1').innerText(), 'Alliance settings');
    await page.getByLabel('Cut-off time').fill('5pm');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);
    await page.getByLabel('Cut-off time').fill('16:30');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    // Christmas is one closure, from its first day to its last.
    const firstDay = page.getByRole('group', { name: 'Add a closure: the first day' });
    await firstDay.getByLabel('Day', { exact: true }).fill('24');
    await firstDay.getByLabel('Month', { exact: true }).fill('12');
    await firstDay.getByLabel('Year', { exact: true }).fill('2026');
    const lastDay = page.getByRole('group', { name: 'The last day (if closed for more than one day)' });
    await lastDay.getByLabel('Day', { exact: true }).fill('1');
    await lastDay.getByLabel('Month', { exact: true }).fill('1');
    await lastDay.getByLabel('Year', { exact: true }).fill('2027');
    await page.getByLabel('Reason').fill('Christmas');
    await page.getByRole('button', { name: 'Add closure date' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(
      await page.getByRole('table', { name: 'Closure dates' }).innerText(),
      /Thursday 24 December 2026 to Friday 1 January 2027\s+Christmas/,
    );
    await checkPage(page, problems);

    await page.goto(t.baseUrl + '/staff/specialisms');
    await page.getByRole('button', { name: 'Add specialism' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);
    await page.getByRole('link', { name: 'Maths' }).click();
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Retire this specialism' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    await checkPage(page, problems);
    await context.close();
  });
});
