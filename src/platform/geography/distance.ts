import { and, sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * Straight-line distances in SQL, so that a search can filter and sort by distance in the database.
 * Any table with latitude and longitude columns (WGS84 degrees) can use them; for schools:
 *
 * ```ts
 * const point = await locatePlace(db, 'L17 6AU');            // or any { latitude, longitude }
 * const miles = distanceInMiles(schools.latitude, schools.longitude, point);
 * db.select({ urn: schools.urn, name: schools.name, miles })
 *   .from(schools)
 *   .where(and(eq(schools.status, 'open'), withinMiles(schools.latitude, schools.longitude, point, 5)))
 *   .orderBy(miles);
 * ```
 *
 * `withinMiles` first keeps the rows inside a box of latitudes and longitudes around the point
 * (which the index schools_location can answer), then measures only those. Rows with no position
 * have a NULL distance: `orderBy(miles)` puts them last and `withinMiles` leaves them out.
 */

/** The Earth's mean radius in miles (IUGG mean radius, 6,371.0088 km). */
export const EARTH_RADIUS_MILES = 3958.8;

/** A place in WGS84 decimal degrees. */
export type Point = { latitude: number; longitude: number };

/** A range of latitudes (south to north) and longitudes (west to east), in degrees. */
export type BoundingBox = { south: number; north: number; west: number; east: number };

/**
 * The great-circle distance in miles between each row's position and `point`, by the haversine
 * formula on a sphere of EARTH_RADIUS_MILES. On the scale of England it differs from the distance on
 * the WGS84 ellipsoid by under 0.5%.
 */
export function distanceInMiles(latitude: SQLWrapper, longitude: SQLWrapper, point: Point): SQL<number> {
  const pointLatitude = sql`${point.latitude}::double precision`;
  const pointLongitude = sql`${point.longitude}::double precision`;
  // least(1, ...) keeps rounding from taking asin past its domain for points on opposite sides of the Earth.
  return sql<number>`(${sql.raw(String(2 * EARTH_RADIUS_MILES))} * asin(least(1, sqrt(
      power(sin(radians(${latitude} - ${pointLatitude}) / 2), 2)
      + cos(radians(${pointLatitude})) * cos(radians(${latitude})) * power(sin(radians(${longitude} - ${pointLongitude}) / 2), 2)
    ))))`.mapWith(Number);
}

/**
 * The smallest box of latitudes and longitudes that holds every place within `miles` of `point`
 * (J. P. Matuschek, "Finding points within a distance of a latitude/longitude using bounding
 * coordinates"). Great Britain is far from the poles and the 180th meridian, so the box never wraps.
 */
export function boundingBox(point: Point, miles: number): BoundingBox {
  const angle = miles / EARTH_RADIUS_MILES;
  const latitudeSpan = toDegrees(angle);
  const longitudeSpan = toDegrees(Math.asin(Math.min(1, Math.sin(angle) / Math.cos(toRadians(point.latitude)))));
  return {
    south: point.latitude - latitudeSpan,
    north: point.latitude + latitudeSpan,
    west: point.longitude - longitudeSpan,
    east: point.longitude + longitudeSpan,
  };
}

/** True for rows whose position lies inside the box: a condition a (latitude, longitude) index can answer. */
export function withinBoundingBox(latitude: SQLWrapper, longitude: SQLWrapper, box: BoundingBox): SQL {
  return sql`(${latitude} between ${box.south} and ${box.north} and ${longitude} between ${box.west} and ${box.east})`;
}

/** True for rows within `miles` of `point`: the bounding box first, then the exact distance. */
export function withinMiles(latitude: SQLWrapper, longitude: SQLWrapper, point: Point, miles: number): SQL {
  return and(
    withinBoundingBox(latitude, longitude, boundingBox(point, miles)),
    sql`${distanceInMiles(latitude, longitude, point)} <= ${miles}`,
  )!;
}

function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

function toDegrees(radians: number): number {
  return (radians * 180) / Math.PI;
}
