import { doublePrecision, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Where each postcode in England is (ONS postcode directory), shared by every alliance. It places a
 * school that has no coordinates of its own, and turns a postcode a person types into a point.
 * The shipped file covers Merseyside and Halton; `npm run import:postcodes` loads any other.
 */
export const postcodes = pgTable('postcodes', {
  /** Upper case, one space before the inward code: "L17 6AU". */
  postcode: text().primaryKey(),
  outcode: text().notNull(),
  localAuthorityDistrictCode: text(),
  easting: integer(),
  northing: integer(),
  latitude: doublePrecision().notNull(),
  longitude: doublePrecision().notNull(),
});

/** The centre (mean position) of each postcode district's postcodes: "L17". */
export const outcodes = pgTable('outcodes', {
  outcode: text().primaryKey(),
  latitude: doublePrecision().notNull(),
  longitude: doublePrecision().notNull(),
  easting: integer(),
  northing: integer(),
  postcodeCount: integer(),
  /** The local authority district most of its postcodes are in. */
  mainLocalAuthorityDistrictCode: text(),
});
