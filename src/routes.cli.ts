import { PGlite } from '@electric-sql/pglite';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { formatRouteTable } from './platform/access.ts';
import { systemClock } from './platform/clock.ts';

/**
 * `npm run routes`: every route and who may use it, one a line (`METHOD PATH ROLES`), read from the
 * same declarations the access guard enforces. The app is built on an empty in-memory database,
 * never queried, so listing the routes touches no real data. routes.txt keeps a reviewed copy.
 */
const database = await openDatabase({ pglite: new PGlite() });
const app = await createApp({
  config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
  db: database.db,
  clock: systemClock,
  mailer: undefined,
});
try {
  await app.ready();
  process.stdout.write(formatRouteTable(app.routeSummaries));
} finally {
  await app.close();
  await database.close();
}
