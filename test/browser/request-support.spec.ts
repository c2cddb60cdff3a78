import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { EXAMPLE_ENQUIRIES } from '../../src/seed/examples.ts';
import { checkPage, openPage, startBrowserTest, type BrowserTest } from '../support/browser.ts';

const example = EXAMPLE_ENQUIRIES.banksRoadMaths;

/** Everything but the school, as a person fills it in: by label, as a screen reader user would find it. */
async function fillInTheRest(page: Page): Promise<void> {
  await page.getByLabel('Full name').fill(example.contactName);
  await page.getByLabel('Your role').fill(example.contactRole);
  await page.getByLabel('Email address').fill(example.contactEmail);
  await page.getByLabel('Telephone number').fill(example.contactPhone);
  await page.getByLabel('A Specialist Leader of Education (SLE) in a specialism').check();
  await page.getByLabel('Maths').check();
  await page.getByLabel('Assessment').check();
  await page.getByLabel('What does your school need support with?').fill(example.need);
  await page.getByLabel('This term').check();
  await page.getByLabel('Another school').check();
}

async function expectConfirmation(page: Page): Promise<string> {
  await page.waitForURL('**/request-support/sent');
  assert.equal(await page.locator('h1').innerText(), 'Request sent');
  const panel = await page.locator('.govuk-panel').innerText();
  const reference = /S2S-[0-9A-Z]{4}-[0-9A-Z]{2}/.exec(panel)?.[0];
  assert.ok(reference, 'the panel shows the reference');
  // The test clock stands at 10:00 on Monday 23 November 2026.
  assert.match(await page.locator('main').innerText(), /We will be in touch by the end of Wednesday 25 November 2026/);
  return reference;
}

describe('requesting support in Chromium', () => {
  let t: BrowserTest;
  before(async () => (t = await startBrowserTest()));
  after(() => t.close());

  test('with JavaScript: the school type-ahead, then a confirmation with the reference and date', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + '/request-support');
    await checkPage(page, problems);

    const school = page.getByLabel('School name or URN');
    await school.pressSequentially('Banks Road', { delay: 20 });
    const option = page.getByRole('option', { name: /Banks Road Primary School, Liverpool L19 8JZ \(URN 104516\)/ });
    await option.waitFor();
    await checkPage(page, problems);
    await option.click();
    assert.equal(await school.inputValue(), 'Banks Road Primary School, Liverpool L19 8JZ (URN 104516)');

    await fillInTheRest(page);
    await page.getByRole('button', { name: 'Send request' }).click();
    const reference = await expectConfirmation(page);
    await checkPage(page, problems);

    const stored = await t.app.services.enquiries.findByReference(reference);
    assert.equal(stored?.schoolUrn, 104516);
    await context.close();
  });

  test('with JavaScript: errors are summarised, focused, linked to their fields, and the answers kept', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + '/request-support');
    await page.getByLabel('Full name').fill('Priya Shah');
    await page.getByRole('button', { name: 'Send request' }).click();

    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')),
      true,
      'the summary takes focus',
    );
    assert.equal(await page.getByLabel('Full name').inputValue(), 'Priya Shah');
    await checkPage(page, problems);

    await summary.getByRole('link', { name: 'Enter your role, for example Headteacher' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'contactRole');
    await context.close();
  });

  test('with JavaScript: the type-ahead keeps its hint, error and instructions, and says to enter the URN', async () => {
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + '/request-support');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.locator('.govuk-error-summary').waitFor();

    const school = page.getByLabel('School name or URN');
    const describedBy = async () => (await school.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const textOf = (ids: string[]) =>
      page.evaluate((list) => list.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' '), ids);
    // Before a key is pressed: the hint, the error and the component's keyboard instructions.
    assert.deepEqual(await describedBy(), ['school-hint', 'school-error', 'school__assistiveHint']);
    assert.match(await textOf(await describedBy()), /Start typing the name.*Error: Enter your school’s name or URN/s);
    assert.match(await textOf(['school__assistiveHint']), /use up and down arrows/);
    await checkPage(page, problems);

    await school.pressSequentially('Zzyzx Academy', { delay: 20 });
    const noMatch = page.getByRole('option', { name: /No open school matches/ });
    await noMatch.waitFor();
    assert.match(await noMatch.innerText(), /enter the 6-digit URN/);
    // The live region a screen reader hears says the same, not "No search results".
    await page.waitForFunction(() =>
      /enter the 6-digit URN/.test(document.querySelector('.autocomplete__status')?.textContent ?? ''),
    );
    assert.deepEqual(await describedBy(), ['school-hint', 'school-error'], 'the hint and error stay after typing');

    // The red border of a field in error, as on every other input (not while focused: GOV.UK shows black then).
    await page.getByLabel('Full name').focus();
    assert.match((await school.getAttribute('class')) ?? '', /govuk-input--error/);
    assert.equal(await school.evaluate((element) => getComputedStyle(element).borderTopColor), 'rgb(202, 53, 53)');
    await checkPage(page, problems);

    await school.fill('');
    await school.focus();
    await page.waitForFunction(() =>
      document.getElementById('school')?.getAttribute('aria-describedby')?.includes('school__assistiveHint'),
    );
    assert.deepEqual(await describedBy(), ['school-hint', 'school-error', 'school__assistiveHint']);
    await context.close();
  });

  test('without JavaScript: a school name matching several schools becomes a choice, and the request is sent', async () => {
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await openPage(context);
    await page.goto(t.baseUrl + '/request-support');
    await checkPage(page, problems);

    await page.getByLabel('School name or URN').fill('Booker Avenue');
    await fillInTheRest(page);
    await page.getByRole('button', { name: 'Send request' }).click();

    await page.locator('.govuk-error-summary').waitFor();
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /More than one school matches ‘Booker Avenue’/,
    );
    assert.equal(await page.getByLabel('Full name').inputValue(), example.contactName, 'answers are kept');
    assert.equal(await page.getByLabel('Maths').isChecked(), true);
    await checkPage(page, problems);

    await page.getByLabel('Booker Avenue Junior School').check();
    await page.getByRole('button', { name: 'Send request' }).click();
    const reference = await expectConfirmation(page);
    await checkPage(page, problems);
    assert.equal((await t.app.services.enquiries.findByReference(reference))?.schoolUrn, 104522);
    await context.close();
  });

  test('without JavaScript: the whole form can be completed with the keyboard alone', async () => {
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    const { page } = await openPage(context);
    await page.goto(t.baseUrl + '/request-support');
    await page.getByLabel('School name or URN').focus();
    await page.keyboard.type('104748');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Sam Jones');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Headteacher');
    await page.keyboard.press('Tab');
    await page.keyboard.type('sam@palmerston.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0151 428 2128');
    // Past the links to the SLE and LLE pages in the question's hint, Tab reaches the radios; arrow
    // keys move between the options and select them.
    const focusedName = () =>
      page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.textContent?.trim());
    assert.equal(await (await page.keyboard.press('Tab'), focusedName()), 'SLE');
    assert.equal(await (await page.keyboard.press('Tab'), focusedName()), 'LLE');
    assert.equal(await (await page.keyboard.press('Tab'), focusedName()), 'supportType');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByLabel('A Local Leader of Education (LLE) for the headteacher').isChecked(), true);
    await page.getByLabel('What does your school need support with?').focus();
    await page.keyboard.type('Coaching for our headteacher in her first year.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    assert.equal(await page.getByLabel('As soon as possible').isChecked(), true);
    await page.getByRole('button', { name: 'Send request' }).focus();
    await page.keyboard.press('Enter');
    await expectConfirmation(page);
    await context.close();
  });
});
