import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { recordFirstContact } from '../../src/features/enquiries/enquiry-lifecycle.service.ts';
import { saveLeader } from '../../src/features/leaders/leaders.service.ts';
import { outboxMessages } from '../../src/platform/outbox/outbox.tables.ts';
import { EXAMPLE_ENQUIRIES, EXAMPLE_LEADERS } from '../../src/seed/examples.ts';
import { type BrowserTest, checkPage, openPage, signInOn, startBrowserTest } from '../support/browser.ts';
import { person, type Person } from '../support/people.ts';

describe('matching and proposing leaders in Chromium', () => {
  let t: BrowserTest;
  let reference: string;
  let coordinator: Person;
  const leaderIds = new Map<string, number>();

  before(async () => {
    t = await startBrowserTest();
    const alliance = await t.app.services.alliances.current();
    for (const example of [EXAMPLE_LEADERS.amiraHussain, EXAMPLE_LEADERS.chloeDunn, EXAMPLE_LEADERS.carysJones]) {
      const saved = await t.database.db.transaction((tx) => saveLeader(tx, alliance.id, example, t.clock.now()));
      assert.ok(saved.ok);
      leaderIds.set(example.name, saved.leaderId);
    }
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      payload: EXAMPLE_ENQUIRIES.banksRoadMaths,
    });
    reference = response.json().reference;
    const enquiryId = (await t.app.services.enquiries.findByReference(reference))!.id;
    coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
    const at = t.clock.now();
    const contact = { at, method: 'email' as const, byUserId: coordinator.id, notes: null };
    const contacted = await t.database.db.transaction((tx) =>
      recordFirstContact(tx, { enquiryId, actor: { id: coordinator.id }, at, contact }),
    );
    assert.ok(contacted.ok);
  });
  after(() => t.close());

  test('a coordinator reads the ranking and its reasons, then proposes two leaders', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, coordinator, `/staff/enquiries/${reference}/matching`);
    assert.equal(await page.locator('h1').innerText(), 'Leaders who could help');
    assert.match(await page.locator('main').innerText(), /1\. Amira Hussain — score [\d.]+/);
    assert.match(
      await page.locator('main').innerText(),
      /Specialism fit: 40 of 40 — Holds 2 of the 2 specialisms asked for/,
    );

    await page.getByRole('button', { name: 'Propose the leaders chosen' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);

    await page.getByLabel(/Amira Hussain/).check();
    await page.getByLabel(/Carys Jones/).check();
    await page.getByLabel('A note for the leaders you propose (optional)').fill('Could you start after half term?');
    await page.getByRole('button', { name: 'Propose the leaders chosen' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Proposed 2 leaders/);
    assert.match(await page.locator('main').innerText(), /Already proposed[\s\S]*Amira Hussain[\s\S]*Proposed/);
    await checkPage(page, problems);
    await context.close();
  });

  test('a leader answers from the emailed link, without signing in or JavaScript', async () => {
    const [mail] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.kind, 'proposal'), eq(outboxMessages.recipient, 'a.hussain@palmerston.example')))
      .orderBy(desc(outboxMessages.id));
    const path = /http:\/\/localhost:3000(\/proposals\/respond\?token=\S+)/.exec(mail!.body)![1]!;
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + path);
    assert.equal(await page.locator('h1').innerText(), 'Could you support Banks Road Primary School?');
    await checkPage(page, problems);

    await page.getByRole('button', { name: 'Send my answer' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select whether you can support this school/);
    await checkPage(page, problems);

    await page.getByLabel('Yes, I can support this school').check();
    await page.getByLabel('A note for the alliance (optional)').fill('From January');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    assert.match(
      await page.locator('.govuk-panel').innerText(),
      /You accepted the proposal for Banks Road Primary School/,
    );
    await checkPage(page, problems);
    await context.close();
  });

  test('a signed-in leader answers from "Proposals for you"', async () => {
    const carys = await person(t, {
      signedIn: false,
      roles: ['system-leader'],
      email: 'c.jones@matthew-arnold.example',
      name: 'Carys Jones',
    });
    await t.app.services.leaders.linkAccount(t.database.db, carys.id, leaderIds.get('Carys Jones')!);
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, carys, '/staff/proposals');
    await page.getByRole('link', { name: 'Banks Road Primary School' }).click();
    await checkPage(page, problems);
    await page.getByLabel('No, I cannot this time').check();
    await page.getByRole('button', { name: 'Send my answer' }).click();
    assert.match(
      await page.locator('.govuk-notification-banner').innerText(),
      /You have declined the proposal for Banks Road Primary School/,
    );
    assert.match(await page.locator('table').innerText(), /Declined/);
    await checkPage(page, problems);
    await context.close();
  });

  test('the match is agreed on the enquiry page: the other open proposal closes, and enquiry and agreement link both ways', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, coordinator, `/staff/enquiries/${reference}/matching`);
    await page.getByLabel(/Chloe Dunn/).check();
    await page.getByRole('button', { name: 'Propose the leaders chosen' }).click();
    await page.locator('.govuk-notification-banner').waitFor();

    await page.goto(`${t.baseUrl}/staff/enquiries/${reference}`);
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Agree the match with Amira Hussain' }).click();
    await page.waitForURL(/\/staff\/agreements\/\d+$/);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /The enquiry is agreed/);
    await checkPage(page, problems);
    const agreementPath = new URL(page.url()).pathname;

    await page.getByRole('link', { name: reference }).click();
    await page.waitForURL(`**/staff/enquiries/${reference}`);
    await checkPage(page, problems);
    assert.equal(await page.getByRole('button', { name: /Agree the match/ }).count(), 0, 'nothing left to agree');
    assert.match(await page.locator('#leaders ~ .app-table-region').first().innerText(), /Chloe Dunn\s+Withdrawn/);
    await page.locator('#agreement + ul a').click();
    await page.waitForURL(`**${agreementPath}`);

    // Chloe had not answered: her emailed link no longer works, and she was told why.
    const [closed] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.kind, 'proposal-closed'), eq(outboxMessages.recipient, 'chloe.dunn@palmerston.example')),
      );
    assert.match(closed!.subject, /Support for Banks Road Primary School is no longer needed/);
    const [asked] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.kind, 'proposal'), eq(outboxMessages.recipient, 'chloe.dunn@palmerston.example')));
    const path = /http:\/\/localhost:3000(\/proposals\/respond\?token=\S+)/.exec(asked!.body)![1]!;
    const late = await page.goto(t.baseUrl + path);
    assert.equal(late?.status(), 404);
    await context.close();
  });

  test('an administrator changes the weights, with a mistake first', async () => {
    const admin = await person(t, { signedIn: false, roles: ['administrator'] });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, admin, '/staff/settings/matching');
    await page.getByLabel('Specialism fit').fill('150');
    await page.getByRole('button', { name: 'Save weights' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Specialism fit: use 0 to 100/);
    await checkPage(page, problems);
    await page.getByLabel('Specialism fit').fill('50');
    await page.getByRole('button', { name: 'Save weights' }).click();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Matching weights saved/);
    await checkPage(page, problems);
    await context.close();
  });
});
