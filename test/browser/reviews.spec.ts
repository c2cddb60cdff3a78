import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { BrowserContext } from 'playwright-core';
import { outboxMessages } from '../../src/platform/outbox/outbox.tables.ts';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { readyAgreement, signEveryParty } from '../support/agreements.ts';
import { addExampleLeaders } from '../support/leaders.ts';
import { checkPage, openPage, signInAsStaff, startBrowserTest, type BrowserTest } from '../support/browser.ts';
import { type Person, person } from '../support/people.ts';

/**
 * The end of a deployment in Chromium: the SLE records the end review, the daily job asks the
 * school for feedback, the school's head answers from the emailed link without signing in, and the
 * coordinator reads it. Every page on the way passes checkPage (axe-core, stylesheet, no errors).
 */
describe('reviews and feedback in Chromium', () => {
  let t: BrowserTest;
  let coordinator: Person;
  let amira: Person;
  let agreementId: number;

  before(async () => {
    t = await startBrowserTest();
    const leaders = await addExampleLeaders(t, 'amiraHussain');
    coordinator = await person(t, {
      roles: ['coordinator'],
      name: 'Bethan Morgan',
      jobTitle: 'Alliance coordinator',
      email: 'bethan@alliance.example',
    });
    amira = await person(t, {
      roles: ['system-leader'],
      name: 'Amira Hussain',
      jobTitle: 'Maths lead',
      email: 'a.hussain@palmerston.example',
      leaderId: leaders.amiraHussain,
    });
    const supportedSchool = await person(t, {
      roles: ['school-contact'],
      name: 'Priya Shah',
      email: 'p.shah@banks-road.example',
      schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    });
    const homeSchool = await person(t, {
      roles: ['school-contact'],
      name: 'Gwen Ellis',
      email: 'g.ellis@palmerston.example',
      schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    });
    agreementId = await readyAgreement(t, coordinator.user, { leaderId: leaders.amiraHussain });
    await signEveryParty(t, agreementId, { coordinator, supportedSchool, homeSchool });
    // The Monday after the deployment ended on Friday 16 July 2027.
    t.clock.set('2027-07-19T09:00:00Z');
  });
  after(() => t.close());

  const signIn = (context: BrowserContext, who: Person) => signInAsStaff(t, context, who);

  test('the leader records the end review, with every objective rated and evidenced', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await signIn(context, amira);
    await page.goto(`${t.baseUrl}/staff/agreements/${agreementId}`);
    await checkPage(page, problems);
    await page.getByRole('link', { name: 'Record the end review' }).click();
    await checkPage(page, problems);

    await page.getByRole('button', { name: 'Save the review' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);
    await page
      .locator('.govuk-error-summary')
      .getByRole('link', { name: 'Select how far objective 1 has been met' })
      .click();

    await page.getByRole('group', { name: 'How far has objective 1 been met?' }).getByLabel('Exceeded').check();
    await page
      .getByLabel('Evidence for the rating of objective 1')
      .fill('71% reached the expected standard in the summer assessments');
    await page.getByLabel('Summary').fill('Reasoning is now taught well across Year 6');
    await page.getByLabel('Next steps').fill('None: the maths lead carries the work on');
    await page.getByRole('button', { name: 'Save the review' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /End review recorded/);
    assert.match(await page.locator('#reviews ~ .govuk-summary-card').first().innerText(), /Exceeded/);
    await checkPage(page, problems);
    await context.close();
  });

  test('the daily job emails the school a link; its head answers the survey without signing in', async () => {
    assert.equal(await t.app.services.feedback.runIfDue(), 'done');
    const [email] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.kind, 'feedback-request'));
    assert.equal(email!.recipient, 'p.shah@banks-road.example');
    const link = /http:\/\/\S+\/feedback\?token=\S+/.exec(email!.body)![0];

    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + new URL(link).pathname + new URL(link).search);
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);

    await page.getByLabel('4: Excellent').check();
    await page
      .getByRole('group', { name: 'Would you recommend this support to another school?' })
      .getByLabel('Yes')
      .check();
    await page.getByLabel('Comments (optional)').fill('Amira’s coaching changed how we teach reasoning');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.locator('.govuk-panel').waitFor();
    await checkPage(page, problems);

    // The link works once.
    await page.goto(t.baseUrl + new URL(link).pathname + new URL(link).search);
    await page.getByRole('heading', { name: 'This feedback has already been given' }).waitFor();
    await checkPage(page, problems);
    await context.close();
  });

  test('the coordinator sees the feedback in the list and on the agreement', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await signIn(context, coordinator);
    await page.getByRole('link', { name: 'Reviews due and schools’ feedback on support' }).click();
    await checkPage(page, problems);
    await page.getByRole('link', { name: 'Feedback received' }).click();
    await checkPage(page, problems);
    assert.match(await page.locator('main').innerText(), /4\.0 out of 4/);
    assert.match(await page.locator('main').innerText(), /100%/);
    await page.getByRole('link', { name: /Amira Hussain at Banks Road Primary School/ }).click();
    await checkPage(page, problems);
    const feedback = await page.locator('#feedback ~ .govuk-summary-list').first().innerText();
    assert.match(feedback, /4: Excellent/);
    assert.match(feedback, /Amira’s coaching changed how we teach reasoning/);
    await context.close();
  });
});
