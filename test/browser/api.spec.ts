import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { enquiries } from '../../src/features/enquiries/enquiries.tables.ts';
import { EXAMPLE_ENQUIRIES } from '../../src/seed/examples.ts';
import { addExampleLeaders } from '../support/leaders.ts';
import { person } from '../support/people.ts';
import { checkPage, openPage, signInAsStaff, startBrowserTest, type BrowserTest } from '../support/browser.ts';

/**
 * An alliance's own website, on another origin: a bare page, from which the test calls the API as the
 * site's script would. `localhost` and `127.0.0.1` on its port are two origins, one allowed and one not.
 */
async function startAllianceWebsite(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!DOCTYPE html><html lang="en"><title>Our alliance</title><h1>Ask us for support</h1></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Outcome = { status: number; body: unknown } | { failed: string };

describe('the API from an alliance’s website in Chromium', () => {
  let t: BrowserTest;
  let site: Awaited<ReturnType<typeof startAllianceWebsite>>;
  before(async () => {
    t = await startBrowserTest({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } });
    await addExampleLeaders(t, 'amiraHussain');
    site = await startAllianceWebsite();
  });
  after(async () => {
    await site.close();
    await t.close();
  });

  const enquiriesStored = async () => (await t.database.db.select({ n: count() }).from(enquiries))[0]!.n;

  /** Opens the website at `origin` and, from its page, fetches the API as its own script would. */
  async function fromWebsite(origin: string, request: { path: string; method?: string; body?: unknown }) {
    const context = await t.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    const outcome: Outcome = await page.evaluate(
      async ({ url, method, body }) => {
        try {
          const response = await fetch(url, {
            method,
            headers: body ? { 'content-type': 'application/json' } : {},
            body: body ? JSON.stringify(body) : undefined,
          });
          return { status: response.status, body: await response.json() };
        } catch (error) {
          return { failed: String(error) };
        }
      },
      { url: t.baseUrl + request.path, method: request.method ?? 'GET', body: request.body },
    );
    await context.close();
    return outcome;
  }

  test('an administrator lists the alliance’s website in the settings', async () => {
    const admin = await person(t, { roles: ['administrator'] });
    const context = await t.browser.newContext();
    const { page, problems } = await signInAsStaff(t, context, admin, '/staff/settings');
    await page.getByLabel('Websites that may send enquiries').fill(`http://localhost:${site.port}`);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    await checkPage(page, problems);
    await context.close();
  });

  test('a page on any website can search the directory', async () => {
    for (const origin of [`http://localhost:${site.port}`, `http://127.0.0.1:${site.port}`]) {
      const outcome = await fromWebsite(origin, { path: '/api/system-leaders?q=amira' });
      assert.ok('status' in outcome, `${origin}: ${'failed' in outcome ? outcome.failed : ''}`);
      assert.equal(outcome.status, 200);
      const { results } = outcome.body as { results: Array<{ name: string; profileUrl: string }> };
      assert.equal(results[0]?.name, 'Amira Hussain');
    }
  });

  test('only a page on the listed website can send an enquiry', async () => {
    const before = await enquiriesStored();
    const allowed = await fromWebsite(`http://localhost:${site.port}`, {
      path: '/api/enquiries',
      method: 'POST',
      body: EXAMPLE_ENQUIRIES.banksRoadMaths,
    });
    assert.ok('status' in allowed, 'failed' in allowed ? allowed.failed : '');
    assert.equal(allowed.status, 201);
    assert.match((allowed.body as { reference: string }).reference, /^S2S-/);
    assert.equal(await enquiriesStored(), before + 1);

    const elsewhere = await fromWebsite(`http://127.0.0.1:${site.port}`, {
      path: '/api/enquiries',
      method: 'POST',
      body: EXAMPLE_ENQUIRIES.banksRoadMaths,
    });
    assert.ok('failed' in elsewhere, 'the browser refused to send it');
    assert.equal(await enquiriesStored(), before + 1, 'nothing was stored');
  });

  test('the API page is reached from the footer and passes axe-core', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('contentinfo').getByRole('link', { name: 'API for alliance websites' }).click();
    assert.equal(await page.locator('h1').innerText(), 'API for alliance websites');
    await page.getByRole('link', { name: 'POST /api/enquiries' }).click();
    assert.ok(page.url().endsWith('#submitEnquiry'));
    await checkPage(page, problems);
    await context.close();
  });
});
