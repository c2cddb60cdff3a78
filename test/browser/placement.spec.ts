import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { readyAgreement, specialismId } from '../support/agreements.ts';
import { addExampleLeaders } from '../support/leaders.ts';
import { checkPage, fillDate, signInAsStaff, startBrowserTest, type BrowserTest } from '../support/browser.ts';
import { type Person, person } from '../support/people.ts';

/**
 * An LLE placement from signing to its mid-point, in Chromium, each person doing their own part: the
 * heads of the supported school and of the LLE's school sign, the coordinator signs for the alliance
 * and downloads the signed PDF, the LLE logs his own session and his deputy's, and records the
 * mid-point review; the supported school's head reads what was delivered and the review; the
 * coordinator sees delivered against agreed. Every page passes checkPage (axe-core, CSS, no errors).
 */
describe('an LLE placement, from signing to its mid-point review, in Chromium', () => {
  let t: BrowserTest;
  let coordinator: Person;
  let ben: Person;
  let matthewArnoldHead: Person;
  let banksRoadHead: Person;
  let placementUrl: string;

  before(async () => {
    // Tuesday 20 July 2027: the placement (11 January 2027 to 14 January 2028) is past its mid-point.
    t = await startBrowserTest({ now: '2027-07-20T09:00:00Z' });
    const leaders = await addExampleLeaders(t, 'benCarter');
    coordinator = await person(t, {
      roles: ['coordinator'],
      name: 'Bethan Morgan',
      jobTitle: 'Alliance coordinator',
      email: 'bethan@alliance.example',
    });
    ben = await person(t, {
      roles: ['system-leader'],
      name: 'Ben Carter',
      jobTitle: 'Headteacher',
      email: 'b.carter@banks-road.example',
      leaderId: leaders.benCarter,
    });
    matthewArnoldHead = await person(t, {
      roles: ['school-contact'],
      name: 'Tom Okafor',
      jobTitle: 'Headteacher',
      email: 't.okafor@matthew-arnold.example',
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    banksRoadHead = await person(t, {
      roles: ['school-contact'],
      name: 'Priya Shah',
      jobTitle: 'Headteacher',
      email: 'p.shah@banks-road.example',
      schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    });
    const id = await readyAgreement(t, coordinator.user, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    const pairing = await t.app.services.agreementEditing.addPairing(coordinator.user, id, {
      leaderSchoolRole: 'Deputy headteacher',
      leaderSchoolName: 'Sam Lee',
      supportedSchoolRole: 'Deputy headteacher',
      supportedSchoolName: 'Jo Reid',
      specialismId: await specialismId(t, 'SEN'),
      halfDays: 4,
    });
    assert.ok(pairing.ok);
    placementUrl = `${t.baseUrl}/staff/agreements/${id}`;
  });
  after(() => t.close());

  const signIn = (context: BrowserContext, who: Person) => signInAsStaff(t, context, who);

  test('the heads of both schools sign, each for their own school', async () => {
    for (const [who, party] of [
      [matthewArnoldHead, /Sign for the supported school/],
      [banksRoadHead, /Sign for the LLE’s school/],
    ] as const) {
      const context = await t.browser.newContext();
      const { page, problems } = await signIn(context, who);
      await page.getByRole('link', { name: /support agreements: read and sign them/ }).click();
      await checkPage(page, problems);
      await page.getByRole('link', { name: /Ben Carter at Matthew Arnold Primary School/ }).click();
      await checkPage(page, problems);
      assert.match(await page.locator('main').innerText(), /Deputy headteacher \(Sam Lee\)|Sam Lee/);
      await page.getByRole('button', { name: party }).click();
      await checkPage(page, problems);
      await page.getByRole('radio', { name: /The headteacher of/ }).check();
      await page.getByRole('checkbox', { name: /I have read version 1 of this agreement/ }).check();
      await page.getByRole('button', { name: 'Sign agreement' }).click();
      await page.locator('.govuk-notification-banner').waitFor();
      assert.match(await page.locator('.govuk-notification-banner').innerText(), /Signed for the/);
      await checkPage(page, problems);
      await context.close();
    }
  });

  test('the coordinator signs for the alliance, and the signed placement’s PDF names who signed', async () => {
    const context = await t.browser.newContext({ acceptDownloads: true });
    const { page, problems } = await signIn(context, coordinator);
    await page.goto(placementUrl);
    await page.getByRole('button', { name: 'Sign for the alliance' }).click();
    await checkPage(page, problems);
    await page.getByRole('checkbox', { name: /I have read version 1 of this agreement/ }).check();
    await page.getByRole('button', { name: 'Sign agreement' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(
      await page.locator('.govuk-notification-banner').innerText(),
      /Every party has now signed version 1: it is locked/,
    );
    await checkPage(page, problems);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as PDF' }).click(),
    ]);
    const pdf = fs.readFileSync((await download.path())!);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    assert.match(flat, /Supported school \(Matthew Arnold Primary School\): signed by Tom Okafor, Headteacher/);
    assert.match(flat, /Liverpool City Council/);
    await context.close();
  });

  test('the LLE logs his deputy’s session and his own, then records the mid-point review', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await signIn(context, ben);
    await page.goto(placementUrl);
    await checkPage(page, problems);

    await page.getByRole('button', { name: 'Log a visit or session' }).click();
    await checkPage(page, problems);
    await fillDate(page, 'Date', '13', '7', '2027');
    await page
      .getByRole('group', { name: 'Who delivered the support' })
      .getByLabel(/Sam Lee/)
      .check();
    await page.getByLabel('Days', { exact: true }).fill('1');
    await page.getByLabel('Mentoring').check();
    await page.getByLabel('Notes (optional)').fill('Sam mentored Jo on the SEN register and provision map.');
    // A placement's notes start shared with the alliance and the leader; this one is for the school too.
    const sharing = page.getByRole('group', { name: 'Who may read the notes and the progress' });
    assert.equal(await sharing.getByLabel('The alliance and the leader').isChecked(), true);
    await sharing.getByLabel(/Everyone on the agreement/).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    await checkPage(page, problems);

    await page.getByRole('button', { name: 'Log a visit or session' }).click();
    await fillDate(page, 'Date', '15', '7', '2027');
    await page.getByLabel('Or hours').fill('3');
    await page.getByLabel('Coaching').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    const main = await page.locator('main').innerText();
    assert.match(main, /Delivered\s+1.5 days/);
    assert.match(main, /3 hours \(counts as 0.5 days\)/);
    await checkPage(page, problems);

    await page.getByRole('link', { name: /Record the mid-point review/ }).click();
    await checkPage(page, problems);
    await page.getByRole('group', { name: 'How far has objective 1 been met?' }).getByLabel('Partly met').check();
    await page
      .getByLabel('Evidence for the rating of objective 1')
      .fill('Two of the four priorities have plans the governors approved');
    await page.getByLabel('Summary').fill('A good start: the head leads the priorities with confidence');
    await page.getByLabel('Next steps').fill('Plans for the other two priorities by October half term');
    await page
      .getByRole('group', { name: 'Who may read the review' })
      .getByLabel(/Everyone on the agreement/)
      .check();
    await page.getByRole('button', { name: 'Save the review' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /review recorded/i);
    await checkPage(page, problems);
    await context.close();
  });

  test('the coordinator writes a note for the alliance only, and sees who each note is shared with', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await signIn(context, coordinator);
    await page.goto(placementUrl);
    await page.getByRole('button', { name: 'Log a visit or session' }).click();
    await fillDate(page, 'Date', '16', '7', '2027');
    await page.getByLabel('Days', { exact: true }).fill('0.5');
    await page.getByLabel('Coaching').check();
    await page.getByLabel('Notes (optional)').fill('The head is finding the governors hard going: keep an eye.');
    await page
      .getByRole('group', { name: 'Who may read the notes and the progress' })
      .getByLabel('The alliance only')
      .check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    await checkPage(page, problems);
    const main = await page.locator('main').innerText();
    assert.match(main, /The head is finding the governors hard going[\s\S]*Shared with\s+The alliance only/);
    assert.match(main, /Sam mentored Jo[\s\S]*Shared with\s+Everyone on the agreement, including the supported school/);
    await context.close();
  });

  test('the supported school’s head reads what was delivered and the review, and changes neither', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await signIn(context, matthewArnoldHead);
    await page.goto(placementUrl);
    await checkPage(page, problems);
    const main = await page.locator('main').innerText();
    assert.match(main, /Sam mentored Jo on the SEN register/);
    assert.doesNotMatch(main, /governors hard going/, 'the alliance’s own note is not shown to the school');
    assert.match(main, /Partly met/);
    assert.match(main, /Two of the four priorities have plans the governors approved/);
    assert.equal(await page.getByRole('button', { name: 'Log a visit or session' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: /Record the (mid-point|end) review/ }).count(), 0);
    await context.close();
  });

  test('the coordinator sees the placement’s delivery against what was agreed', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await signIn(context, coordinator);
    await page.goto(`${t.baseUrl}/staff/delivery`);
    await checkPage(page, problems);
    // Agreed: half a day a week for 52 whole weeks, plus the deputies' 2 days.
    const row = page.getByRole('row', { name: /Ben Carter/ });
    assert.match(await row.innerText(), /28 days[\s\S]*2 days/);
    await context.close();
  });

  test('an administrator sets term dates, and the placement’s agreed days count its term weeks', async () => {
    const admin = await person(t, { roles: ['administrator'], name: 'Alex Reed', email: 'a.reed@alliance.example' });
    const context = await t.browser.newContext();
    const { page, problems } = await signIn(context, admin);
    await page.goto(`${t.baseUrl}/staff/settings`);
    await page.getByRole('link', { name: 'set the term dates' }).click();
    await checkPage(page, problems);
    const addTerm = async (first: [string, string, string], last: [string, string, string]) => {
      await fillDate(page, 'First day of term', ...first);
      await fillDate(page, 'Last day of term', ...last);
      await page.getByRole('button', { name: 'Add term' }).click();
    };
    await addTerm(['26', '3', '2027'], ['11', '1', '2027']);
    await page.locator('.govuk-error-summary').waitFor();
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /The last day of term must be the same as or after the first day/,
    );
    await checkPage(page, problems);
    // Spring 2027 (11 weeks from Monday 11 January) only: 2027/28 has no terms, so every week still counts.
    await addTerm(['11', '1', '2027'], ['26', '3', '2027']);
    await page.locator('.govuk-notification-banner').waitFor();
    await page.goto(placementUrl);
    assert.match(
      await page.locator('main').innerText(),
      /28 days over 52 weeks; set term dates in settings to count term weeks only/,
    );
    // Autumn 2027 (15 weeks from Monday 6 September): 26 term weeks at half a day, plus the deputies' 2 days.
    await page.goto(`${t.baseUrl}/staff/settings/term-dates`);
    await addTerm(['6', '9', '2027'], ['17', '12', '2027']);
    await page.locator('.govuk-notification-banner').waitFor();
    await checkPage(page, problems);
    await page.goto(placementUrl);
    assert.match(await page.locator('main').innerText(), /15 days over 26 term weeks/);
    await context.close();
  });
});
