import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isCalendarDate, type CalendarDate } from './calendar-date.ts';

/**
 * GOV.UK's bank-holidays.json (https://www.gov.uk/bank-holidays.json): a division per nation, each
 * with its events. The service counts England and Wales's; the other divisions are not read.
 */
const event = z.object({
  title: z.string().trim().min(1, 'has no title').max(200, 'has a title longer than 200 characters'),
  date: z.string().refine(isCalendarDate, 'has a date that is not a real date written YYYY-MM-DD'),
  notes: z.string().optional(),
  bunting: z.boolean().optional(),
});
const bankHolidaysFile = z.object({
  'england-and-wales': z.object({
    division: z.literal('england-and-wales').optional(),
    events: z.array(event).min(1, 'has no events').max(1000, 'has more than 1,000 events'),
  }),
});

export type BankHoliday = { date: CalendarDate; title: string };

export type ParsedBankHolidays = { ok: true; holidays: BankHoliday[] } | { ok: false; message: string };

export const BANK_HOLIDAYS_FILE = path.resolve(import.meta.dirname, '../../../reference-data/bank-holidays.json');

/** The England and Wales bank holidays in a file of GOV.UK's format, or why it is not one. */
export function parseBankHolidays(text: string): ParsedBankHolidays {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return {
      ok: false,
      message: 'The file is not JSON. Download bank-holidays.json from GOV.UK and upload it as it is',
    };
  }
  const parsed = bankHolidaysFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [division, , index, key] = issue.path;
    const field = key === undefined ? '' : `${String(key)}: `;
    const problem = issue.message.startsWith('has ')
      ? issue.message
      : `is not as GOV.UK writes it (${field}${issue.message})`;
    const where =
      division !== 'england-and-wales' || issue.path.length === 1
        ? 'The file has no "england-and-wales" list of bank holidays'
        : typeof index === 'number'
          ? `Event ${index + 1} of "england-and-wales" ${problem}`
          : `The "england-and-wales" list ${problem}`;
    return { ok: false, message: where };
  }
  return {
    ok: true,
    holidays: parsed.data['england-and-wales'].events.map(({ date, title }) => ({ date, title })),
  };
}

let shipped: BankHoliday[] | undefined;

/** The list shipped in reference-data/ (2018-2028): what a new installation starts with. */
export function englandAndWalesBankHolidays(): BankHoliday[] {
  if (!shipped) {
    const parsed = parseBankHolidays(fs.readFileSync(BANK_HOLIDAYS_FILE, 'utf8'));
    if (!parsed.ok) throw new Error(`${BANK_HOLIDAYS_FILE}: ${parsed.message}`);
    shipped = parsed.holidays;
  }
  return shipped;
}
