import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPage, openPage, startBrowserTest, type BrowserTest } from '../support/browser.ts';

const PAGES = [
  { path: '/', heading: 'School-to-school support' },
  { path: '/specialist-leaders-of-education', heading: 'Specialist Leaders of Education' },
  { path: '/local-leaders-of-education', heading: 'Local Leaders of Education' },
  { path: '/contact', heading: 'Contact us' },
  { path: '/accessibility', heading: 'Accessibility statement' },
  { path: '/privacy', heading: 'Privacy notice' },
  { path: '/no-such-page', heading: 'Page not found' },
];

describe('public pages in Chromium', () => {
  let t: BrowserTest;
  before(async () => (t = await startBrowserTest()));
  after(() => t.close());

  for (const { path, heading } of PAGES) {
    test(`${path} loads its styles, logs no errors and passes axe-core`, async () => {
      const context = await t.browser.newContext();
      const { page, problems } = await openPage(context);
      const response = await page.goto(t.baseUrl + path);
      assert.equal(await page.locator('h1').innerText(), heading);
      if (path === '/no-such-page') assert.equal(response?.status(), 404);
      await checkPage(page, problems);
      await context.close();
    });
  }

  test('the keyboard reaches the skip link first, and it moves focus to the content', async () => {
    const context = await t.browser.newContext();
    const { page } = await openPage(context);
    await page.goto(t.baseUrl + '/');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Skip to main content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-content');
    await context.close();
  });

  test('the navigation leads to each programme page', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + '/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Local leaders' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Local Leaders of Education');
    assert.equal(await page.getByRole('link', { name: 'Local leaders' }).getAttribute('aria-current'), 'page');
    await checkPage(page, problems);
    await context.close();
  });
});
