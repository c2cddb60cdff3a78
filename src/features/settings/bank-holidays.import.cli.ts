import fs from 'node:fs';
import { openCommandDatabase } from '../../seed/command-database.ts';
import { parseBankHolidays } from '../../platform/calendar/bank-holidays.ts';
import { importBankHolidays } from '../../platform/calendar/bank-holidays.service.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { systemClock } from '../../platform/clock.ts';

/**
 * `npm run import:bank-holidays -- FILE`: adds the England and Wales bank holidays in a GOV.UK
 * bank-holidays.json (https://www.gov.uk/bank-holidays.json) to those the service knows, as an
 * administrator's upload does. Exits 1 when the file cannot be imported (nothing changes), 2 on a
 * mistake in the command.
 */
const file = process.argv[2];
if (process.argv.length !== 3 || !file) {
  console.error('Usage: npm run import:bank-holidays -- FILE.json');
  process.exit(2);
}

let text: string;
try {
  text = fs.readFileSync(file, 'utf8');
} catch (error) {
  console.error(`Nothing was imported: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  process.exit(1);
}
const parsed = parseBankHolidays(text);
if (!parsed.ok) {
  console.error(`Nothing was imported: ${parsed.message}`);
  process.exit(1);
}

const { database, allianceId } = await openCommandDatabase();
try {
  const outcome = await importBankHolidays(database.db, {
    allianceId,
    actorUserId: null,
    holidays: parsed.holidays,
    at: systemClock.now(),
    source: `the command line (${file.split(/[\\/]/).at(-1)})`,
  });
  const until = outcome.lastKnown ? formatLongDate(outcome.lastKnown) : 'no date';
  console.log(
    `Read ${outcome.read} bank holidays: ${outcome.added} added. Bank holidays are now known until ${until}.`,
  );
} catch (error) {
  process.exitCode = 1;
  console.error(error);
} finally {
  await database.close();
}
