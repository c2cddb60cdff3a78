import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { acquireDataDirectoryLock } from './data-directory-lock.ts';
import { MIGRATIONS_FOLDER, type DatabaseHandle } from './handle.ts';
import { openPostgres, type PostgresOptions } from './postgres.ts';

export type { Database, DatabaseHandle, Executor } from './handle.ts';
export { MIGRATIONS_FOLDER } from './handle.ts';
export { DatabaseUnavailableError } from './postgres.ts';

export type DatabaseOptions = PostgresOptions | { dataDir: string } | { pglite: PGlite };

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if ('databaseUrl' in options) return openPostgres(options);
  if ('pglite' in options) return wrapPglite(options.pglite, async () => {});
  const directory = path.join(options.dataDir, 'pglite');
  fs.mkdirSync(options.dataDir, { recursive: true });
  const releaseLock = await acquireDataDirectoryLock(directory, stopOnLostLock(directory));
  try {
    const client = await PGlite.create(directory);
    return wrapPglite(client, releaseLock);
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

/**
 * Losing the data directory's lock means another process may be writing the same files: carrying on
 * would corrupt them, so the process stops at once, saying why, and its supervisor starts it again.
 */
function stopOnLostLock(directory: string): (error: Error) => void {
  return (error) => {
    console.error(
      `Lost the lock on the embedded database in ${directory} (${error.message}); stopping so that two processes never write it at once`,
    );
    process.exit(1);
  };
}

function wrapPglite(client: PGlite, releaseLock: () => Promise<void>): DatabaseHandle {
  const db = drizzle({ client, casing: 'snake_case' });
  const migrateAll = () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db,
    kind: 'pglite',
    migrate: migrateAll,
    // Only this process can open the data directory (its lock), so there is no one to take turns with.
    async migrateAndSeed(seed) {
      await migrateAll();
      return seed();
    },
    async close() {
      try {
        await client.close();
      } finally {
        await releaseLock();
      }
    },
  };
}
