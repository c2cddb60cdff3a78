import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gridReferenceToLatLng, isOnNationalGrid, type LatLng } from './british-national-grid.ts';

/** Metres between two nearby points (an equirectangular approximation: exact enough below a kilometre). */
function metresApart(a: LatLng, b: LatLng): number {
  const metresPerDegree = (6_371_008.8 * Math.PI) / 180;
  const north = (a.latitude - b.latitude) * metresPerDegree;
  const east = (a.longitude - b.longitude) * metresPerDegree * Math.cos((a.latitude * Math.PI) / 180);
  return Math.hypot(north, east);
}

test('converts Palmerston School’s grid reference to its latitude and longitude', () => {
  // GIAS gives 338261, 385986; the ONS postcode directory puts L17 6AU at 53.367117, -2.929299.
  const palmerston = gridReferenceToLatLng(338261, 385986);
  assert.ok(metresApart(palmerston, { latitude: 53.367117, longitude: -2.929299 }) < 10, JSON.stringify(palmerston));
});

test('agrees with the ONS postcode directory to within a metre across England', () => {
  // Postcodes at the corners of the grid (ONS postcode directory, November 2025), where a wrong
  // constant or a sign error in the Helmert step would show as tens or hundreds of metres.
  const postcodes: Array<[string, number, number, number, number]> = [
    ['TR21 0HE (Isles of Scilly)', 90774, 10282, 49.9126, -6.308858],
    ['TR18 4AA (Penzance)', 147604, 30040, 50.116661, -5.531972],
    ['TD15 1AA (Berwick-upon-Tweed)', 400009, 652862, 55.769098, -2.001425],
    ['NR32 1AA (Lowestoft)', 654830, 292977, 52.475178, 1.750994],
    ['CT16 1AA (Dover)', 631467, 142191, 51.13219, 1.307001],
    ['SW1A 2AA (Westminster)', 530047, 179951, 51.50354, -0.127695],
  ];
  for (const [name, easting, northing, latitude, longitude] of postcodes) {
    const converted = gridReferenceToLatLng(easting, northing);
    const error = metresApart(converted, { latitude, longitude });
    assert.ok(error < 1, `${name}: ${JSON.stringify(converted)} is ${error.toFixed(2)} m from the ONS position`);
  }
});

test('knows the extent of the grid', () => {
  assert.equal(isOnNationalGrid(338261, 385986), true);
  assert.equal(isOnNationalGrid(-1, 385986), false);
  assert.equal(isOnNationalGrid(338261, 1_300_001), false);
});
