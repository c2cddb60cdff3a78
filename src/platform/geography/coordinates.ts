import { isOnNationalGrid, type LatLng } from './british-national-grid.ts';

/**
 * Reading positions from the cells of a data file. Every file this service imports describes places in
 * Great Britain, so a position outside it is a mistake in the file (a swapped pair, a missing minus
 * sign, a zero), not a place: it is refused rather than stored.
 */

export type { LatLng };
export type GridReference = { easting: number; northing: number };

/** What a pair of cells says: nothing (both empty), a position, or a problem to report. */
export type Reading<T> = { value: T | undefined } | { problem: string };

/** Great Britain with a margin: the Isles of Scilly to Shetland, and west of Ireland to east of Lowestoft. */
const GREAT_BRITAIN = { south: 49.5, north: 61, west: -9, east: 2 };

export function isInGreatBritain({ latitude, longitude }: LatLng): boolean {
  return (
    latitude >= GREAT_BRITAIN.south &&
    latitude <= GREAT_BRITAIN.north &&
    longitude >= GREAT_BRITAIN.west &&
    longitude <= GREAT_BRITAIN.east
  );
}

/** A latitude and longitude in decimal degrees, from two cells (`labels` name them in a problem). */
export function readLatLng(
  latitudeText: string | undefined,
  longitudeText: string | undefined,
  labels = ['latitude', 'longitude'],
): Reading<LatLng> {
  const pair = readPair(latitudeText, longitudeText, labels);
  if (!pair || 'problem' in pair) return pair ?? { value: undefined };
  const [latitude, longitude] = pair.value;
  if (!isInGreatBritain({ latitude, longitude }))
    return { problem: `${quote(labels, latitudeText, longitudeText)} is not a place in Great Britain` };
  return { value: { latitude, longitude } };
}

/** An Ordnance Survey grid reference in metres, from two cells; fractions of a metre are rounded. */
export function readGridReference(
  eastingText: string | undefined,
  northingText: string | undefined,
  labels = ['easting', 'northing'],
): Reading<GridReference> {
  const pair = readPair(eastingText, northingText, labels);
  if (!pair || 'problem' in pair) return pair ?? { value: undefined };
  const [easting, northing] = pair.value.map(Math.round) as [number, number];
  if (!isOnNationalGrid(easting, northing))
    return { problem: `${quote(labels, eastingText, northingText)} is not a grid reference in Great Britain` };
  return { value: { easting, northing } };
}

function readPair(
  first: string | undefined,
  second: string | undefined,
  labels: string[],
): { value: [number, number] } | { problem: string } | undefined {
  const a = first?.trim() ?? '';
  const b = second?.trim() ?? '';
  if (a === '' && b === '') return undefined;
  if (a === '' || b === '')
    return { problem: `${labels[0]} and ${labels[1]} must be given together (found ${quote(labels, first, second)})` };
  const numbers = [Number(a), Number(b)];
  if (!numbers.every(Number.isFinite) || !/^[-+]?[\d.]+$/.test(a) || !/^[-+]?[\d.]+$/.test(b)) {
    return { problem: `${quote(labels, first, second)} is not a pair of numbers` };
  }
  return { value: numbers as [number, number] };
}

function quote(labels: string[], first: string | undefined, second: string | undefined): string {
  return `${labels[0]}/${labels[1]} ‘${first?.trim() ?? ''}’, ‘${second?.trim() ?? ''}’`;
}
