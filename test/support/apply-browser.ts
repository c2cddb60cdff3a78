import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { linkIn, linksIn, REFEREES } from './apply-journey.ts';
import { type BrowserTest, checkPage, openPage } from './browser.ts';

export type Applicant = { name: string; email: string };

/**
 * The pages of /apply as an applicant at Palmerston School answers them in a browser, one step a
 * page: each step leaves the next page open and checked. A spec that wanders (an ineligible answer,
 * a mistake) calls the steps one by one; `applyAsSle` runs them all.
 */
export function applicationPages(t: BrowserTest, page: Page, problems: string[]) {
  const next = async () => {
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await checkPage(page, problems);
  };
  const fillPerson = async (legend: string, person: Record<string, string>) => {
    const group = page.getByRole('group', { name: legend });
    await group.getByLabel('Full name').fill(person.name!);
    await group.getByLabel('Email address').fill(person.email!);
    if (person.jobTitle) await group.getByLabel('Job title').fill(person.jobTitle);
    if (person.organisation) await group.getByLabel('School or organisation').fill(person.organisation);
  };

  return {
    next,

    /** From the public page about becoming a system leader to the first question, choosing an SLE. */
    async start() {
      await page.goto(`${t.baseUrl}/become-a-system-leader`);
      await checkPage(page, problems);
      await page.getByRole('link', { name: 'Apply now' }).click();
      assert.equal(await page.locator('h1').innerText(), 'Apply to be a system leader');
      await checkPage(page, problems);
      await page.getByRole('button', { name: 'Start now' }).click();
      await checkPage(page, problems);
      await page.getByLabel('Specialist Leader of Education (SLE)').check();
      await next();
    },

    async yourDetails(applicant: Applicant) {
      await page.getByLabel('Full name').fill(applicant.name);
      await page.getByLabel('Email address').fill(applicant.email);
      await next();
    },

    /** Palmerston School, by name; by its URN if the name matches more than one school. */
    async school() {
      await page.getByLabel('School name or URN').fill('Palmerston');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      if (await page.getByText('Which school do you mean?').isVisible()) {
        await checkPage(page, problems);
        await page.getByLabel('School name or URN').fill(String(EXAMPLE_SCHOOLS.palmerston.urn));
        await next();
      } else await checkPage(page, problems);
      assert.equal(await page.locator('h1').innerText(), 'Your role');
    },

    /** A head of English with five years in leadership: eligible for an SLE. */
    async role() {
      await page.getByLabel('Middle leader (for example, head of department or phase leader)').check();
      await page.getByLabel('Job title').fill('Head of English');
      await page.getByLabel('Years in your current role').fill('4');
      await page.getByLabel('Years in any leadership role').fill('5');
      await next();
    },

    /** Not designated elsewhere; English in secondary; evidence against every criterion; up to the referees. */
    async specialismsAndEvidence() {
      await page.getByLabel('No').check();
      await next();
      await page.getByLabel('English', { exact: true }).check();
      await page.getByLabel('Secondary').check();
      await next();
      while ((await page.getByLabel('Your evidence').count()) > 0) {
        await page
          .getByLabel('Your evidence')
          .fill('I led our English department’s work with three schools; results rose.');
        await next();
      }
      assert.equal(await page.locator('h1').innerText(), 'Your referees');
    },

    /** REFEREES' referees, then their head and chair for consent: up to check your answers. */
    async refereesAndConsent() {
      await fillPerson('Your headteacher', REFEREES.lineManager);
      await fillPerson('A leader you have supported', REFEREES.supportedLeader);
      await next();
      await fillPerson('Your headteacher', REFEREES.head);
      await fillPerson('Your chair of governors', REFEREES.chair);
      await next();
      assert.equal(await page.locator('h1').innerText(), 'Check your answers before sending your application');
    },

    /** Sends the application from check your answers: the reference on the confirmation panel. */
    async send(): Promise<string> {
      await page.getByRole('button', { name: 'Send application' }).click();
      await checkPage(page, problems);
      assert.equal(await page.locator('.govuk-panel__title').innerText(), 'Application sent');
      const reference = await page.locator('.govuk-panel strong').innerText();
      assert.match(reference, /^SLE-/);
      return reference;
    },
  };
}

/** An SLE's application made and sent in a browser without JavaScript, every page checked: its reference. */
export async function applyAsSle(t: BrowserTest, applicant: Applicant): Promise<string> {
  const context = await t.browser.newContext({ javaScriptEnabled: false });
  try {
    const { page, problems } = await openPage(context);
    const pages = applicationPages(t, page, problems);
    await pages.start();
    await pages.yourDetails(applicant);
    await pages.school();
    await pages.role();
    await pages.specialismsAndEvidence();
    await pages.refereesAndConsent();
    return await pages.send();
  } finally {
    await context.close();
  }
}

/** A referee's answer on the page their link opened. */
export async function giveReference(page: Page): Promise<void> {
  await page.getByLabel('Your reference').fill('They have led outstanding work with other schools.');
  await page.getByLabel('Yes').check();
  await page.getByRole('button', { name: 'Send my reference' }).click();
}

/** A head's or chair's consent to release the applicant for so many days a year. */
export const giveConsent = (days: string) => async (page: Page) => {
  await page.getByLabel('Yes').check();
  await page.getByLabel('How many days a year can the school release them?').fill(days);
  await page.getByRole('button', { name: 'Send my answer' }).click();
};

/**
 * Someone emailed a link opens it in a browser of their own, reads that it is about the applicant,
 * answers, and reads the confirmation: each page checked.
 */
export async function answerByLink(
  t: BrowserTest,
  link: string,
  applicantName: string,
  answer: (page: Page) => Promise<void>,
  done: string,
): Promise<void> {
  const context = await t.browser.newContext();
  try {
    const { page, problems } = await openPage(context);
    await page.goto(`${t.baseUrl}${link}`);
    assert.match(await page.locator('h1').innerText(), new RegExp(applicantName));
    await checkPage(page, problems);
    await answer(page);
    assert.equal(await page.locator('.govuk-panel__title').innerText(), done);
    await checkPage(page, problems);
  } finally {
    await context.close();
  }
}

/**
 * Both referees and the head and chair of an SLE's application (REFEREES) answer by the links in
 * their latest emails: the head is asked twice, for the reference and then the consent, by two links.
 * The head's consent link, now used.
 */
export async function answerEveryRequest(
  t: BrowserTest,
  applicantName: string,
  days = { head: '10', chair: '15' },
): Promise<string> {
  await answerByLink(
    t,
    await linkIn(t, REFEREES.supportedLeader.email),
    applicantName,
    giveReference,
    'Reference sent',
  );
  await answerByLink(
    t,
    await linkIn(t, REFEREES.chair.email),
    applicantName,
    giveConsent(days.chair),
    'Consent recorded',
  );
  const [headReference, headConsent] = (await linksIn(t, REFEREES.head.email)).slice(-2);
  assert.ok(headReference && headConsent, 'the head has a link for the reference and one for the consent');
  await answerByLink(t, headReference, applicantName, giveReference, 'Reference sent');
  await answerByLink(t, headConsent, applicantName, giveConsent(days.head), 'Consent recorded');
  return headConsent;
}
