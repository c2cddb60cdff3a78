import { date, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * England and Wales bank holidays, one installation's for every alliance. Kept in the database, not
 * only in the shipped file, so an administrator can bring them up to date when GOV.UK announces more
 * (the shipped list ends in December 2028) without a new release.
 */
export const bankHolidays = pgTable('bank_holidays', {
  date: date({ mode: 'string' }).primaryKey(),
  title: text().notNull(),
  division: text().notNull().default('england-and-wales'),
});
