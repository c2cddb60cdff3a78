import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { describeProblems, describeProgress, ImportFileError } from '../../platform/imports.ts';
import { importPostcodes, inspectPostcodeFile } from './postcodes.import.ts';

/**
 * `npm run import:postcodes -- FILE.csv[.gz]`: loads a file of postcodes or outcodes (see
 * importPostcodes) into the database the configuration names. Exits 1 when the file cannot be read.
 */
const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error(
    'Usage: npm run import:postcodes -- FILE.csv[.gz]   (postcode,outcode,lad_code,easting,northing,lat,lng)',
  );
  process.exit(2);
}

try {
  await inspectPostcodeFile(file);
} catch (error) {
  console.error(error instanceof ImportFileError ? error.message : error);
  process.exit(1);
}

const config = loadConfig();
const database = await openDatabase(
  config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
);
try {
  await database.migrate();
  const started = Date.now();
  const report = await importPostcodes(database.db, file, (progress) => console.error(describeProgress(progress)));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const count = (value: number) => value.toLocaleString('en-GB');
  console.log(
    `Read ${count(report.read)} ${report.kind} rows in ${seconds} s: ${count(report.written)} added or changed, ${count(report.unchanged)} unchanged, ${count(report.rejected.length)} rejected`,
  );
  if (report.rejected.length > 0) console.log(['Rejected:', ...describeProblems(report.rejected)].join('\n'));
} catch (error) {
  process.exitCode = 1;
  console.error(error instanceof ImportFileError ? error.message : error);
} finally {
  await database.close();
}
