import { asc, count, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { BankHoliday } from './bank-holidays.ts';
import { bankHolidays } from './bank-holidays.tables.ts';

export async function countBankHolidays(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(bankHolidays);
  return row?.n ?? 0;
}

export async function listBankHolidays(db: Executor): Promise<BankHoliday[]> {
  return db
    .select({ date: bankHolidays.date, title: bankHolidays.title })
    .from(bankHolidays)
    .orderBy(asc(bankHolidays.date));
}

/** Adds the dates not yet known and retitles those that are; returns how many were added. */
export async function upsertBankHolidays(db: Executor, holidays: BankHoliday[]): Promise<number> {
  if (holidays.length === 0) return 0;
  const dates = holidays.map((holiday) => holiday.date);
  const known = await db
    .select({ date: bankHolidays.date })
    .from(bankHolidays)
    .where(inArray(bankHolidays.date, dates));
  await db
    .insert(bankHolidays)
    .values(holidays.map((holiday) => ({ date: holiday.date, title: holiday.title })))
    .onConflictDoUpdate({ target: bankHolidays.date, set: { title: sql`excluded.title` } });
  return new Set(dates).size - known.length;
}
