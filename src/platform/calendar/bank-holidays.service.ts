import type { Database, Executor } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { CalendarDate } from './calendar-date.ts';
import { englandAndWalesBankHolidays, type BankHoliday } from './bank-holidays.ts';
import { countBankHolidays, listBankHolidays, upsertBankHolidays } from './bank-holidays.repository.ts';

export type BankHolidayImport = { added: number; read: number; lastKnown: CalendarDate | undefined };

/** Every bank holiday the installation knows, in date order. */
export function knownBankHolidays(db: Executor): Promise<BankHoliday[]> {
  return listBankHolidays(db);
}

/** A new installation (or test database) starts with the shipped list; a filled table is left alone. */
export async function seedBankHolidays(db: Executor): Promise<number> {
  if ((await countBankHolidays(db)) > 0) return 0;
  return upsertBankHolidays(db, englandAndWalesBankHolidays());
}

/**
 * Adds (or retitles) the holidays in one transaction with one event on the alliance's record, so the
 * settings page's history says who brought the list up to date, and when.
 */
export async function importBankHolidays(
  db: Database,
  entry: { allianceId: number; actorUserId: number | null; holidays: BankHoliday[]; at: Date; source: string },
): Promise<BankHolidayImport> {
  return db.transaction(async (tx) => {
    const added = await upsertBankHolidays(tx, entry.holidays);
    const lastKnown = (await listBankHolidays(tx)).at(-1)?.date;
    await recordAudit(tx, {
      allianceId: entry.allianceId,
      actorUserId: entry.actorUserId,
      entityType: 'alliance',
      entityId: entry.allianceId,
      action: 'bank-holidays-imported',
      after: { bankHolidays: `${added} added from ${entry.source}; known until ${lastKnown ?? 'none'}` },
      at: entry.at,
    });
    return { added, read: entry.holidays.length, lastKnown };
  });
}
