import { parseArgs } from 'node:util';
import { openCommandDatabase } from '../../seed/command-database.ts';
import { CsvError } from '../../platform/csv.ts';
import { describeProblems, ImportFileError } from '../../platform/imports.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import { systemClock } from '../../platform/clock.ts';
import { ImportLocks } from '../../platform/uploads/uploads.service.ts';
import { importSchoolsFromCommandLine } from './schools-register.import.ts';
import { inspectSchoolFile, type SchoolImportReport } from './schools.import.ts';

/**
 * `npm run import:schools -- FILE.csv [--full] [--close N | --yes]`: brings the register of schools up
 * to date from a GIAS edubasealldata download or the project's extract, with the upload's checks (see
 * importSchoolsFromCommandLine). Exits 1 when nothing was imported (a file that cannot be imported is
 * refused before the database is opened; closures not confirmed), 2 on a mistake in the command.
 */
const USAGE = `Usage: npm run import:schools -- FILE.csv [--full] [--close N | --yes]
  --full     mark closed every open school the file does not list (always so for a GIAS file)
  --close N  confirm that the import closes N schools: it goes ahead only if that is how many it would close
  --yes      go ahead whatever number of schools it closes`;

let file: string;
let full: boolean;
let close: number | undefined;
let yes: boolean;
try {
  const { values, positionals } = parseArgs({
    options: {
      full: { type: 'boolean', default: false },
      close: { type: 'string' },
      yes: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error('Name one file');
  if (values.close !== undefined && !/^\d+$/.test(values.close)) throw new Error('--close takes a number of schools');
  if (values.close !== undefined && values.yes) throw new Error('Give --close N or --yes, not both');
  file = positionals[0]!;
  full = values.full;
  close = values.close === undefined ? undefined : Number(values.close);
  yes = values.yes;
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

// A new installation gets its postcodes (which place schools without a grid reference) and
// alliance first, exactly as its first start would.
const { database, allianceId } = await openCommandDatabase();
try {
  console.log(`Importing ${file}: ${described}`);
  const started = Date.now();
  const outcome = await importSchoolsFromCommandLine(database.db, new ImportLocks(database.db, systemClock), {
    allianceId,
    file,
    full,
    close,
    yes,
    at: () => systemClock.now(),
  });
  process.exitCode = outcome.kind === 'imported' ? 0 : 1;
  if (outcome.kind === 'imported') console.log(summary(outcome.report, Date.now() - started));
  else if (outcome.kind === 'refused') console.error(`Nothing was imported: ${outcome.message}`);
  else if (outcome.kind === 'needs-confirmation') {
    const count = outcome.closes.toLocaleString('en-GB');
    console.error(
      `Nothing was imported: this import would mark closed ${count} open schools the file does not list.\n` +
        `If that is right, run it again with --close ${outcome.closes} (or --yes).` +
        (close === undefined ? '' : ` You gave --close ${close}.`),
    );
  } else {
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
