import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { CsvError } from '../../platform/csv.ts';
import { ImportFileError } from '../../platform/imports.ts';
import { findAlliance } from '../../platform/alliance/alliance.service.ts';
import { importRoster, recordRosterImport } from './roster-import.ts';

/** `npm run import:leaders -- roster.csv`: adds or updates the alliance's system leaders from a spreadsheet. */
const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run import:leaders -- FILE.csv');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(
  config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
);
try {
  await database.migrate();
  const alliance = await findAlliance(database.db, config.allianceSlug);
  if (!alliance)
    throw new Error(`No alliance "${config.allianceSlug}": start the service once, or run npm run db:seed`);
  const now = new Date();
  const report = await importRoster(database.db, alliance.id, file, now);
  await database.db.transaction((tx) =>
    recordRosterImport(tx, {
      allianceId: alliance.id,
      actorUserId: null,
      fileName: path.basename(file),
      report,
      at: now,
    }),
  );
  console.log(`Rows read: ${report.rowsRead}`);
  console.log(`Leaders added: ${report.added}, updated: ${report.updated}, unchanged: ${report.unchanged}`);
  console.log(`Rows rejected: ${report.rejected.length}`);
  for (const rejection of report.rejected) console.log(`  line ${rejection.line}: ${rejection.reason}`);
  process.exitCode = report.rejected.length > 0 ? 1 : 0;
} catch (error) {
  process.exitCode = 1;
  console.error(
    error instanceof ImportFileError || error instanceof CsvError ? `Nothing was imported: ${error.message}` : error,
  );
} finally {
  await database.close();
}
