import { parse, type HTMLElement } from 'node-html-parser';

/**
 * Pages as a person reads them, through a real HTML parser (node-html-parser): text with its entities
 * decoded, attributes as the browser would take them, elements found by CSS selector.
 */
export function page(html: string): HTMLElement {
  return parse(html);
}

/** The text of every element matching `selector`, trimmed, with runs of white space as one space. */
export function textsOf(html: string, selector: string): string[] {
  return page(html)
    .querySelectorAll(selector)
    .map((element) => element.text.replace(/\s+/g, ' ').trim());
}

/** The links matching `selector`: what each says, and where it goes. */
export function linksOf(html: string, selector: string): Array<{ text: string; href: string }> {
  return page(html)
    .querySelectorAll(selector)
    .map((link) => ({ text: link.text.replace(/\s+/g, ' ').trim(), href: link.getAttribute('href') ?? '' }));
}

/** The CSRF token of the page's forms (hidden `_csrf` field), if it has one. */
export function csrfTokenOf(html: string): string | undefined {
  return page(html).querySelector('input[name="_csrf"]')?.getAttribute('value');
}

/** The links in the GOV.UK error summary: where each message sends the person, and what it says. */
export function errorSummary(html: string): Array<{ href: string; text: string }> {
  return page(html)
    .querySelectorAll('.govuk-error-summary a')
    .map((link) => ({ href: link.getAttribute('href') ?? '', text: link.text.replace(/\s+/g, ' ').trim() }));
}

/**
 * The values a browser would send from a page's forms as they stand: text and hidden inputs, ticked
 * radios and checkboxes, selected options and textareas (the CSRF token and the layout's time-out
 * warning left out). Names that repeat (checkboxes) become arrays.
 */
export function formFields(html: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  const add = (name: string | undefined, value: string) => {
    if (!name || name === '_csrf') return;
    const existing = fields[name];
    fields[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  };
  const document = page(html);
  // The layout's time-out warning carries forms of its own (stay signed in, sign out): not the page's.
  for (const dialog of document.querySelectorAll('dialog')) dialog.remove();
  for (const input of document.querySelectorAll('input')) {
    const type = input.getAttribute('type') ?? 'text';
    if ((type === 'radio' || type === 'checkbox') && !input.hasAttribute('checked')) continue;
    add(input.getAttribute('name'), input.getAttribute('value') ?? '');
  }
  for (const select of document.querySelectorAll('select')) {
    const selected = select.querySelector('option[selected]');
    if (selected) add(select.getAttribute('name'), selected.getAttribute('value') ?? '');
  }
  for (const textarea of document.querySelectorAll('textarea')) add(textarea.getAttribute('name'), textarea.text);
  return fields;
}

/** The enquiry queue's rows as a person reads them: each enquiry's reference, the tags beside it, its coordinator. */
export function queueRows(html: string): Array<{ reference: string; tags: string[]; coordinator: string }> {
  return page(html)
    .querySelectorAll('tbody.govuk-table__body tr.govuk-table__row')
    .map((row) => {
      const cells = row.querySelectorAll('td.govuk-table__cell');
      return {
        reference: /S2S-[0-9A-Z]{4}-[0-9A-Z]{2}/.exec(row.text)?.[0] ?? '',
        tags: row.querySelectorAll('strong.govuk-tag').map((tag) => tag.text.trim()),
        coordinator: (cells.at(-1)?.text ?? '').trim(),
      };
    });
}

/** Each row of the first table matching `selector`, as the text of its cells (header rows left out). */
export function tableRows(html: string, selector: string): string[][] {
  const table = page(html).querySelector(selector);
  if (!table) return [];
  return table
    .querySelectorAll('tr')
    .map((row) => row.querySelectorAll('td').map((cell) => cell.text.replace(/\s+/g, ' ').trim()))
    .filter((cells) => cells.length > 0);
}

/** A GOV.UK summary list's rows as [key, value] text. */
export function summaryListRows(html: string): Array<[string, string]> {
  return page(html)
    .querySelectorAll('.govuk-summary-list__row')
    .map((row) => [
      (row.querySelector('.govuk-summary-list__key')?.text ?? '').replace(/\s+/g, ' ').trim(),
      (row.querySelector('.govuk-summary-list__value')?.text ?? '').replace(/\s+/g, ' ').trim(),
    ]);
}
