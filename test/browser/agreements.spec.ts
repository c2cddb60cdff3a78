import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { addExampleLeaders } from '../support/leaders.ts';
import { checkPage, fillDate, signInAsStaff, startBrowserTest, type BrowserTest } from '../support/browser.ts';
import { type Person, person } from '../support/people.ts';

/**
 * The whole life of an agreement in Chromium: a coordinator starts a deployment and a placement and
 * completes them; the supported school and the SLE's home school sign (without JavaScript); the
 * coordinator signs for the alliance; the agreement shows as signed and locked; the PDF downloads.
 * Every page on the way passes checkPage (axe-core, the stylesheet, no console errors).
 */
describe('support agreements in Chromium', () => {
  let t: BrowserTest;
  let coordinator: Person;
  let banksRoadHead: Person;
  let palmerstonHead: Person;
  let leaders: Awaited<ReturnType<typeof addExampleLeaders>>;
  let deploymentUrl: string;

  before(async () => {
    t = await startBrowserTest();
    leaders = await addExampleLeaders(t, 'amiraHussain', 'benCarter');
    coordinator = await person(t, {
      roles: ['coordinator'],
      name: 'Bethan Morgan',
      jobTitle: 'Alliance coordinator',
      email: 'bethan@alliance.example',
    });
    banksRoadHead = await person(t, {
      roles: ['school-contact'],
      name: 'Priya Shah',
      jobTitle: 'Headteacher',
      email: 'p.shah@banks-road.example',
      schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    });
    palmerstonHead = await person(t, {
      roles: ['school-contact'],
      name: 'Gwen Ellis',
      jobTitle: 'Headteacher',
      email: 'g.ellis@palmerston.example',
      schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    });
  });
  after(() => t.close());

  const signIn = (context: BrowserContext, who: Person) => signInAsStaff(t, context, who);

  async function pickSchool(page: Page, typed: string, label: RegExp) {
    const school = page.getByLabel('Supported school');
    await school.pressSequentially(typed, { delay: 20 });
    const option = page.getByRole('option', { name: label });
    await option.waitFor();
    await option.click();
  }

  async function addObjective(page: Page, problems: string[]) {
    await page.getByRole('link', { name: 'Objectives' }).click();
    await checkPage(page, problems);
    await page.getByLabel('Objective', { exact: true }).fill('Pupils reason confidently in maths');
    await page.getByLabel('Baseline').fill('48% of Year 6 reached the expected standard in reasoning');
    await page.getByLabel('Success measure').fill('At least 65% reach it in the summer assessments');
    await page.getByRole('button', { name: 'Save objective' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
  }

  test('a coordinator starts an SLE deployment and completes it on its task list', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await signIn(context, coordinator);
    await page.getByRole('link', { name: 'Support agreements: start, agree and sign them' }).click();
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Start an agreement' }).click();
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Start agreement' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);

    await page.getByLabel('SLE deployment').check();
    await page.getByLabel('Leader').fill('Amira Hussain');
    await pickSchool(page, 'Banks Road', /Banks Road Primary School, Liverpool L19 8JZ \(URN 104516\)/);
    await page.getByRole('button', { name: 'Start agreement' }).click();
    await page.waitForURL(/\/staff\/agreements\/\d+$/);
    deploymentUrl = page.url();
    assert.equal(await page.locator('h1').innerText(), 'Amira Hussain at Banks Road Primary School');
    await checkPage(page, problems);

    await page.getByRole('link', { name: 'Agreement terms' }).click();
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Save terms' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);
    await page.getByLabel('Focus specialism').selectOption({ label: 'Maths' });
    await page.getByLabel('Days agreed').fill('10');
    await page.getByLabel('Visit pattern').fill('Every other Tuesday morning');
    await fillDate(page, 'Start date', '11', '1', '2027');
    await fillDate(page, 'End date', '16', '7', '2027');
    await page.getByLabel('A fee', { exact: true }).check();
    await page.getByLabel('Fee (for a fee)').fill('1,500');
    await page.getByRole('button', { name: 'Save terms' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(
      await page.locator('main').innerText(),
      /A fee of £1,500.00, charged by the alliance to the supported school/,
    );
    await addObjective(page, problems);
    assert.match(
      await page.locator('.govuk-task-list').innerText(),
      /Agreement terms\s+Completed\s+Objectives\s+1 objective\s+Completed\s+Signatures\s+0 of 3 signed/,
    );
    // A contract: the alliance's letterhead, the schools' addresses, the leader's release and the standard terms.
    const main = await page.locator('main').innerText();
    assert.match(main, /South Liverpool Schools Together\s+c\/o Palmerston School/);
    assert.match(
      main,
      /Release of the leader\s+No consent from Palmerston School’s headteacher and chair of governors/,
    );
    for (const heading of ['Responsibilities of each party', 'Cancellation', 'Safeguarding', 'Data protection'])
      await page.getByRole('heading', { name: heading, level: 3 }).waitFor();
    await checkPage(page, problems);
    await context.close();
  });

  test('a coordinator starts an LLE placement with a staff pairing', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await signIn(context, coordinator);
    await page.goto(
      `${t.baseUrl}/staff/agreements/new?leader=${leaders.benCarter}&school=${EXAMPLE_SCHOOLS.matthewArnold.urn}&kind=lle-placement`,
    );
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Start agreement' }).click();
    await page.waitForURL(/\/staff\/agreements\/\d+$/);
    await page.getByRole('link', { name: 'Agreement terms' }).click();
    await page.getByLabel('A local authority').check();
    await page.getByLabel('Name of the commissioning body').fill('Liverpool City Council');
    await page.getByLabel('The supported school’s headteacher').fill('Tom Okafor');
    await page.getByLabel('The headteacher is new, or in their first headship').check();
    await page.getByLabel('Focus on school improvement').fill('Setting the school’s priorities');
    await page.getByLabel('Intensity').fill('1.5');
    await fillDate(page, 'Start date', '11', '1', '2027');
    await fillDate(page, 'Agreed end point', '14', '1', '2028');
    await page.getByLabel('A fee', { exact: true }).check();
    await page.getByRole('button', { name: 'Save terms' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    // Each answer is read first; the rules (a reason for more than 1 day a week) are checked once all can be.
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the fee in pounds/);
    await checkPage(page, problems);
    await page.getByLabel('Fee (for a fee)').fill('2,000');
    await page.getByRole('button', { name: 'Save terms' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /The intensity is more than 1 day a week: enter the reason for it/,
    );
    await checkPage(page, problems);
    await page.getByLabel('Reason for more than 1 day a week (if it is)').fill('The school is in special measures');
    await page.getByRole('button', { name: 'Save terms' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(await page.locator('main').innerText(), /Funding\s+A fee of £2,000(\.00)?, charged by the alliance/);
    await addObjective(page, problems);

    await page.getByRole('link', { name: 'Staff pairings (optional)' }).click();
    await checkPage(page, problems);
    await page.getByRole('textbox', { name: 'Role' }).first().fill('Deputy headteacher');
    await page.getByRole('textbox', { name: 'Role' }).nth(1).fill('Deputy headteacher');
    await page.getByLabel('Specialism').selectOption({ label: 'Leadership of curriculum' });
    await page.getByLabel('Days', { exact: true }).fill('6');
    await page.getByRole('button', { name: 'Save pairing' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(await page.locator('main').innerText(), /Pairing 1[\s\S]*Leadership of curriculum[\s\S]*6 days/);
    await checkPage(page, problems);
    await context.close();
  });

  test('without JavaScript, the supported school and the SLE’s home school sign', async () => {
    for (const [who, party] of [
      [banksRoadHead, 'supported school'],
      [palmerstonHead, 'SLE’s home school'],
    ] as const) {
      const context = await t.browser.newContext({ javaScriptEnabled: false });
      const { page, problems } = await signIn(context, who);
      await page.getByRole('link', { name: /support agreements: read and sign them/ }).click();
      await checkPage(page, problems);
      await page.getByRole('link', { name: /Amira Hussain at Banks Road Primary School/ }).click();
      await checkPage(page, problems);
      await page.getByRole('button', { name: `Sign for the ${party}` }).click();
      await checkPage(page, problems);
      await page.getByRole('button', { name: 'Sign agreement' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      await checkPage(page, problems);
      await page.getByRole('radio', { name: /The headteacher of/ }).check();
      await page.getByRole('checkbox', { name: /I have read version 1 of this agreement/ }).check();
      await page.getByRole('button', { name: 'Sign agreement' }).click();
      await page.locator('.govuk-notification-banner').waitFor();
      assert.match(await page.locator('.govuk-notification-banner').innerText(), new RegExp(`Signed for the ${party}`));
      await checkPage(page, problems);
      await context.close();
    }
  });

  test('the coordinator signs for the alliance: the agreement is signed and locked, and its PDF downloads', async () => {
    const context = await t.browser.newContext({ acceptDownloads: true });
    const { page, problems } = await signIn(context, coordinator);
    await page.goto(deploymentUrl);
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Sign for the alliance' }).click();
    await checkPage(page, problems);
    await page.getByRole('checkbox', { name: /I have read version 1 of this agreement/ }).check();
    await page.getByRole('button', { name: 'Sign agreement' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(
      await page.locator('.govuk-notification-banner').innerText(),
      /Every party has now signed version 1: it is locked/,
    );
    assert.equal(await page.locator('main .govuk-tag').first().innerText(), 'Signed');
    assert.match(
      await page.locator('main').innerText(),
      /Signed by every party on Monday 23 November 2026; it cannot be changed/,
    );
    assert.equal(await page.getByRole('link', { name: 'Agreement terms' }).count(), 0, 'nothing left to change');
    await checkPage(page, problems);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as PDF' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^SA-\d{4}-version-1\.pdf$/);
    const pdf = fs.readFileSync((await download.path())!);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    assert.match(
      text.replace(/\s+/g, ' '),
      /Supported school \(Banks Road Primary School\): signed by Priya Shah, Headteacher/,
    );

    await page.goto(`${deploymentUrl}/terms`);
    assert.equal(await page.locator('h1').innerText(), 'This agreement cannot be changed');
    await checkPage(page, problems);
    await page.getByRole('link', { name: 'Start a variation' }).click();
    await checkPage(page, problems);
    await page.goto(`${deploymentUrl}/versions/1`);
    await checkPage(page, problems);
    await page.goto(`${deploymentUrl}/witnessed-signature`);
    await checkPage(page, problems);

    await page.goto(`${t.baseUrl}/staff/release-ledger?year=2026/27`);
    await checkPage(page, problems);
    await page.getByRole('link', { name: 'Amira Hussain' }).click();
    assert.match(
      await page.locator('main').innerText(),
      /10 days committed in 2026\/27, but no release has been agreed/,
    );
    await checkPage(page, problems);
    await page.getByRole('link', { name: /Record/ }).click();
    await page.getByRole('button', { name: 'Save release' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);
    await context.close();
  });
});
