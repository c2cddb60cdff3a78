import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { findAlliance } from '../platform/alliance/alliance.service.ts';
import { seedReferenceData } from './reference-data.ts';

/**
 * The database a command-line tool works on, as the service's first start would leave it: migrated,
 * with its reference data (postcodes, bank holidays) and the alliance. The caller closes it.
 */
export async function openCommandDatabase(): Promise<{ config: Config; database: DatabaseHandle; allianceId: number }> {
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  try {
    await database.migrate();
    await seedReferenceData(database.db, { allianceSlug: config.allianceSlug, log: (message) => console.log(message) });
    const alliance = await findAlliance(database.db, config.allianceSlug);
    if (!alliance) throw new Error(`There is no alliance ${config.allianceSlug}`);
    return { config, database, allianceId: alliance.id };
  } catch (error) {
    await database.close();
    throw error;
  }
}
