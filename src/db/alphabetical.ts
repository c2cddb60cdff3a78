import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Orders text as a reader expects ("PE, Phonics, PSHE"), whatever the database's collation: PGlite
 * and a PostgreSQL created with the C locale compare bytes, which puts every capital first.
 */
export function alphabetical(column: AnyColumn | SQL): SQL {
  return sql`lower(${column}), ${column}`;
}
