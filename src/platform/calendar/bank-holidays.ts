import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isCalendarDate, type CalendarDate } from './calendar-date.ts';

/** gov.uk's bank-holidays.json, as shipped in reference-data/ (England and Wales, 2018-2028). */
const bankHolidaysFile = z.object({
  'england-and-wales': z.object({
    events: z.array(z.object({ title: z.string(), date: z.string().refine(isCalendarDate, 'not a date') })),
  }),
});

export type BankHoliday = { date: CalendarDate; title: string };

export const BANK_HOLIDAYS_FILE = path.resolve(import.meta.dirname, '../../../reference-data/bank-holidays.json');

let cached: BankHoliday[] | undefined;

export function englandAndWalesBankHolidays(): BankHoliday[] {
  cached ??= bankHolidaysFile.parse(JSON.parse(fs.readFileSync(BANK_HOLIDAYS_FILE, 'utf8')))['england-and-wales']
    .events;
  return cached;
}
