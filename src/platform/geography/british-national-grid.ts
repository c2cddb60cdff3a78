/**
 * Ordnance Survey National Grid references (eastings and northings in metres, as GIAS and the ONS
 * postcode directory give them) to WGS84 latitude and longitude (as maps and GPS use them).
 *
 * The formulas are those of Ordnance Survey's "A guide to coordinate systems in Great Britain"
 * : the transverse Mercator inverse on the Airy 1830 ellipsoid (annex C) gives OSGB36
 * latitude and longitude, and a seven-parameter Helmert transformation (section 6.6) moves them to
 * WGS84. The Helmert step is accurate to a few metres: plenty for "how far
 * away is this school", and needs no 15 MB OSTN15 grid.
 */

export type LatLng = { latitude: number; longitude: number };

/** Airy 1830, the ellipsoid of OSGB36, and the National Grid's true origin and scale. */
const AIRY = { a: 6_377_563.396, b: 6_356_256.909 };
const GRID = {
  scale: 0.9996012717,
  originLatitude: radians(49),
  originLongitude: radians(-2),
  falseEasting: 400_000,
  falseNorthing: -100_000,
};

/** GRS80, which WGS84 matches to well under a millimetre. */
const WGS84 = { a: 6_378_137, b: 6_356_752.3141 };

/** OSGB36 to WGS84 (OS guide, table 5, with the signs reversed as it says for this direction). */
const HELMERT = {
  tx: 446.448,
  ty: -125.157,
  tz: 542.06,
  scale: -20.4894e-6,
  rx: arcSeconds(0.1502),
  ry: arcSeconds(0.247),
  rz: arcSeconds(0.8421),
};

/** The grid's extent, with a margin: anything outside is not a place in Great Britain. */
const GRID_EXTENT = { maxEasting: 700_000, maxNorthing: 1_300_000 };

export function isOnNationalGrid(easting: number, northing: number): boolean {
  return easting >= 0 && easting <= GRID_EXTENT.maxEasting && northing >= 0 && northing <= GRID_EXTENT.maxNorthing;
}

/** The WGS84 latitude and longitude (degrees, rounded to 6 places: about 10 cm) of a grid reference. */
export function gridReferenceToLatLng(easting: number, northing: number): LatLng {
  const osgb36 = inverseTransverseMercator(easting, northing);
  const cartesian = toCartesian(osgb36, AIRY);
  const wgs84 = toGeodetic(helmert(cartesian), WGS84);
  return { latitude: round6(degrees(wgs84.latitude)), longitude: round6(degrees(wgs84.longitude)) };
}

type Radians = { latitude: number; longitude: number };
type Cartesian = { x: number; y: number; z: number };

/** OS guide annex C: eastings and northings to OSGB36 latitude and longitude (radians). */
function inverseTransverseMercator(easting: number, northing: number): Radians {
  const { a, b } = AIRY;
  const { scale: f0, originLatitude: lat0, originLongitude: lon0, falseEasting: e0, falseNorthing: n0 } = GRID;
  const e2 = 1 - (b * b) / (a * a);

  let latitude = lat0;
  let arc = 0;
  do {
    latitude += (northing - n0 - arc) / (a * f0);
    arc = meridionalArc(latitude);
  } while (Math.abs(northing - n0 - arc) >= 0.00001);

  const sin = Math.sin(latitude);
  const nu = (a * f0) / Math.sqrt(1 - e2 * sin * sin);
  const rho = (a * f0 * (1 - e2)) / Math.pow(1 - e2 * sin * sin, 1.5);
  const eta2 = nu / rho - 1;
  const tan = Math.tan(latitude);
  const tan2 = tan * tan;
  const tan4 = tan2 * tan2;
  const sec = 1 / Math.cos(latitude);

  const vii = tan / (2 * rho * nu);
  const viii = (tan / (24 * rho * nu ** 3)) * (5 + 3 * tan2 + eta2 - 9 * tan2 * eta2);
  const ix = (tan / (720 * rho * nu ** 5)) * (61 + 90 * tan2 + 45 * tan4);
  const x = sec / nu;
  const xi = (sec / (6 * nu ** 3)) * (nu / rho + 2 * tan2);
  const xii = (sec / (120 * nu ** 5)) * (5 + 28 * tan2 + 24 * tan4);
  const xiia = (sec / (5040 * nu ** 7)) * (61 + 662 * tan2 + 1320 * tan4 + 720 * tan4 * tan2);

  const de = easting - e0;
  return {
    latitude: latitude - vii * de ** 2 + viii * de ** 4 - ix * de ** 6,
    longitude: lon0 + x * de - xi * de ** 3 + xii * de ** 5 - xiia * de ** 7,
  };
}

