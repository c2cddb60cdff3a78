import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signedAgreement } from '../support/agreements.ts';
import { type BrowserTest, checkPage, signInAsStaff, startBrowserTest } from '../support/browser.ts';
import { receiveEnquiry } from '../support/enquiries.ts';
import { addExampleLeaders } from '../support/leaders.ts';
import { type Person, person } from '../support/people.ts';

/** The narrowest phone WCAG 1.4.10 (Reflow) asks for, and what 1280 px at 400% zoom comes to. */
const PHONE = { width: 320, height: 640 };

type TableRegion = { name: string; role: string | null; tabIndex: string | null };

/** For every table on the page: the region around it, with its accessible name worked out as a browser does. */
function tableRegions(page: Page): Promise<TableRegion[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('table')].map((table) => {
      const region = table.closest('.app-table-region');
      const labelledBy = region?.getAttribute('aria-labelledby');
      const name = labelledBy
        ? (document.getElementById(labelledBy)?.textContent ?? '')
        : (region?.getAttribute('aria-label') ?? '');
      return {
        name: name.replace(/\s+/g, ' ').trim(),
        role: region?.getAttribute('role') ?? null,
        tabIndex: region?.getAttribute('tabindex') ?? null,
      };
    }),
  );
}

/**
 * Small screens in Chromium: at 320 px wide, the staff pages with wide tables (the queue, delivery, the
 * release ledger, staff accounts, an agreement's history and the leaders' register) never scroll the whole
 * page sideways; each table scrolls in a region of its own that is named and that the keyboard can reach.
 */
describe('wide tables on a phone in Chromium', () => {
  let t: BrowserTest;
  let administrator: Person;
  let leaderId: number;
  let agreementId: number;

  before(async () => {
    t = await startBrowserTest({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    const leaders = await addExampleLeaders(t, 'amiraHussain');
    leaderId = leaders.amiraHussain;
    administrator = await person(t, {
      roles: ['administrator', 'coordinator'],
      name: 'Aisha Rahman',
      email: 'aisha.rahman-with-a-long-address@south-liverpool-schools.example',
    });
    agreementId = await signedAgreement(t, administrator, {
      leaderId,
      terms: { halfDays: 20, startDate: '2026-09-07', endDate: '2027-07-16' },
    });
    await receiveEnquiry(t, '2026-11-20T09:00:00Z');
  });
  after(() => t.close());

  const pages: Array<{ path: () => string; region: RegExp }> = [
    { path: () => '/staff/enquiries', region: /^1 enquiry$/ },
    { path: () => '/staff/delivery', region: /^1 agreement$/ },
    { path: () => '/staff/release-ledger', region: /^SLEs and their release in 2026\/27$/ },
    { path: () => `/staff/release-ledger/${leaderId}`, region: /^Deployments starting in 2026\/27$/ },
    { path: () => '/staff/users', region: /^Everyone with an account in / },
    { path: () => `/staff/agreements/${agreementId}`, region: /^History$/ },
    { path: () => '/staff/leaders', region: /^1 leader$/ },
  ];

  test('no page scrolls sideways, and each table is in a named, focusable region', async () => {
    const context = await t.browser.newContext({ viewport: PHONE });
    const { page, problems } = await signInAsStaff(t, context, administrator);
    for (const { path, region } of pages) {
      await page.goto(`${t.baseUrl}${path()}`);
      await checkPage(page, problems);
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      assert.equal(widths.viewport, PHONE.width);
      assert.ok(widths.page <= PHONE.width, `${path()} is ${widths.page} px wide at ${PHONE.width} px`);

      const regions = await tableRegions(page);
      assert.ok(regions.length > 0, `${path()} shows a table`);
      for (const found of regions) {
        assert.deepEqual({ role: found.role, tabIndex: found.tabIndex }, { role: 'region', tabIndex: '0' }, path());
        assert.notEqual(found.name, '', `${path()}: a table's region has no name`);
      }
      assert.ok(
        regions.some((found) => region.test(found.name)),
        `${path()}: no region named ${region} among ${regions.map((found) => found.name).join(', ')}`,
      );
    }
    await context.close();
  });

  test('a keyboard user tabs to the queue’s table and scrolls it with the arrow keys', async () => {
    const context = await t.browser.newContext({ viewport: PHONE });
    const { page } = await signInAsStaff(t, context, administrator, '/staff/enquiries');
    const region = page.getByRole('region', { name: '1 enquiry' });
    const overflow = await region.evaluate((element) => element.scrollWidth - element.clientWidth);
    assert.ok(overflow > 0, 'the queue is wider than a phone, so its region scrolls');

    await page.getByRole('link', { name: 'Clear filters' }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await region.evaluate((element) => element === document.activeElement), true);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => (document.querySelector('.app-table-region')?.scrollLeft ?? 0) > 0);
    await context.close();
  });
});
