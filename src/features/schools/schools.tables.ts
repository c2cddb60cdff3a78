import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const SCHOOL_LOCATION_SOURCES = ['coordinates', 'grid-reference', 'postcode', 'outcode'] as const;
export type SchoolLocationSource = (typeof SCHOOL_LOCATION_SOURCES)[number];

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
    /** WGS84, in degrees: where distances are measured from. See locationSource for how it was found. */
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    /**
     * How the latitude and longitude were found: given in the file, converted from the file's grid
     * reference (the school's site), or the centre of its postcode or, failing that, of its outcode.
     */
    locationSource: text({ enum: SCHOOL_LOCATION_SOURCES }),
    localAuthorityDistrictCode: text(),
    status: text({ enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    gender: text(),
    openDate: date({ mode: 'string' }),
    closeDate: date({ mode: 'string' }),
    trustName: text(),
    trustReference: text(),
    ofstedRating: text(),
    numberOfPupils: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('schools_name_lower').on(sql`lower(${table.name}) text_pattern_ops`),
    // Searches by distance first narrow to a box of latitudes and longitudes (see schools.distance.ts).
    index('schools_location').on(table.latitude, table.longitude),
  ],
);
