import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';

/** The cheapest question the database can answer: it needs no table and takes no lock. */
export async function askDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
