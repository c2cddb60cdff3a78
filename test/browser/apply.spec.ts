import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { linkIn, linksIn, openRound, REFEREES } from '../support/apply-journey.ts';
import { type BrowserTest, checkPage, openPage, startBrowserTest } from '../support/browser.ts';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';

describe('applying for designation, and the referees and consenters answering, in Chromium', () => {
  let t: BrowserTest;
  before(async () => (t = await startBrowserTest()));
  after(() => t.close());

  test('an applicant applies without JavaScript; both referees, the head and the chair answer by their links', async () => {
    await openRound(t, 'sle');
    const applicantContext = await t.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await openPage(applicantContext);
    const next = async () => {
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await checkPage(page, problems);
    };

    await page.goto(`${t.baseUrl}/become-a-system-leader`);
    await page.getByRole('link', { name: 'Apply now' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Apply to be a system leader');
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Start now' }).click();
    await checkPage(page, problems);
    await page.getByLabel('Specialist Leader of Education (SLE)').check();
    await next();

    await page.getByLabel('Full name').fill('Nadia Quist');
    await page.getByLabel('Email address').fill('nadia.quist@palmerston.example');
    await next();

    await page.getByLabel('School name or URN').fill('Palmerston');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    if (await page.getByText('Which school do you mean?').isVisible()) {
      await checkPage(page, problems);
      await page.getByLabel('School name or URN').fill(String(EXAMPLE_SCHOOLS.palmerston.urn));
      await next();
    } else await checkPage(page, problems);
    assert.equal(await page.locator('h1').innerText(), 'Your role');

    await page.getByLabel('Higher level teaching assistant (HLTA)').check();
    await page.getByLabel('Job title').fill('HLTA');
    await page.getByLabel('Years in your current role').fill('4');
    await page.getByLabel('Years in any leadership role').fill('4');
    await next();
    assert.equal(await page.locator('h1').innerText(), 'You cannot apply');
    assert.match(await page.locator('#reason').innerText(), /Higher level teaching assistants are not eligible/);
    await page.getByRole('link', { name: 'change it' }).click();
    await checkPage(page, problems);
    await page.getByLabel('Middle leader (for example, head of department or phase leader)').check();
    await page.getByLabel('Job title').fill('Head of English');
    await page.getByLabel('Years in any leadership role').fill('one');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /must be a whole number, like 3/);
    await checkPage(page, problems);
    await page.getByLabel('Years in any leadership role').fill('5');
    await next();

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
    const fillPerson = async (legend: string, person: Record<string, string>) => {
      const group = page.getByRole('group', { name: legend });
      await group.getByLabel('Full name').fill(person.name!);
      await group.getByLabel('Email address').fill(person.email!);
      if (person.jobTitle) await group.getByLabel('Job title').fill(person.jobTitle);
      if (person.organisation) await group.getByLabel('School or organisation').fill(person.organisation);
    };
    await fillPerson('Your headteacher', REFEREES.lineManager);
    await fillPerson('A leader you have supported', REFEREES.supportedLeader);
    await next();
    await fillPerson('Your headteacher', REFEREES.head);
    await fillPerson('Your chair of governors', REFEREES.chair);
    await next();

    assert.equal(await page.locator('h1').innerText(), 'Check your answers before sending your application');
    await page.getByRole('button', { name: 'Send application' }).click();
    await checkPage(page, problems);
    const reference = await page.locator('.govuk-panel strong').innerText();
    assert.match(reference, /^SLE-/);
    await applicantContext.close();

    const answerAs = async (link: string, answer: (page: Page) => Promise<void>, done: string) => {
      const context = await t.browser.newContext();
      const visit = await openPage(context);
      await visit.page.goto(`${t.baseUrl}${link}`);
      assert.match(await visit.page.locator('h1').innerText(), /Nadia Quist/);
      await checkPage(visit.page, visit.problems);
      await answer(visit.page);
      assert.equal(await visit.page.locator('.govuk-panel__title').innerText(), done);
      await checkPage(visit.page, visit.problems);
      await context.close();
    };
    const reference_ = async (page: Page) => {
      await page.getByLabel('Your reference').fill('Nadia has led outstanding work with other schools.');
      await page.getByLabel('Yes').check();
      await page.getByRole('button', { name: 'Send my reference' }).click();
    };
    const consent = (days: string) => async (page: Page) => {
      await page.getByLabel('Yes').check();
      await page.getByLabel('How many days a year can the school release them?').fill(days);
      await page.getByRole('button', { name: 'Send my answer' }).click();
    };
    await answerAs(await linkIn(t, REFEREES.supportedLeader.email), reference_, 'Reference sent');
    await answerAs(await linkIn(t, REFEREES.chair.email), consent('15'), 'Consent recorded');
    // The head is asked twice, the reference first and then the consent, each by its own link.
    const [headReference, headConsent] = await linksIn(t, REFEREES.head.email);
    assert.ok(headReference && headConsent);
    await answerAs(headReference, reference_, 'Reference sent');
    await answerAs(headConsent, consent('10'), 'Consent recorded');
    const context = await t.browser.newContext();
    const visit = await openPage(context);
    await visit.page.goto(`${t.baseUrl}${headConsent}`);
    assert.equal(await visit.page.locator('h1').innerText(), 'This link has been used');
    await checkPage(visit.page, visit.problems);
    await context.close();
  });
});
