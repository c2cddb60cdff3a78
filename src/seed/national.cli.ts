import { openCommandDatabase } from './command-database.ts';
import { NATIONAL_LEADERS, seedNational } from './national.ts';

/** `npm run seed:national [-- COUNT]`: fills the configured database with a national-scale set of leaders. */
const count = Number(process.argv[2] ?? NATIONAL_LEADERS);
if (!Number.isInteger(count) || count < 1) {
  console.error('Usage: npm run seed:national [-- COUNT]');
  process.exit(2);
}
const { database, allianceId } = await openCommandDatabase();
try {
  await seedNational(database.db, allianceId, new Date(), count, console.log);
} finally {
  await database.close();
}
