import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { findAllianceBySlug } from '../features/alliance/alliance.repository.ts';
import { seedDemoData } from './demo.ts';
import { seedReferenceData } from './reference-data.ts';

/** `npm run db:seed`: migrates, then adds the register of schools, the alliance and (outside production) the demo data if missing. */
const config = loadConfig();
const database = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
try {
  await database.migrate();
  await seedReferenceData(database.db, { allianceSlug: config.allianceSlug, log: (message) => console.log(message) });
  const alliance = await findAllianceBySlug(database.db, config.allianceSlug);
  if (config.seedDemoData && alliance) await seedDemoData(database.db, alliance.id, new Date(), (message) => console.log(message));
  console.log('Seeded');
} finally {
  await database.close();
}
