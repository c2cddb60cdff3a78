import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemoData } from '../../src/seed/demo.ts';
import { checkPage, openPage, startBrowserTest, type BrowserTest } from '../support/browser.ts';

describe('finding a system leader in Chromium', () => {
  let t: BrowserTest;
  before(async () => {
    t = await startBrowserTest();
    await seedDemoData(t.database.db, (await t.app.services.alliances.current()).id, t.clock.now());
  });
  after(() => t.close());

  for (const javaScriptEnabled of [true, false]) {
    test(`${javaScriptEnabled ? 'with' : 'without'} JavaScript: filter by place, distance and specialism, open a profile, ask for support`, async () => {
      const context = await t.browser.newContext({ javaScriptEnabled });
      const { page, problems } = await openPage(context);
      await page.goto(`${t.baseUrl}/system-leaders`);
      assert.equal(await page.locator('h1').innerText(), 'Find a system leader');
      await checkPage(page, problems);

      await page.getByLabel('Near').fill('104748');
      await page.getByLabel('Distance').selectOption('5');
      await page.getByLabel('Maths').check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/near=104748/);
      assert.match(page.url(), /specialism=Maths/);
      assert.match(page.url(), /within=5/);
      assert.match(
        await page.locator('#results-heading').innerText(),
        /system leaders? within 5 miles of Palmerston School/,
      );
      const first = page.locator('.app-results__item').first();
      assert.match(await first.innerText(), /Amira Hussain[\s\S]*Palmerston School[\s\S]*under 0.1 miles away/);
      await checkPage(page, problems);

      await first.getByRole('link', { name: 'Amira Hussain' }).click();
      assert.equal(await page.locator('h1').innerText(), 'Amira Hussain');
      await checkPage(page, problems);

      await page.getByRole('button', { name: 'Request support from this leader' }).click();
      assert.match(
        await page.locator('.govuk-inset-text').innerText(),
        /You are asking for support from Amira Hussain/,
      );
      assert.equal(await page.getByLabel('Maths').isChecked(), true);
      await checkPage(page, problems);
      await context.close();
    });
  }

  test('on a phone, without JavaScript, “Skip to results” goes past the filters to the results', async () => {
    const context = await t.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const { page, problems } = await openPage(context);
    await page.goto(`${t.baseUrl}/system-leaders?near=L17%206AU&within=1`);
    await checkPage(page, problems);
    const heading = page.locator('#results-heading');
    assert.match(await heading.innerText(), /within 1 mile of L17 6AU$/);
    const below = await heading.evaluate((element) => element.getBoundingClientRect().top);
    assert.ok(below > 640, 'the results start below the first screenful, under the filters');

    await page.getByRole('link', { name: 'Skip to results' }).click();
    await page.waitForURL(/#results$/);
    const top = await heading.evaluate((element) => element.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 100, `the results heading is at the top of the screen (${top} px)`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'results');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
    await context.close();
  });

  test('on a wide screen there is no skip link: the results are beside the filters', async () => {
    const context = await t.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page } = await openPage(context);
    await page.goto(`${t.baseUrl}/system-leaders`);
    assert.equal(await page.getByRole('link', { name: 'Skip to results' }).isVisible(), false);
    await context.close();
  });

  test('a filter that cannot work is explained, with the other filters kept', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${t.baseUrl}/system-leaders`);
    await page.getByLabel('Search').fill('maths');
    await page.getByLabel('Distance').selectOption('10');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /Enter a postcode or school to search within a distance of/,
    );
    assert.equal(await page.getByLabel('Search').inputValue(), 'maths');
    await checkPage(page, problems);
    await page.locator('.govuk-error-summary').getByRole('link').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'near');
    await context.close();
  });

  test('pages through the results with the pagination links', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${t.baseUrl}/system-leaders`);
    const firstName = await page.locator('.app-results__item h3').first().innerText();
    await page.getByRole('link', { name: /Next/ }).click();
    await page.waitForURL(/page=2/);
    assert.notEqual(await page.locator('.app-results__item h3').first().innerText(), firstName);
    await checkPage(page, problems);
    await context.close();
  });
});
