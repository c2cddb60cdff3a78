import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildTestApp, type TestApp } from './test-app.ts';
import { GOOD_PASSWORD } from './people.ts';

/** Debian's Chromium: Playwright's own browser download does not work on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type BrowserTest = TestApp & { baseUrl: string; browser: Browser };

/** The real app listening on loopback, and a headless Chromium to drive it. */
export async function startBrowserTest(options: Parameters<typeof buildTestApp>[0] = {}): Promise<BrowserTest> {
  const testApp = await buildTestApp(options);
  const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    ...testApp,
    baseUrl: address,
    browser,
    async close() {
      await browser.close();
      await testApp.close();
    },
  };
}

/**
 * A page that records what would show a broken page to a person: console errors, uncaught
 * exceptions and failed requests. `checkPage` asserts there were none.
 */
export async function openPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  // A page answered 400 (a form with errors) or 404 on purpose: Chromium logs that as an error too.
  const documentsRefused = new Set<string>();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^Failed to load resource/.test(message.text()) && documentsRefused.has(message.location().url)) return;
    problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Chromium fetches the icon after the page has loaded, and abandons it when the test moves on at once.
    if (
      request.failure()?.errorText === 'net::ERR_ABORTED' &&
      new URL(request.url()).pathname === '/assets/favicon.svg'
    )
      return;
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    const status = response.status();
    if (status >= 500) problems.push(`server error: ${status} ${response.url()}`);
    else if (status >= 400 && response.request().resourceType() === 'document') documentsRefused.add(response.url());
    else if (status >= 400) problems.push(`${status} for ${response.url()}`);
  });
  return { page, problems };
}

/**
 * What every page must pass: its stylesheet loaded and applied, nothing logged as an error, and no
 * accessibility violation that axe-core can find against WCAG 2.2 A and AA.
 */
export async function checkPage(page: Page, problems: string[]): Promise<void> {
  const styled = await page.evaluate(() => {
    const sheet = [...document.styleSheets].find((candidate) => candidate.href?.includes('/assets/app.css'));
    return {
      rules: sheet ? sheet.cssRules.length : 0,
      font: getComputedStyle(document.querySelector('h1') ?? document.body).fontFamily,
    };
  });
  assert.ok(styled.rules > 100, `${page.url()}: the stylesheet did not load`);
  assert.match(styled.font, /system-ui/, `${page.url()}: the alliance's font stack is not applied`);
  assert.deepEqual(problems, [], `${page.url()}: the page logged problems`);

  const results = await axeResults(page);
  const violations = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    where: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
  }));
  assert.deepEqual(violations, [], `${page.url()}: axe-core found accessibility violations`);
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core runs as a script in the page, which a page without JavaScript cannot run. So a page seen
 * without JavaScript is checked as a copy of its DOM, with its scripts removed, in a page that can.
 */
async function axeResults(page: Page) {
  const javaScriptRan = await page.evaluate(() => document.body.classList.contains('js-enabled'));
  if (javaScriptRan) return new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();

  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/g, '');
  const browser = page.context().browser();
  assert.ok(browser);
  const context = await browser.newContext();
  try {
    const copy = await context.newPage();
    await copy.route(page.url(), (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await copy.goto(page.url());
    return await new AxeBuilder({ page: copy }).withTags(AXE_TAGS).analyze();
  } finally {
    await context.close();
  }
}

/** Fills in the sign-in form on the page and sends it, as a person does. */
export async function fillSignIn(page: Page, email: string, password = GOOD_PASSWORD): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * A signed-in browser page: opens `path` (the staff home unless given), which sends a person signed
 * out to the sign-in form, signs in there as someone made by person(), and lands back on `path`.
 */
export async function signInAsStaff(
  t: BrowserTest,
  context: BrowserContext,
  who: { email: string },
  path = '/staff',
): Promise<{ page: Page; problems: string[] }> {
  const { page, problems } = await openPage(context);
  await signInOn(t, page, problems, who, path);
  return { page, problems };
}

/** The same, on a page already open (a second person in the same browser, say). */
export async function signInOn(
  t: BrowserTest,
  page: Page,
  problems: string[],
  who: { email: string },
  path = '/staff',
): Promise<void> {
  await page.goto(path === '/staff' ? `${t.baseUrl}/sign-in` : t.baseUrl + path);
  await fillSignIn(page, who.email);
  await page.waitForURL(`**${path}`);
  await checkPage(page, problems);
}

/** Types a date into the GOV.UK date input whose fieldset has this legend. */
export async function fillDate(page: Page, legend: string, day: string, month: string, year: string): Promise<void> {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}
