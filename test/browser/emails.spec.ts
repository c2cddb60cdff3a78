import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EXAMPLE_ENQUIRIES } from '../../src/seed/examples.ts';
import { person } from '../support/people.ts';
import { checkPage, signInAsStaff, startBrowserTest, type BrowserTest } from '../support/browser.ts';

describe('Staff > Emails in Chromium', () => {
  let t: BrowserTest;
  before(async () => (t = await startBrowserTest({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } })));
  after(() => t.close());

  test('on a laptop an administrator reads the email a school was sent, and sends it again', async () => {
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      payload: EXAMPLE_ENQUIRIES.banksRoadMaths,
    });
    const { reference } = sent.json();

    const admin = await person(t, { roles: ['administrator'] });
    const context = await t.browser.newContext();
    const { page, problems } = await signInAsStaff(t, context, admin);
    await page.getByRole('link', { name: /^Emails:/ }).click();
    assert.equal(await page.locator('h1').innerText(), 'Emails');
    await page.getByText('SMTP_URL is not set, so no email is sent').waitFor();
    await checkPage(page, problems);

    await page.getByRole('link', { name: `We have your request for support (${reference})` }).click();
    assert.match(await page.locator('#email-body').innerText(), /We will be in touch by the end of/);
    await checkPage(page, problems);

    await page.getByRole('button', { name: 'Send a copy again' }).click();
    await page.getByText('A copy was queued to send again').waitFor();
    assert.match(await page.locator('#email-body').innerText(), /We will be in touch by the end of/);
    await checkPage(page, problems);

    await page.getByRole('link', { name: 'Emails', exact: true }).click();
    await page.getByRole('link', { name: 'Failed' }).click();
    await page.getByText('There are no emails with this status').waitFor();
    await checkPage(page, problems);
    await context.close();
  });
});
