import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { bulkUpsert } from '../../db/bulk.ts';
import type { Executor } from '../../db/database.ts';
import { distanceInMiles, withinMiles, type Point } from '../../platform/geography/distance.ts';
import { schools } from './schools.tables.ts';

export type SchoolRow = typeof schools.$inferSelect;
export type NewSchool = typeof schools.$inferInsert;

export async function findSchoolByUrn(db: Executor, urn: number): Promise<SchoolRow | undefined> {
  const [row] = await db.select().from(schools).where(eq(schools.urn, urn));
  return row;
}

export async function findSchoolsByUrns(db: Executor, urns: number[]): Promise<SchoolRow[]> {
  if (urns.length === 0) return [];
  return db.select().from(schools).where(inArray(schools.urn, urns));
}

/**
 * Open schools whose name, town or postcode contains every word of the query (or, for a word given as a
 * list, one of its spellings); names that start with the query first, then the nearest to `near` (the
 * alliance's own area) among those that match as well, then by name.
 */
export async function searchOpenSchools(
  db: Executor,
  words: Array<string | string[]>,
  limit: number,
  near?: Point,
): Promise<SchoolRow[]> {
  const conditions = words.map((word) =>
    or(
      ...(Array.isArray(word) ? word : [word]).flatMap((spelling) => {
        const pattern = `%${escapeLike(spelling)}%`;
        return [ilike(schools.name, pattern), ilike(schools.town, pattern), ilike(schools.postcode, pattern)];
      }),
    ),
  );
  const typed = words.map((word) => (Array.isArray(word) ? word[0]! : word));
  const startsWith = `${escapeLike(typed.join(' ').toLowerCase())}%`;
  const nearFirst = near ? [distanceInMiles(schools.latitude, schools.longitude, near)] : [];
  return db
    .select()
    .from(schools)
    .where(and(eq(schools.status, 'open'), ...conditions))
    .orderBy(sql`lower(${schools.name}) like ${startsWith} desc`, ...nearFirst, asc(schools.name), asc(schools.urn))
    .limit(limit);
}

/**
 * The distinct words of open schools' names and towns from `shortest` to `longest` letters long: what a
 * misspelt word is compared with. A few thousand words at national scale.
 */
export async function schoolNameWords(db: Executor, shortest: number, longest: number): Promise<string[]> {
  const result = await db.execute(sql`
    select distinct word from ${schools},
      regexp_split_to_table(lower(${schools.name} || ' ' || coalesce(${schools.town}, '')), '[^[:alnum:]'']+') as word
    where ${schools.status} = 'open' and length(word) between ${shortest} and ${longest}`);
  return (result as unknown as { rows: Array<{ word: string }> }).rows.map((row) => row.word);
}

/** Open schools whose name is exactly `name`, ignoring case. */
export async function findOpenSchoolsNamed(db: Executor, name: string): Promise<SchoolRow[]> {
  return db
    .select()
    .from(schools)
    .where(and(eq(schools.status, 'open'), sql`lower(${schools.name}) = ${name.toLowerCase()}`))
    .orderBy(asc(schools.urn));
}

/**
 * Adds schools and updates stored ones, writing only `columns` (TypeScript names; `urn` is always
 * written). A stored school whose columns all match is left alone, `updatedAt` included.
 */
export async function upsertSchools(db: Executor, rows: NewSchool[], columns: Array<keyof NewSchool>): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(
    bulkUpsert(schools, rows, {
      conflictKey: 'urn',
      columns: ['urn', ...columns.filter((column) => column !== 'urn')],
      alsoOnUpdate: { updatedAt: sql`now()` },
    }),
  );
}

/** Marks closed every open school whose URN is not listed; returns how many were closed. */
export async function closeSchoolsNotListed(db: Executor, listedUrns: number[]): Promise<number> {
  // An anti-join with the unnested list, which PostgreSQL runs as a hash join (0.15 s for 50,000 URNs);
  // `urn <> all(...)` would compare every school with every URN, 22,000 x 50,000 times.
  const closed = await db
    .update(schools)
    .set({ status: 'closed', updatedAt: sql`now()` })
    .where(
      and(
        eq(schools.status, 'open'),
        sql`not exists (select 1 from unnest(${sql.param(listedUrns)}::integer[]) as listed(urn) where listed.urn = ${schools.urn})`,
      ),
    )
    .returning({ urn: schools.urn });
  return closed.length;
}

export type SchoolNear = SchoolRow & { distanceInMiles: number };

/** Open schools within `miles` of a point, nearest first (then by URN, so ties keep one order). */
export async function findOpenSchoolsNear(
  db: Executor,
  point: Point,
  options: { miles: number; limit: number },
): Promise<SchoolNear[]> {
  const miles = distanceInMiles(schools.latitude, schools.longitude, point);
  const rows = await db
    .select({ school: schools, miles })
    .from(schools)
    .where(and(eq(schools.status, 'open'), withinMiles(schools.latitude, schools.longitude, point, options.miles)))
    .orderBy(miles, asc(schools.urn))
    .limit(options.limit);
  return rows.map((row) => ({ ...row.school, distanceInMiles: row.miles }));
}

export async function countSchools(db: Executor): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(schools);
  return row?.count ?? 0;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** How many open schools are not listed: what a full import of these URNs would close. */
export async function countOpenSchoolsNotListed(db: Executor, listedUrns: number[]): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(schools)
    .where(
      and(
        eq(schools.status, 'open'),
        sql`not exists (select 1 from unnest(${sql.param(listedUrns)}::integer[]) as listed(urn) where listed.urn = ${schools.urn})`,
      ),
    );
  return row?.count ?? 0;
}
