import { loadConfig } from '../config.ts';
import { openDatabase } from './database.ts';

/** `npm run db:migrate`: applies the committed migrations that have not run yet, then stops. */
const config = loadConfig();
const database = await openDatabase(
  config.databaseUrl
    ? { databaseUrl: config.databaseUrl, waitSeconds: config.databaseWaitSeconds }
    : { dataDir: config.dataDir },
);
try {
  await database.migrate();
  console.log(`Migrated ${database.kind === 'pglite' ? config.dataDir : 'the PostgreSQL database'}`);
} finally {
  await database.close();
}
