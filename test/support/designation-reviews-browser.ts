import assert from 'node:assert/strict';
import { and, asc, eq } from 'drizzle-orm';
import { outboxMessages } from '../../src/platform/outbox/outbox.tables.ts';
import { type BrowserTest, checkPage, openPage } from './browser.ts';

/** The path of the single-use link in the latest review-consent email to the address. */
export async function reviewConsentLinkIn(t: BrowserTest, to: string): Promise<string> {
  const emails = await t.database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.kind, 'designation-review-consent'), eq(outboxMessages.recipient, to)))
    .orderBy(asc(outboxMessages.id));
  const link = /http:\/\/[^/]+(\/review-consent\?token=[A-Za-z0-9_-]{43})/.exec(emails.at(-1)?.body ?? '');
  assert.ok(link, `a review-consent email to ${to}`);
  return link[1]!;
}

/**
 * A head or chair asked to renew a review's release consent opens their emailed link in a browser of
 * their own, without JavaScript, reads the question (`asked`), and agrees to so many days a year.
 */
export async function renewConsentByLink(t: BrowserTest, to: string, asked: string, days: string): Promise<void> {
  const context = await t.browser.newContext({ javaScriptEnabled: false });
  try {
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + (await reviewConsentLinkIn(t, to)));
    assert.equal(await page.locator('h1').innerText(), asked);
    await checkPage(page, problems);
    await page.getByLabel('Yes').check();
    await page.getByLabel('How many days a year can the school release them?').fill(days);
    await page.getByRole('button', { name: 'Send answer' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Answer sent');
    await checkPage(page, problems);
  } finally {
    await context.close();
  }
}
