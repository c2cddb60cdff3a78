import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { findLeaderRowByEmail } from '../../src/features/leaders/leaders.repository.ts';
import { seedDemoData } from '../../src/seed/demo.ts';
import { EXAMPLE_LEADERS } from '../../src/seed/examples.ts';
import { type BrowserTest, checkPage, openPage, signInOn, startBrowserTest } from '../support/browser.ts';
import { linkUserToLeader } from '../support/leaders.ts';
import { person } from '../support/people.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

describe('keeping the register of leaders and schools in Chromium', () => {
  let t: BrowserTest;
  let allianceId: number;
  before(async () => {
    t = await startBrowserTest();
    allianceId = (await t.app.services.alliances.current()).id;
    await seedDemoData(t.database.db, allianceId, t.clock.now());
  });
  after(() => t.close());

  test('a coordinator finds a leader, changes their specialisms and listing, and adds a designation', async () => {
    const coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, coordinator);
    await page.getByRole('link', { name: /Keep the register of system leaders/ }).click();
    assert.equal(await page.locator('h1').innerText(), 'System leaders');
    await checkPage(page, problems);

    await page.getByLabel('Search').fill('carys');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/q=carys/);
    assert.equal(await page.locator('#results-heading').innerText(), '1 leader match');
    await checkPage(page, problems);
    await page.getByRole('link', { name: 'Carys Jones' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Carys Jones');
    await checkPage(page, problems);

    await page.getByRole('link', { name: 'Change details of Carys Jones' }).click();
    await checkPage(page, problems);
    await page.getByLabel('Full name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);
    await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter the leader’s name' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'name');

    await page.getByLabel('Full name').fill('Carys Jones');
    await page.getByLabel('Phonics').check();
    await page.getByLabel('Yes', { exact: true }).check();
    const consent = page.getByRole('group', { name: 'If they agreed, on what date?' });
    await consent.getByLabel('Day').fill('20');
    await consent.getByLabel('Month').fill('11');
    await consent.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Changes to Carys Jones saved/);
    assert.match(
      await page.locator('table.app-audit-trail').innerText(),
      /Specialisms: from ‘Early Years, Language and Communication’ to ‘Early Years, Language and Communication, Phonics’/,
    );
    await checkPage(page, problems);

    await page.getByRole('button', { name: 'Add a designation' }).click();
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Save designation' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);
    await page.getByLabel('LLE: Local Leader of Education').check();
    await page.getByLabel('Designated', { exact: true }).check();
    await page.getByRole('group', { name: 'Start date' }).getByLabel('Day').fill('6');
    await page.getByRole('group', { name: 'Start date' }).getByLabel('Month').fill('1');
    await page.getByRole('group', { name: 'Start date' }).getByLabel('Year').fill('2025');
    await page.getByRole('button', { name: 'Save designation' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(
      await page.locator('main').innerText(),
      /Local Leader of Education \(LLE\)[\s\S]*Start date\s+6 January 2025/,
    );
    await checkPage(page, problems);

    // Listed now, so the public directory shows them at once, with the new specialism.
    await page.getByRole('link', { name: 'See their public profile' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Carys Jones');
    assert.match(await page.locator('main').innerText(), /Phonics/);
    await checkPage(page, problems);
    await context.close();
  });

  test('without JavaScript: a leader’s home school typed in part is chosen from the schools that match', async () => {
    const coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
    const context = await t.browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, coordinator, '/staff/leaders/add');
    await page.getByLabel('Full name').fill('Tomos Price');
    await page.getByLabel('Email address').fill('t.price@booker.example');
    await page.getByLabel('Home school').fill('Booker Avenue');
    await page.getByLabel('No', { exact: true }).check();
    await page.getByLabel('SLE: Specialist Leader of Education').check();
    await page.getByLabel('Applicant').check();
    await page.getByRole('group', { name: 'Start date' }).getByLabel('Day').fill('1');
    await page.getByRole('group', { name: 'Start date' }).getByLabel('Month').fill('9');
    await page.getByRole('group', { name: 'Start date' }).getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Add leader' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    assert.match(
      await page.locator('.govuk-error-summary').innerText(),
      /More than one school matches ‘Booker Avenue’/,
    );
    await checkPage(page, problems);
    await page.getByLabel('Booker Avenue Junior School').check();
    await page.getByRole('button', { name: 'Add leader' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Tomos Price');
    assert.match(await page.locator('main').innerText(), /Booker Avenue Junior School, Liverpool \(URN 104522\)/);
    await checkPage(page, problems);
    await context.close();
  });

  test('a coordinator uploads a roster and reads the report', async () => {
    const coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, coordinator);
    await page.getByRole('link', { name: 'Upload a roster of system leaders' }).click();
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select a CSV file of system leaders/);
    await checkPage(page, problems);

    await page.getByLabel('Roster file (CSV)').setInputFiles(path.join(FIXTURES, 'roster.csv'));
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.waitForURL(/\/staff\/leaders\/roster\/\d+$/);
    assert.equal(await page.locator('h1').innerText(), 'Roster imported');
    const report = await page.locator('main').innerText();
    assert.match(report, /Rows read\s+9/);
    assert.match(report, /Rows rejected\s+5/);
    assert.match(
      await page.getByRole('table', { name: 'Rows not imported, with the reason' }).innerText(),
      /5\s+No school has the URN 999999[\s\S]*9\s+Unknown specialism: Juggling/,
    );
    await checkPage(page, problems);
    await page.getByRole('link', { name: 'Upload another roster' }).click();
    assert.match(await page.locator('main').innerText(), /Earlier uploads[\s\S]*roster\.csv/);
    await checkPage(page, problems);
    await context.close();
  });

  test('a system leader changes their own profile', async () => {
    const amira = await findLeaderRowByEmail(t.database.db, allianceId, EXAMPLE_LEADERS.amiraHussain.email);
    const leader = await person(t, { signedIn: false, roles: ['system-leader'], name: 'Amira Hussain' });
    await linkUserToLeader(t, leader.id, amira!.id);
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, leader);
    await page.getByRole('link', { name: 'Update your profile in the public directory' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Your profile in the directory');
    await checkPage(page, problems);

    await page.getByLabel('About you').fill('x'.repeat(1501));
    await page.getByRole('button', { name: 'Save your profile' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);

    await page
      .getByLabel('About you')
      .fill('I help special schools build assessment that shows small steps of progress.');
    await page.getByLabel('Secondary').check();
    await page.getByRole('button', { name: 'Save your profile' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your profile is saved/);
    await checkPage(page, problems);
    await page.getByRole('link', { name: 'See your public profile' }).click();
    assert.match(await page.locator('main').innerText(), /small steps of progress[\s\S]*Secondary/);
    await context.close();
  });

  test('an administrator checks a file of schools, sees the closures it would make, and imports an update', async () => {
    const admin = await person(t, { signedIn: false, roles: ['administrator'] });
    const context = await t.browser.newContext();
    const { page, problems } = await openPage(context);
    await signInOn(t, page, problems, admin);
    await page.getByRole('link', { name: 'Update the register of schools from Get Information About Schools' }).click();
    await checkPage(page, problems);

    await page.getByLabel('Register file (CSV)').setInputFiles(path.join(FIXTURES, 'gias-edubasealldata.csv'));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.waitForURL(/\/staff\/schools\/import\/check/);
    assert.match(
      await page.locator('.govuk-warning-text').innerText(),
      /This will close [\d,]+ schools not in the file\./,
    );
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.govuk-notification-banner').waitFor();
    assert.match(
      await page.locator('.govuk-notification-banner').innerText(),
      /Cancelled: the register was not changed/,
    );

    await page.getByLabel('Register file (CSV)').setInputFiles(path.join(FIXTURES, 'schools-extract.csv'));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.waitForURL(/\/staff\/schools\/import\/check/);
    await checkPage(page, problems);
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.waitForURL(/\/staff\/schools\/imports\/\d+$/);
    assert.match(await page.locator('main').innerText(), /Schools added\s+4[\s\S]*Rows rejected\s+5/);
    await checkPage(page, problems);
    await context.close();
  });
});
