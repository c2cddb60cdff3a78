import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type BrowserTest, checkPage, fillDate, openPage, signInOn, startBrowserTest } from '../support/browser.ts';
import {
  designate,
  insertSentApplication,
  listingConsentEmails,
  listingTokenIn,
} from '../support/designation-outcomes.ts';
import { person } from '../support/people.ts';

describe('after a panel designates, in Chromium', () => {
  let t: BrowserTest;
  let leaderId: number;
  before(async () => {
    t = await startBrowserTest();
    t.clock.set('2026-12-04T15:00:00Z');
    const applicationId = await insertSentApplication(t, {
      name: 'Yara Newlyn',
      email: 'yara.newlyn@school.example',
      specialisms: ['Maths'],
    });
    ({ leaderId } = await designate(t, applicationId, '2026-12-04'));
  });
  after(() => t.close());

  test('the new SLE agrees by the emailed link to be listed, and appears in the public directory', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${t.baseUrl}/system-leaders?q=Newlyn`);
    assert.doesNotMatch(await page.locator('main').innerText(), /Yara Newlyn/, 'not listed before they answer');

    const [email] = (await listingConsentEmails(t)).filter((sent) => sent.recipient === 'yara.newlyn@school.example');
    await page.goto(`${t.baseUrl}/listing-consent?token=${listingTokenIn(email!.body)}`);
    assert.equal(await page.locator('h1').innerText(), 'Do you agree to be listed in the public directory?');
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Send answer' }).click();
    assert.equal(
      await page.locator('.govuk-error-summary a').innerText(),
      'Select whether you agree to be listed in the directory',
    );
    await checkPage(page, problems);
    await page.getByLabel('Yes, list me in the directory').check();
    await page.getByRole('button', { name: 'Send answer' }).click();
    assert.match(await page.locator('.govuk-panel').innerText(), /You are listed in the directory/);
    await checkPage(page, problems);
    await page.getByRole('link', { name: 'See your entry in the directory' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Yara Newlyn');
    await checkPage(page, problems);

    await page.goto(`${t.baseUrl}/system-leaders?q=Newlyn`);
    assert.match(await page.locator('main').innerText(), /Yara Newlyn/);
    await context.close();
  });

  test('a coordinator records core training, and "training due" goes', async () => {
    const coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, coordinator);
    await page.goto(`${t.baseUrl}/staff/leaders/${leaderId}`);
    assert.match(await page.locator('main').innerText(), /Designated, training due/);
    await checkPage(page, problems);

    await page.getByRole('link', { name: 'Record core training for the SLE designation' }).click();
    await checkPage(page, problems);
    await fillDate(page, 'When did they complete the training?', '5', '12', '2026');
    await page.getByLabel('Who provided it?').fill('Liverpool Teaching School Hub');
    await page.getByRole('button', { name: 'Save core training' }).click();
    assert.equal(
      await page.locator('.govuk-error-summary a').innerText(),
      'The date of the training must be today or in the past',
    );
    await checkPage(page, problems);
    await fillDate(page, 'When did they complete the training?', '3', '12', '2026');
    await page.getByRole('button', { name: 'Save core training' }).click();
    await page.waitForURL(new RegExp(`/staff/leaders/${leaderId}$`));
    const text = await page.locator('main').innerText();
    assert.match(text, /Core training for Yara Newlyn’s SLE designation recorded/);
    assert.doesNotMatch(text, /training due/i);
    assert.match(text, /3 December 2026, Liverpool Teaching School Hub/);
    await checkPage(page, problems);
    await context.close();
  });
});
