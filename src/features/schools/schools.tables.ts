import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The register of schools in England (from Get Information About Schools), shared by every alliance.
 * Schools are never deleted: one missing from a later full import is marked closed.
 */
export const schools = pgTable(
  'schools',
  {
    urn: integer().primaryKey(),
    name: text().notNull(),
    phase: text(),
    typeOfEstablishment: text(),
    localAuthorityCode: text(),
    localAuthorityName: text(),
    postcode: text(),
    town: text(),
    easting: integer(),
    northing: integer(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    localAuthorityDistrictCode: text(),
    status: text({ enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    gender: text(),
    openDate: date({ mode: 'string' }),
    trustName: text(),
    trustReference: text(),
    ofstedRating: text(),
    numberOfPupils: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('schools_name_lower').on(sql`lower(${table.name}) text_pattern_ops`)],
);