/** OS guide annex C, equation C3: the meridional arc M from the true origin to a latitude. */
function meridionalArc(latitude: number): number {
  const { a, b } = AIRY;
  const n = (a - b) / (a + b);
  const lat0 = GRID.originLatitude;
  const difference = latitude - lat0;
  const sum = latitude + lat0;
  return (
    b *
    GRID.scale *
    ((1 + n + (5 / 4) * n ** 2 + (5 / 4) * n ** 3) * difference -
      (3 * n + 3 * n ** 2 + (21 / 8) * n ** 3) * Math.sin(difference) * Math.cos(sum) +
      ((15 / 8) * n ** 2 + (15 / 8) * n ** 3) * Math.sin(2 * difference) * Math.cos(2 * sum) -
      (35 / 24) * n ** 3 * Math.sin(3 * difference) * Math.cos(3 * sum))
  );
}

/** OS guide annex B1: latitude and longitude at height 0 to earth-centred x, y, z. */
function toCartesian(point: Radians, ellipsoid: { a: number; b: number }): Cartesian {
  const e2 = 1 - (ellipsoid.b * ellipsoid.b) / (ellipsoid.a * ellipsoid.a);
  const sin = Math.sin(point.latitude);
  const nu = ellipsoid.a / Math.sqrt(1 - e2 * sin * sin);
  return {
    x: nu * Math.cos(point.latitude) * Math.cos(point.longitude),
    y: nu * Math.cos(point.latitude) * Math.sin(point.longitude),
    z: (1 - e2) * nu * sin,
  };
}

/** OS guide section 6.2: the seven-parameter Helmert transformation, small-angle form. */
function helmert({ x, y, z }: Cartesian): Cartesian {
  const { tx, ty, tz, scale, rx, ry, rz } = HELMERT;
  const s = 1 + scale;
  return {
    x: tx + s * x - rz * y + ry * z,
    y: ty + rz * x + s * y - rx * z,
    z: tz - ry * x + rx * y + s * z,
  };
}

/** OS guide annex B2: earth-centred x, y, z back to latitude and longitude, by iteration. */
function toGeodetic({ x, y, z }: Cartesian, ellipsoid: { a: number; b: number }): Radians {
  const e2 = 1 - (ellipsoid.b * ellipsoid.b) / (ellipsoid.a * ellipsoid.a);
  const p = Math.sqrt(x * x + y * y);
  let latitude = Math.atan2(z, p * (1 - e2));
  for (let previous = Infinity; Math.abs(latitude - previous) > 1e-12;) {
    previous = latitude;
    const nu = ellipsoid.a / Math.sqrt(1 - e2 * Math.sin(latitude) ** 2);
    latitude = Math.atan2(z + e2 * nu * Math.sin(latitude), p);
  }
  return { latitude, longitude: Math.atan2(y, x) };
}

function radians(degreesValue: number): number {
  return (degreesValue * Math.PI) / 180;
}

function degrees(radiansValue: number): number {
  return (radiansValue * 180) / Math.PI;
}

function arcSeconds(seconds: number): number {
  return radians(seconds / 3600);
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
