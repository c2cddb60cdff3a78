import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { seedReferenceData } from './reference-data.ts';

/** `npm run db:seed`: migrates, then adds the register of schools and the alliance if missing. */
const config = loadConfig();
const database = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
try {
  await database.migrate();
  await seedReferenceData(database.db, { allianceSlug: config.allianceSlug, log: (message) => console.log(message) });
  console.log('Seeded');
} finally {
  await database.close();
}
