import type { Page } from 'playwright-core';
import { checkPage, fillDate } from './browser.ts';
import type { Person } from './people.ts';

/**
 * On the coordinator's new-panel form: the date it meets, for applications; then, on the panel's page,
 * its members, its chair and the application (as the select names it, "SLE-…: Name"). The panel's URL.
 */
export async function makePanelInBrowser(
  page: Page,
  problems: string[],
  panel: { meetsOn: [day: string, month: string, year: string]; members: Person[]; chair: Person; application: string },
): Promise<string> {
  await fillDate(page, 'When does the panel meet?', ...panel.meetsOn);
  await page.getByLabel('Applications for designation').check();
  await page.getByRole('button', { name: 'Make panel' }).click();
  await page.waitForURL(/\/staff\/panels\/\d+$/);
  await checkPage(page, problems);
  for (const member of panel.members) {
    await page.getByLabel('Add a member').selectOption({ label: member.name });
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.waitForURL(/#members$/);
  }
  await page.getByLabel('Chair').selectOption({ label: panel.chair.name });
  await page.getByRole('button', { name: 'Choose chair' }).click();
  await page.waitForURL(/#chair$/);
  await page.getByLabel('Add an application ready for a panel').selectOption({ label: panel.application });
  await page.getByRole('button', { name: 'Add to panel' }).click();
  await page.waitForURL(/#applications$/);
  await checkPage(page, problems);
  return page.url().replace(/#.*$/, '');
}

/** Scores every criterion on the open score sheet the same, saves, and waits for the saved sheet. */
export async function scoreAll(page: Page, score: string): Promise<void> {
  for (const radio of await page.locator(`form[action$="/scores"] input[type="radio"][value="${score}"]`).all())
    await radio.check();
  await page.getByRole('button', { name: 'Save scores' }).click();
  await page.waitForURL(/#scores$/);
}
