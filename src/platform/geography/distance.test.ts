import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/database.ts';
import { freshTestDatabase } from '../../../test/support/test-database.ts';
import { boundingBox, distanceInMiles, EARTH_RADIUS_MILES, type Point } from './distance.ts';
import { findOpenSchoolsNear } from '../../features/schools/schools.repository.ts';
import { schools } from '../../features/schools/schools.tables.ts';

// Both in south Liverpool, placed (as the shipped register places every school) at their postcodes' centres.
const PALMERSTON = { urn: 104748, latitude: 53.367117, longitude: -2.929299, easting: 338261, northing: 385986 };
const BANKS_ROAD = { urn: 104516, latitude: 53.347754, longitude: -2.890527, easting: 340814, northing: 383799 };

const METRES_PER_MILE = 1609.344;
const radians = (degrees: number) => (degrees * Math.PI) / 180;
const degrees = (angle: number) => (angle * 180) / Math.PI;

/** The spherical law of cosines: the same sphere as the SQL, by a different formula. */
function milesByLawOfCosines(a: Point, b: Point): number {
  const [φ1, φ2, Δλ] = [radians(a.latitude), radians(b.latitude), radians(b.longitude - a.longitude)];
  return (
    EARTH_RADIUS_MILES *
    Math.acos(Math.min(1, Math.sin(φ1) * Math.sin(φ2) + Math.cos(φ1) * Math.cos(φ2) * Math.cos(Δλ)))
  );
}

/** Where you arrive going `miles` from `start` on an initial bearing (degrees from north), on the same sphere. */
function destination(start: Point, bearing: number, miles: number): Point {
  const δ = miles / EARTH_RADIUS_MILES;
  const [φ1, λ1, θ] = [radians(start.latitude), radians(start.longitude), radians(bearing)];
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return { latitude: degrees(φ2), longitude: degrees(λ2) };
}

describe('distances in SQL', () => {
  let database: DatabaseHandle;
  before(async () => (database = await freshTestDatabase()));
  after(() => database.close());

  test('measures the miles between Palmerston School and Banks Road Primary School', async () => {
    const [row] = await database.db
      .select({ miles: distanceInMiles(schools.latitude, schools.longitude, PALMERSTON) })
      .from(schools)
      .where(eq(schools.urn, BANKS_ROAD.urn));
    const expected = milesByLawOfCosines(PALMERSTON, BANKS_ROAD);
    assert.ok(Math.abs(row!.miles - expected) < 1e-6, `${row!.miles} miles, expected ${expected}`);
    assert.equal(row!.miles.toFixed(3), '2.085');
    // On the Ordnance Survey's own grid, a different model of the Earth altogether, the two are
    // 3,362 m apart: within half a percent.
    const gridMiles =
      Math.hypot(BANKS_ROAD.easting - PALMERSTON.easting, BANKS_ROAD.northing - PALMERSTON.northing) / METRES_PER_MILE;
    assert.ok(Math.abs(row!.miles - gridMiles) / gridMiles < 0.005, `${row!.miles} against ${gridMiles} on the grid`);
  });

  test('a school is no distance from itself', async () => {
    const [row] = await database.db
      .select({ miles: distanceInMiles(schools.latitude, schools.longitude, PALMERSTON) })
      .from(schools)
      .where(eq(schools.urn, PALMERSTON.urn));
    assert.equal(row!.miles, 0);
  });

  test('finds exactly the open schools within a distance, nearest first, the same as measuring every school', async () => {
    const near = await findOpenSchoolsNear(database.db, PALMERSTON, { miles: 1.5, limit: 1000 });
    assert.equal(near[0]?.urn, PALMERSTON.urn);
    assert.ok(
      near.every((school, index) => index === 0 || school.distanceInMiles >= near[index - 1]!.distanceInMiles),
      'sorted by distance',
    );
    assert.ok(
      !near.some((school) => school.urn === 104557),
      'Matthew Arnold Primary School, 1.54 miles away, is just outside',
    );

    const everySchool = await database.db
      .select({ urn: schools.urn, latitude: schools.latitude, longitude: schools.longitude })
      .from(schools)
      .where(and(eq(schools.status, 'open'), isNotNull(schools.latitude)));
    const within = everySchool
      .map((school) => ({
        urn: school.urn,
        miles: milesByLawOfCosines(PALMERSTON, { latitude: school.latitude!, longitude: school.longitude! }),
      }))
      .filter((school) => school.miles <= 1.5);
    assert.ok(within.length > 10, `${within.length} schools is enough to show something`);
    assert.deepEqual(near.map((school) => school.urn).sort(), within.map((school) => school.urn).sort());
    for (const school of near) {
      const expected = within.find((candidate) => candidate.urn === school.urn)!.miles;
      assert.ok(
        Math.abs(school.distanceInMiles - expected) < 1e-6,
        `URN ${school.urn}: ${school.distanceInMiles} against ${expected}`,
      );
    }
  });

  test('leaves out closed schools and those with no position, and stops at the limit', async () => {
    await database.db.update(schools).set({ status: 'closed' }).where(eq(schools.urn, BANKS_ROAD.urn));
    const near = await findOpenSchoolsNear(database.db, BANKS_ROAD, { miles: 5, limit: 3 });
    assert.equal(near.length, 3);
    assert.ok(!near.some((school) => school.urn === BANKS_ROAD.urn));
    const noPosition = await findOpenSchoolsNear(
      database.db,
      { latitude: 53.5, longitude: -2.1 },
      { miles: 50, limit: 100_000 },
    );
    assert.ok(
      !noPosition.some((school) => school.urn === 143762),
      'Halcyon Way School, which has no position, is never near',
    );
  });
});

describe('the bounding box', () => {
  test('holds every place within the distance, in every direction, and no more than it must', () => {
    for (const miles of [0.5, 5, 50]) {
      const box = boundingBox(PALMERSTON, miles);
      const edge = Array.from({ length: 360 }, (_, bearing) => destination(PALMERSTON, bearing, miles));
      for (const point of edge) {
        assert.ok(
          point.latitude >= box.south - 1e-9 && point.latitude <= box.north + 1e-9,
          `${miles} miles: latitude ${point.latitude} outside ${box.south}..${box.north}`,
        );
        assert.ok(
          point.longitude >= box.west - 1e-9 && point.longitude <= box.east + 1e-9,
          `${miles} miles: longitude ${point.longitude} outside ${box.west}..${box.east}`,
        );
      }
      // Tight: the circle touches each side of the box (to within the 1-degree steps of bearing).
      const tolerance = miles * 0.0002;
      assert.ok(Math.max(...edge.map((point) => point.latitude)) > box.north - tolerance);
      assert.ok(Math.min(...edge.map((point) => point.longitude)) < box.west + tolerance);
    }
  });
});
