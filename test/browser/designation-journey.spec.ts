import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { emailsTo, openRound, REFEREES } from '../support/apply-journey.ts';
import { answerEveryRequest, applyAsSle } from '../support/apply-browser.ts';
import {
  type BrowserTest,
  checkPage,
  fillDate,
  openPage,
  signInAsStaff,
  signInOn,
  startBrowserTest,
} from '../support/browser.ts';
import { listingConsentEmails, listingTokenIn } from '../support/designation-outcomes.ts';
import { renewConsentByLink } from '../support/designation-reviews-browser.ts';
import { receiveEnquiry } from '../support/enquiries.ts';
import { addLeader } from '../support/leaders.ts';
import { makePanelInBrowser, scoreAll } from '../support/panels-browser.ts';
import { person, type Person } from '../support/people.ts';
import { openSchoolsOtherThan } from '../support/schools.ts';

const { palmerston, matthewArnold } = EXAMPLE_SCHOOLS;
const APPLICANT = { name: 'Nadia Quist', email: 'nadia.quist@palmerston.example' };
const SHOTS = '/tmp/shots';
const sle = (startDate: string) => [
  { type: 'sle' as const, status: 'designated' as const, startDate, reviewDate: null },
];

/** The page as it is at 320 CSS pixels wide (WCAG 1.4.10 reflow), saved for a person to look at. */
async function screenshotAt320(page: Page, name: string) {
  const wide = page.viewportSize();
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 320, height: 640 });
  // If the page scrolls sideways, what sticks out of it, to name in the failure: outside a table's own
  // scrolling region, or positioned so that the region does not hold it.
  const width = await page.evaluate(() => ({
    scrolls: document.documentElement.scrollWidth > window.innerWidth,
    outside: [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
      .filter((element) => !element.closest('.app-table-region') || getComputedStyle(element).position !== 'static')
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${element.textContent?.trim()}`)
      .slice(0, 5),
  }));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  if (wide) await page.setViewportSize(wide);
  assert.equal(width.scrolls, false, `${name}: the page scrolls sideways at 320px: ${width.outside.join('; ')}`);
}

describe('the whole designation process in Chromium: from /apply to a listed SLE, and the four-year review', () => {
  let t: BrowserTest;
  let coordinator: Person;
  let reference: string;
  let panelUrl: string;
  let applicationId: number;
  let leaderUrl: string;

  before(async () => {
    t = await startBrowserTest();
    coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
    // Another SLE, designated three weeks before the journey's: due for review in the same window four
    // years on and not yet overdue, so still listed and matched until the review's outcome.
    await addLeader(t, {
      name: 'Dylan Removed',
      email: 'dylan.removed@palmerston.example',
      designations: sle('2026-11-02'),
    });
  });
  after(() => t.close());

  test('an applicant applies through /apply, and both referees, the head and the chair answer by their links', async () => {
    await openRound(t, 'sle');
    reference = await applyAsSle(t, APPLICANT);
    const emails = (await emailsTo(t, APPLICANT.email)).map((email) => email.body);
    assert.ok(
      emails.some((body) => /\/apply\/resume\//.test(body)),
      'the applicant is emailed a link to come back',
    );
    assert.ok(
      emails.some((body) => body.includes(reference)),
      'the applicant is emailed their reference',
    );

    await answerEveryRequest(t, APPLICANT.name);

    const staff = await signInAsStaff(t, await t.browser.newContext(), coordinator);
    await staff.page.getByRole('link', { name: /Applications for designation/ }).click();
    await checkPage(staff.page, staff.problems);
    const row = await staff.page.locator('tr', { hasText: APPLICANT.name }).innerText();
    assert.match(row, new RegExp(reference));
    assert.match(row, /Ready for panel/i);
    await staff.page.getByRole('link', { name: APPLICANT.name }).click();
    await checkPage(staff.page, staff.problems);
    applicationId = Number(/\/staff\/applications\/(\d+)$/.exec(staff.page.url())![1]);
    await staff.page.context().close();
  });

  test('a panel of three: the member from the applicant’s school cannot score and is refused; the others score; the chair designates', async () => {
    const [elsewhere] = await openSchoolsOtherThan(t, [palmerston.urn, matthewArnold.urn]);
    const member = (name: string, schoolUrn: number) =>
      person(t, { signedIn: false, roles: ['panel-member'], name, schoolUrn });
    const chair = await member('Carol Chair', matthewArnold.urn);
    const scorer = await member('Sam Scorer', elsewhere!.urn);
    const conflicted = await member('Pat Palmerston', palmerston.urn);

    const staff = await signInAsStaff(t, await t.browser.newContext(), coordinator, '/staff/panels');
    await staff.page.getByRole('button', { name: 'Make a panel' }).click();
    await checkPage(staff.page, staff.problems);
    panelUrl = await makePanelInBrowser(staff.page, staff.problems, {
      meetsOn: ['23', '11', '2026'],
      members: [chair, scorer, conflicted],
      chair,
      application: `${reference}: ${APPLICANT.name}`,
    });
    const sheetUrl = `${panelUrl}/applications/${applicationId}`;

    // The member from the applicant's school reads the application, its references and consents, but is
    // told why they cannot score it; scores sent anyway (a form made in the page) are refused by the server.
    const pat = await signInAsStaff(t, await t.browser.newContext(), conflicted);
    await pat.page.getByRole('link', { name: /Your panels/ }).click();
    await pat.page.getByRole('link', { name: 'Monday 23 November 2026' }).click();
    await checkPage(pat.page, pat.problems);
    await pat.page.getByRole('link', { name: APPLICANT.name }).click();
    await checkPage(pat.page, pat.problems);
    const sheet = await pat.page.locator('main').innerText();
    assert.match(sheet, /They have led outstanding work with other schools\./, 'the references are on the sheet');
    assert.match(
      await pat.page.locator('#conflict').innerText(),
      /You cannot score this applicant\. You work at the applicant’s school/,
    );
    assert.equal(await pat.page.locator('form[action$="/scores"]').count(), 0);
    await screenshotAt320(pat.page, 'panel-conflicted-member');
    const criterionIds = (await t.app.services.designationRules.criteria()).sle.map((criterion) => criterion.id);
    const refused = await pat.page.evaluate(
      async ({ action, ids }) => {
        const token = document.querySelector<HTMLInputElement>('input[name="_csrf"]')!.value;
        const body = new URLSearchParams({ _csrf: token });
        for (const id of ids) body.append(`score-${id}`, '4');
        const response = await fetch(action, { method: 'POST', body, redirect: 'manual' });
        return { status: response.status, page: await response.text() };
      },
      { action: `${sheetUrl}/scores`, ids: criterionIds },
    );
    assert.equal(refused.status, 403);
    assert.match(refused.page, /You cannot score this applicant\. You work at the applicant’s school/);
    await pat.page.context().close();

    // Another member saves without scoring; the error summary's link takes the keyboard to the question.
    const sam = await signInAsStaff(t, await t.browser.newContext(), scorer);
    await sam.page.goto(sheetUrl);
    await checkPage(sam.page, sam.problems);
    await sam.page.getByRole('button', { name: 'Save scores' }).click();
    const firstError = sam.page.locator('.govuk-error-summary a').first();
    assert.equal(await firstError.innerText(), 'Score Experience');
    await checkPage(sam.page, sam.problems);
    // GOV.UK Frontend moves the focus to the summary as the page loads; Tab reaches its first link.
    assert.equal(await sam.page.evaluate(() => document.activeElement?.className), 'govuk-error-summary');
    await sam.page.keyboard.press('Tab');
    assert.equal(await sam.page.evaluate(() => document.activeElement?.textContent?.trim()), 'Score Experience');
    await sam.page.keyboard.press('Enter');
    const focused = await sam.page.evaluate(() => ({
      name: (document.activeElement as HTMLInputElement | null)?.name ?? '',
      legend: document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent?.trim(),
    }));
    assert.match(focused.name, /^score-\d+$/, 'the first radio of the question has the focus');
    assert.equal(focused.legend, 'Experience');
    await scoreAll(sam.page, '3');
    await checkPage(sam.page, sam.problems);
    assert.equal(await sam.page.locator('form[action$="/decision"]').count(), 0, 'only the chair decides');
    await sam.page.context().close();

    // The chair scores, reads the panel's scores with the conflicted member's "Does not score", and designates.
    const carol = await signInAsStaff(t, await t.browser.newContext(), chair);
    await carol.page.goto(sheetUrl);
    await scoreAll(carol.page, '4');
    await checkPage(carol.page, carol.problems);
    const firstRow = await carol.page.locator('table.app-panel-scores tbody tr').first().innerText();
    assert.match(
      firstRow,
      /Experience\s+4\s+3\s+Does not score\s+7\s+3\.5|Experience\s+4\s+Does not score\s+3\s+7\s+3\.5/,
    );
    await carol.page.getByLabel('Designated', { exact: true }).check();
    await carol.page.getByLabel('Feedback to the applicant').fill('Outstanding evidence of impact beyond your school.');
    await carol.page.getByRole('button', { name: 'Record the decision' }).click();
    await carol.page.waitForURL(/#decision$/);
    await checkPage(carol.page, carol.problems);
    assert.match(await carol.page.locator('main').innerText(), /Decision\s+Designated/);
    await screenshotAt320(carol.page, 'panel-chair-decision');
    await carol.page.context().close();

    await staff.page.goto(`${t.baseUrl}/staff/applications/${applicationId}`);
    assert.match(await staff.page.locator('main').innerText(), /Designated: Panel of Monday 23 November 2026/);
    await checkPage(staff.page, staff.problems);
    const toApplicant = (await emailsTo(t, APPLICANT.email)).map((email) => email.body);
    assert.ok(
      toApplicant.some((body) => body.includes('Outstanding evidence of impact beyond your school.')),
      'the decision, with its feedback, is emailed',
    );
    // The lower of the head's 10 days and the chair's 15 is the first year's release in the ledger.
    await staff.page.goto(`${t.baseUrl}/staff/release-ledger`);
    await checkPage(staff.page, staff.problems);
    assert.match(
      await staff.page.locator('tr', { hasText: APPLICANT.name }).innerText(),
      /Nadia Quist\s+Palmerston School\s+10 days\s+0 days\s+0 days/,
    );
    await staff.page.context().close();
  });

  test('the new SLE agrees by their emailed link to be listed, and the directory finds them; core training is recorded', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${t.baseUrl}/system-leaders?q=Quist`);
    await checkPage(page, problems);
    assert.doesNotMatch(await page.locator('main').innerText(), /Nadia Quist/, 'not listed before they answer');

    const email = (await listingConsentEmails(t)).find((sent) => sent.recipient === APPLICANT.email);
    assert.ok(email, 'the new SLE is asked by email whether they agree to be listed');
    await page.goto(`${t.baseUrl}/listing-consent?token=${listingTokenIn(email.body)}`);
    assert.equal(await page.locator('h1').innerText(), 'Do you agree to be listed in the public directory?');
    await checkPage(page, problems);
    await screenshotAt320(page, 'listing-consent');
    await page.getByLabel('Yes, list me in the directory').check();
    await page.getByRole('button', { name: 'Send answer' }).click();
    assert.match(await page.locator('.govuk-panel').innerText(), /You are listed in the directory/);
    await checkPage(page, problems);

    await page.goto(`${t.baseUrl}/system-leaders?q=Quist`);
    await checkPage(page, problems);
    await page.getByRole('link', { name: APPLICANT.name }).click();
    assert.equal(await page.locator('h1').innerText(), APPLICANT.name);
    assert.match(await page.locator('main').innerText(), /English/);
    await checkPage(page, problems);
    await context.close();

    // A school asks for help in English: matching ranks the new SLE, and says their training is due.
    const enquiry = await receiveEnquiry(t, '2026-11-23T10:30:00Z', { specialisms: ['English'] });
    const matchingUrl = `/staff/enquiries/${enquiry.reference}/matching`;
    const staff = await signInAsStaff(t, await t.browser.newContext(), coordinator, matchingUrl);
    const nadiaInMatching = staff.page.locator('.app-match', { hasText: APPLICANT.name });
    assert.match(await nadiaInMatching.innerText(), /Training due/);

    await staff.page.goto(`${t.baseUrl}/staff/leaders`);
    await staff.page.getByRole('link', { name: APPLICANT.name }).click();
    await checkPage(staff.page, staff.problems);
    leaderUrl = staff.page.url();
    assert.match(await staff.page.locator('main').innerText(), /Designated, training due/);
    await staff.page.getByRole('link', { name: 'Record core training for the SLE designation' }).click();
    await checkPage(staff.page, staff.problems);
    await fillDate(staff.page, 'When did they complete the training?', '23', '11', '2026');
    await staff.page.getByLabel('Who provided it?').fill('Liverpool Teaching School Hub');
    await staff.page.getByRole('button', { name: 'Save core training' }).click();
    await staff.page.waitForURL(leaderUrl);
    await checkPage(staff.page, staff.problems);
    const text = await staff.page.locator('main').innerText();
    assert.match(text, /Core training for Nadia Quist’s SLE designation recorded/);
    assert.doesNotMatch(text, /training due/i);
    await staff.page.goto(t.baseUrl + matchingUrl);
    await checkPage(staff.page, staff.problems);
    assert.doesNotMatch(await nadiaInMatching.innerText(), /Training due/);
    await staff.page.context().close();
  });

  test('four years on the designation is due for review; the head and chair renew consent by link; it is re-designated', async () => {
    t.clock.set('2030-10-14T09:00:00Z');
    const { page, problems } = await openPage(await t.browser.newContext());
    await signInOn(t, page, problems, coordinator);
    await page.getByRole('link', { name: /Designation reviews/ }).click();
    await checkPage(page, problems);
    const due = page.locator('table', { has: page.locator('caption', { hasText: 'Designations due for review' }) });
    assert.match(await page.locator('#due').innerText(), /\(2\)/);
    assert.match(
      await due.locator('tr', { hasText: APPLICANT.name }).innerText(),
      /SLE, since 23 November 2026\s+23 November 2030/,
    );
    assert.match(await page.locator('#overdue').innerText(), /\(0\)/);
    await screenshotAt320(page, 'designation-reviews-due');

    await page.getByRole('button', { name: `Start review of ${APPLICANT.name}’s SLE designation` }).click();
    assert.equal(await page.locator('h1').innerText(), `${APPLICANT.name}: SLE designation review`);
    await checkPage(page, problems);
    const reviewUrl = page.url();
    await page.getByLabel('Headteacher’s name').fill(REFEREES.head.name);
    await page.getByLabel('Headteacher’s email address').fill(REFEREES.head.email);
    await page.getByLabel('Chair of governors’ name').fill(REFEREES.chair.name);
    await page.getByLabel('Chair of governors’ email address').fill(REFEREES.chair.email);
    await page.getByRole('button', { name: 'Send the links' }).click();
    await page.waitForURL(/#consent$/);
    await checkPage(page, problems);

    const asked = `Can Palmerston School release ${APPLICANT.name}?`;
    await renewConsentByLink(t, REFEREES.head.email, asked, '12');
    await renewConsentByLink(t, REFEREES.chair.email, asked, '15');

    await page.goto(reviewUrl);
    assert.match(await page.locator('main').innerText(), /Both agree: 12 days a year\./);
    await checkPage(page, problems);
    await screenshotAt320(page, 'designation-review-consented');
    await page.getByLabel('Re-designated').check();
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    assert.match(
      await page.locator('.govuk-panel').innerText(),
      /Review closed: Re-designated\s+Next review 14 October 2034/,
    );
    await checkPage(page, problems);

    await page.goto(leaderUrl);
    assert.match(await page.locator('main').innerText(), /14 October 2034/);
    await checkPage(page, problems);
    // The renewed consent, the lower of the two, is this academic year's release in the ledger.
    await page.goto(`${t.baseUrl}/staff/release-ledger`);
    assert.match(await page.locator('tr', { hasText: APPLICANT.name }).innerText(), /Palmerston School\s+12 days/);
    await page.goto(`${t.baseUrl}/system-leaders?q=Quist`);
    assert.match(await page.locator('main').innerText(), /Nadia Quist/, 'still in the directory once renewed');
    await page.context().close();
  });

  test('another SLE is de-designated, and leaves the public directory and an enquiry’s matching at once', async () => {
    const enquiry = await receiveEnquiry(t, '2030-10-14T09:30:00Z');
    const { page, problems } = await openPage(await t.browser.newContext());
    await signInOn(t, page, problems, coordinator, `/staff/enquiries/${enquiry.reference}/matching`);
    assert.equal(await page.locator('h1').innerText(), 'Leaders who could help');
    assert.match(await page.locator('main').innerText(), /Dylan Removed/, 'matched before the review’s outcome');
    await page.goto(`${t.baseUrl}/system-leaders?q=Removed`);
    assert.match(await page.locator('main').innerText(), /Dylan Removed/);

    await page.goto(`${t.baseUrl}/staff/designation-reviews`);
    await page.getByRole('button', { name: 'Start review of Dylan Removed’s SLE designation' }).click();
    await checkPage(page, problems);
    await page.getByLabel('De-designated').check();
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    const summaryLink = page.locator('.govuk-error-summary a').first();
    assert.match(await summaryLink.innerText(), /^Enter the reason for de-designating them/);
    await checkPage(page, problems);
    await summaryLink.click();
    await page.keyboard.type('No longer meets the criteria for an SLE');
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    assert.match(await page.locator('.govuk-panel').innerText(), /Review closed: De-designated/);
    await checkPage(page, problems);

    await page.goto(`${t.baseUrl}/staff/enquiries/${enquiry.reference}/matching`);
    await checkPage(page, problems);
    assert.doesNotMatch(await page.locator('main').innerText(), /Dylan Removed/, 'no longer matched');
    await page.goto(`${t.baseUrl}/system-leaders?q=Removed`);
    await checkPage(page, problems);
    assert.doesNotMatch(await page.locator('main').innerText(), /Dylan Removed/, 'no longer in the directory');
    await page.goto(`${t.baseUrl}/system-leaders`);
    const directory = await page.locator('main').innerText();
    assert.match(directory, /Nadia Quist/);
    assert.doesNotMatch(directory, /Dylan Removed/);
    await page.context().close();
  });
});
