import pino from 'pino';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { systemClock } from '../platform/clock.ts';
import { buildServices } from '../services.ts';
import { seedDemoAgreements, seedDemoData, seedDemoEnquiries, seedDemoUsers } from './demo.ts';
import { seedDemoDesignation } from './designation-demo.ts';
import { seedReferenceData } from './reference-data.ts';

/**
 * `npm run db:seed`: migrates, then adds the register of schools and the alliance if missing, and
 * the demo leaders and staff accounts where demo data is wanted (SEED_DEMO_DATA; on by default
 * outside production).
 */
const config = loadConfig();
const database = await openDatabase(
  config.databaseUrl
    ? { databaseUrl: config.databaseUrl, waitSeconds: config.databaseWaitSeconds }
    : { dataDir: config.dataDir },
);
try {
  // Under the lock instances take at start-up, so seeding while an instance starts adds nothing twice.
  await database.migrateAndSeed(async () => {
    await seedReferenceData(database.db, { allianceSlug: config.allianceSlug, log: (message) => console.log(message) });
    if (config.seedDemoData) {
      const services = buildServices(
        { config, db: database.db, clock: systemClock, mailer: undefined },
        pino({ level: 'silent' }),
      );
      const alliance = await services.alliances.current();
      await seedDemoData(database.db, alliance.id, new Date(), (message) => console.log(message));
      await seedDemoUsers(services, database.db, (message) => console.log(message));
      await seedDemoEnquiries(services, database.db, (message) => console.log(message));
      await seedDemoAgreements(services, database.db, new Date(), (message) => console.log(message));
      await seedDemoDesignation(services, database.db, new Date(), (message) => console.log(message));
    }
  });
  console.log('Seeded');
} finally {
  await database.close();
}
