import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { findAlliance } from '../platform/alliance/alliance.service.ts';
import { NATIONAL_LEADERS, seedNational } from './national.ts';
import { seedReferenceData } from './reference-data.ts';

/** `npm run seed:national [-- COUNT]`: fills the configured database with a national-scale set of leaders. */
const count = Number(process.argv[2] ?? NATIONAL_LEADERS);
if (!Number.isInteger(count) || count < 1) {
  console.error('Usage: npm run seed:national [-- COUNT]');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase(
  config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
);
try {
  await database.migrate();
  await seedReferenceData(database.db, { allianceSlug: config.allianceSlug, log: console.log });
  const alliance = await findAlliance(database.db, config.allianceSlug);
  await seedNational(database.db, alliance!.id, new Date(), count, console.log);
} finally {
  await database.close();
}
