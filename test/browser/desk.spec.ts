import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { type BrowserTest, checkPage, openPage, signInOn, startBrowserTest } from '../support/browser.ts';
import { receiveEnquiry, type ReceivedEnquiry } from '../support/enquiries.ts';
import { person } from '../support/people.ts';

const NOTE = 'The head would like a maths SLE who has worked with a new subject lead.';

describe('the enquiry desk in Chromium', () => {
  let t: BrowserTest;
  let enquiry: ReceivedEnquiry;
  before(async () => {
    t = await startBrowserTest({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    enquiry = await receiveEnquiry(t, '2026-11-23T09:00:00Z');
    await receiveEnquiry(t, '2026-11-18T09:00:00Z', {
      supportType: 'lle',
      specialisms: [],
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    t.clock.set('2026-11-23T10:00:00Z');
  });
  after(() => t.close());

  async function expectBanner(page: Page, problems: string[], message: string): Promise<void> {
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), new RegExp(message));
    await checkPage(page, problems);
  }

  test('a coordinator works an enquiry from the queue to contacted, then matching, with a note', async () => {
    const coordinator = await person(t, { signedIn: false, roles: ['coordinator'], name: 'Bethan Morgan' });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, coordinator);
    assert.match(await page.locator('.app-counts').innerText(), /1\s+overdue[\s\S]*0\s+due today[\s\S]*1\s+due later/);

    await page.getByRole('link', { name: 'Answer enquiries from schools' }).click();
    await page.waitForURL('**/staff/enquiries');
    assert.match(await page.locator('#results-heading').innerText(), /2 enquiries/);
    assert.match(
      await page.locator('table.app-queue').innerText(),
      /Overdue by 1 working day[\s\S]*Due in 2 working days/,
    );
    await checkPage(page, problems);

    await page.getByLabel('Kind of support').selectOption('sle');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL('**/staff/enquiries?kind=sle');
    assert.match(await page.locator('#results-heading').innerText(), /1 enquiry/);
    await checkPage(page, problems);

    await page.getByRole('link', { name: 'Banks Road Primary School' }).click();
    await page.waitForURL(`**/staff/enquiries/${enquiry.reference}`);
    assert.equal(await page.locator('h1').innerText(), 'Banks Road Primary School');
    await checkPage(page, problems);

    await page.getByRole('link', { name: 'Change coordinator' }).click();
    await checkPage(page, problems);
    await page.getByLabel('Bethan Morgan (you)').check();
    await page.getByRole('button', { name: 'Save coordinator' }).click();
    await expectBanner(page, problems, 'Coordinator saved');

    await page.getByRole('link', { name: 'Record the first contact' }).click();
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Save first contact' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select how the school was contacted/);
    await checkPage(page, problems);
    await page.getByLabel('Telephone').check();
    await page.getByLabel('Notes (optional)').fill('Spoke to Priya Shah.');
    await page.getByRole('button', { name: 'Save first contact' }).click();
    await expectBanner(page, problems, 'First contact recorded');
    assert.match(await page.locator('main').innerText(), /Target met/);

    await page.getByRole('link', { name: 'matching' }).click();
    await checkPage(page, problems);
    assert.equal(await page.getByLabel('Matching').isChecked(), true);
    // By keyboard: the button is reached and pressed without a mouse.
    await page.getByRole('button', { name: 'Save status' }).focus();
    await page.keyboard.press('Enter');
    await expectBanner(page, problems, 'Status changed to ‘matching’');

    await page.getByLabel('Add a note').fill(NOTE);
    await page.getByRole('button', { name: 'Add note' }).click();
    // The page opens at the notes, so the confirmation is there, on screen, not off it at the top.
    const banner = page.locator('#notes + .govuk-notification-banner');
    await banner.waitFor();
    const box = await banner.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= page.viewportSize()!.height, 'on screen');
    await expectBanner(page, problems, 'Note added');
    assert.match(
      await page.locator('.app-notes').innerText(),
      new RegExp(`Bethan Morgan, 23 November 2026 at 10am\\s+${NOTE}`),
    );
    assert.match(
      await page.locator('table.app-audit-trail').innerText(),
      /Enquiry received[\s\S]*Coordinator changed[\s\S]*First contact recorded[\s\S]*Status: from ‘Contacted’ to ‘Matching’[\s\S]*Note added/,
    );

    await page.getByRole('link', { name: 'Change priority' }).click();
    await checkPage(page, problems);
    await page.getByLabel('Results below the expected standards').check();
    await page.getByRole('button', { name: 'Save priority' }).click();
    await expectBanner(page, problems, 'Priority saved');
    await context.close();
  });

  test('without JavaScript, a school contact sees their enquiry’s status and dates, but no notes', async () => {
    const contact = await person(t, {
      signedIn: false,
      roles: ['school-contact'],
      schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
      name: 'Priya Shah',
    });
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, contact);

    await page.getByRole('link', { name: 'See your school’s enquiries' }).click();
    await page.waitForURL('**/staff/your-school/enquiries');
    const list = await page.locator('main').innerText();
    assert.match(list, new RegExp(enquiry.reference));
    assert.doesNotMatch(list, /Matthew Arnold/);
    await checkPage(page, problems);

    await page.getByRole('link', { name: enquiry.reference }).click();
    await page.waitForURL(`**/staff/your-school/enquiries/${enquiry.reference}`);
    const main = await page.locator('main').innerText();
    assert.match(main, /Status\s+Finding a leader/);
    assert.match(
      main,
      /23 November 2026 at 10am\s+Finding a leader\s+23 November 2026 at 10am\s+We have been in touch\s+23 November 2026 at 9am\s+Received/,
    );
    for (const internal of [NOTE, 'Spoke to Priya Shah.', 'Internal notes', 'History', 'Priority'])
      assert.ok(!main.includes(internal), `no ${internal}`);
    await checkPage(page, problems);

    const refused = await page.goto(`${t.baseUrl}/staff/enquiries/${enquiry.reference}`);
    assert.equal(refused?.status(), 403);
    await context.close();
  });
});
