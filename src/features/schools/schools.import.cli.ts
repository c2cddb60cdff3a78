import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { CsvError } from '../../platform/csv.ts';
import { describeProblems, describeProgress, ImportFileError } from '../../platform/imports.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import { systemClock } from '../../platform/clock.ts';
import { seedReferenceData } from '../../seed/reference-data.ts';
import { ImportLocks } from '../../platform/uploads/uploads.service.ts';
import { SCHOOLS_IMPORT_LOCK } from './schools-upload.service.ts';
import { importSchools, inspectSchoolFile, type SchoolImportReport } from './schools.import.ts';

/**
 * `npm run import:schools -- FILE.csv [--full]`: brings the register of schools up to date from a GIAS
 * edubasealldata download or the project's extract (see importSchools). Exits 1 when the file cannot
 * be imported (it is checked before the database is opened), 2 on a mistake in the command.
 */
const USAGE =
  'Usage: npm run import:schools -- FILE.csv [--full]\n  --full  mark closed every open school the file does not list (always so for a GIAS file)';

let file: string;
let full: boolean;
try {
  const { values, positionals } = parseArgs({
    options: { full: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error('Name one file');
  file = positionals[0]!;
  full = values.full;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

let described: string;
try {
  const { format, encoding } = await inspectSchoolFile(file);
  const closes = full || format.listsEverySchool ? '; schools it does not list will be marked closed' : '';
  described = `${format.label} in ${encoding}${closes}`;
} catch (error) {
  console.error(error instanceof ImportFileError ? error.message : error);
  process.exit(1);
}

const config = loadConfig();
const database = await openDatabase(
  config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
);
try {
  // A new installation gets its postcodes (which place schools without a grid reference) and
  // alliance first, exactly as its first start would.
  await database.migrate();
  await seedReferenceData(database.db, { allianceSlug: config.allianceSlug, log: (message) => console.log(message) });
  console.log(`Importing ${file}: ${described}`);
  const started = Date.now();
  const locks = new ImportLocks(database.db, systemClock);
  const outcome = await locks.runExclusive(SCHOOLS_IMPORT_LOCK, null, () =>
    importSchools(database.db, file, { full }, (progress) => console.error(describeProgress(progress))),
  );
  if (outcome.ok) console.log(summary(outcome.value, Date.now() - started));
  else {
    process.exitCode = 1;
    const by = outcome.busy.userName ? `by ${outcome.busy.userName}` : 'from the command line';
    console.error(
      `Nothing was imported: another import of schools is running (started ${by} at ${formatLondonDateTime(outcome.busy.since)}). Try again when it has finished.`,
    );
  }
} catch (error) {
  process.exitCode = 1;
  console.error(
    error instanceof ImportFileError || error instanceof CsvError ? `Nothing was imported: ${error.message}` : error,
  );
} finally {
  await database.close();
}

function summary(report: SchoolImportReport, milliseconds: number): string {
  const count = (value: number) => value.toLocaleString('en-GB');
  const closed = report.full ? `; ${count(report.closed)} schools not in the file marked closed` : '';
  const lines = [
    `Read ${count(report.read)} rows in ${(milliseconds / 1000).toFixed(1)} s: ${count(report.added)} added, ${count(report.changed)} changed, ` +
      `${count(report.unchanged)} unchanged, ${count(report.rejected.length)} rejected${closed}`,
  ];
  if (report.rejected.length > 0) lines.push('Rejected (not imported):', ...describeProblems(report.rejected));
  if (report.unlocated.length > 0)
    lines.push(
      'Imported with no position (distance searches will not find them):',
      ...describeProblems(report.unlocated),
    );
  return lines.join('\n');
}
