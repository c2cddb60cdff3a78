import { eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { bulkUpsert, executeRows } from '../../db/bulk.ts';
import { outcodes, postcodes } from './postcodes.tables.ts';

export type PostcodeRow = typeof postcodes.$inferSelect;
export type OutcodeRow = typeof outcodes.$inferSelect;

const POSTCODE_COLUMNS = Object.keys(getTableColumns(postcodes));
const OUTCODE_COLUMNS = Object.keys(getTableColumns(outcodes));

/** Adds new postcodes and updates moved ones; returns how many rows were written (unchanged ones are not). */
export async function upsertPostcodes(db: Executor, rows: PostcodeRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const upsert = bulkUpsert(postcodes, rows, { conflictKey: 'postcode', columns: POSTCODE_COLUMNS });
  return (await executeRows(db, sql`${upsert} returning 1`)).length;
}

/** Adds new outcodes and updates changed ones; returns how many rows were written. */
export async function upsertOutcodes(db: Executor, rows: OutcodeRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const upsert = bulkUpsert(outcodes, rows, { conflictKey: 'outcode', columns: OUTCODE_COLUMNS });
  return (await executeRows(db, sql`${upsert} returning 1`)).length;
}

export async function findPostcode(db: Executor, postcode: string): Promise<PostcodeRow | undefined> {
  const [row] = await db.select().from(postcodes).where(eq(postcodes.postcode, postcode));
  return row;
}

export async function findPostcodes(db: Executor, list: string[]): Promise<PostcodeRow[]> {
  if (list.length === 0) return [];
  return db.select().from(postcodes).where(inArray(postcodes.postcode, list));
}

export async function findOutcode(db: Executor, outcode: string): Promise<OutcodeRow | undefined> {
  const [row] = await db.select().from(outcodes).where(eq(outcodes.outcode, outcode));
  return row;
}

export async function findOutcodes(db: Executor, list: string[]): Promise<OutcodeRow[]> {
  if (list.length === 0) return [];
  return db.select().from(outcodes).where(inArray(outcodes.outcode, list));
}

export async function countPostcodes(db: Executor): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(postcodes);
  return row?.count ?? 0;
}

export async function countOutcodes(db: Executor): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(outcodes);
  return row?.count ?? 0;
}
