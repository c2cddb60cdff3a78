import type { Database, Executor } from '../../db/database.ts';
import { isPostcodeOutsideEngland, normalisePostcode, outcodeIn } from '../postcodes/postcodes.format.ts';
import { findOutcodeCentre, findPostcodeCentre } from '../postcodes/postcodes.service.ts';
import type { Point } from '../../platform/geography/distance.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { withinOneEdit } from './one-edit.ts';
import {
  findOpenSchoolsNamed,
  findSchoolByUrn,
  findSchoolsByUrns,
  schoolNameWords,
  searchOpenSchools,
  type SchoolRow,
} from './schools.repository.ts';

export type School = SchoolRow;

/** How a school typed into a form was understood. */
export type SchoolResolution =
  | { kind: 'found'; school: School }
  | { kind: 'closed'; school: School }
  | { kind: 'ambiguous'; candidates: School[] }
  | { kind: 'not-found' };

/** A point that a person's "near ..." was understood as, and how precisely. */
export type Place = Point & {
  /** What the point is, to show back: "Palmerston School", "L17 6AU" or "L17". */
  label: string;
  /** A school's own position, a postcode's centre, or the centre of a postcode district (a few miles across). */
  precision: 'school' | 'postcode' | 'outcode';
};

const MAX_CANDIDATES = 10;

/** The school with this URN, open or closed, in the caller's transaction or query. */
export function findSchool(db: Executor, urn: number): Promise<School | undefined> {
  return findSchoolByUrn(db, urn);
}

/** "Palmerston School, Liverpool L17 6AU (URN 104748)": what a person recognises their school by. */
export function describeSchool(school: Pick<School, 'name' | 'town' | 'postcode' | 'urn'>): string {
  const place = [school.town, school.postcode].filter(Boolean).join(' ');
  return `${school.name}${place ? `, ${place}` : ''} (URN ${school.urn})`;
}

/** A URN written anywhere in the text: on its own, or as the type-ahead writes it, "(URN 104748)". */
export function urnIn(text: string): number | undefined {
  const match = /^\s*(\d{5,7})\s*$/.exec(text) ?? /\(URN (\d{5,7})\)/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

export function searchWords(query: string): string[] {
  return query
    .toLowerCase()
    .replace(/\(urn \d+\)/g, ' ')
    .split(/[^\p{L}\p{N}'&-]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 8);
}

/** Words shorter than this are too short to guess a slip in ("st" is one edit from "at", "so", ...). */
const SHORTEST_SLIP = 4;

/**
 * Splitting 22,000 names into words takes the database about a second, too slow for each keystroke, so
 * the words are kept for a while: a school added by an import in the meantime is still found as typed,
 * only not guessed from a misspelling until the words are read again.
 */
const KNOWN_WORDS_SECONDS = 10 * 60;
const knownWordsCache = new WeakMap<Executor, { readAt: number; words: Promise<string[]> }>();

function knownWords(db: Executor): Promise<string[]> {
  const cached = knownWordsCache.get(db);
  if (cached && Date.now() - cached.readAt < KNOWN_WORDS_SECONDS * 1000) return cached.words;
  const words = schoolNameWords(db, SHORTEST_SLIP - 1, 40);
  knownWordsCache.set(db, { readAt: Date.now(), words });
  words.catch(() => knownWordsCache.delete(db));
  return words;
}

/**
 * Open schools matching every word typed, nearest `near` first among equal matches. When nothing
 * matches, each longer word is also tried with one letter added, dropped, changed or two swapped
 * ("Mathew Arnold" finds Matthew Arnold), against the words that schools' names and towns hold.
 */
export async function searchSchools(
  db: Executor,
  query: string,
  limit = MAX_CANDIDATES,
  near?: Point,
): Promise<School[]> {
  const urn = urnIn(query);
  if (urn !== undefined) {
    const school = await findSchoolByUrn(db, urn);
    return school && school.status === 'open' ? [school] : [];
  }
  const words = searchWords(query);
  if (words.length === 0 || words.join('').length < 2) return [];
  const found = await searchOpenSchools(db, words, limit, near);
  if (found.length > 0 || !words.some((word) => word.length >= SHORTEST_SLIP)) return found;

  const known = await knownWords(db);
  const spellings = words.map((word) =>
    word.length < SHORTEST_SLIP ? word : [word, ...known.filter((other) => withinOneEdit(word, other))],
  );
  return searchOpenSchools(db, spellings, limit, near);
}

/**
 * Works out which school a person meant by what they typed (a URN, or a name, whole or in part).
 * An exact name or a single match is taken; several matches are offered back as a choice.
 */
export async function resolveSchool(db: Executor, text: string, near?: Point): Promise<SchoolResolution> {
  const urn = urnIn(text);
  if (urn !== undefined) {
    const school = await findSchoolByUrn(db, urn);
    if (!school) return { kind: 'not-found' };
    return school.status === 'open' ? { kind: 'found', school } : { kind: 'closed', school };
  }
  const exact = await findOpenSchoolsNamed(db, text.trim());
  if (exact.length === 1) return { kind: 'found', school: exact[0]! };
  const candidates =
    exact.length > 1 ? exact.slice(0, MAX_CANDIDATES) : await searchSchools(db, text, MAX_CANDIDATES + 1, near);
  if (candidates.length === 0) return { kind: 'not-found' };
  if (candidates.length === 1) return { kind: 'found', school: candidates[0]! };
  return { kind: 'ambiguous', candidates: candidates.slice(0, MAX_CANDIDATES) };
}

/** A place found, or why what was typed could not be placed, so the person can be told what to do instead. */
export type PlaceLookup =
  | { found: true; place: Place }
  | { found: false; reason: 'school-without-position'; schoolName: string }
  | { found: false; reason: 'outside-england' | 'unknown' };

/**
 * Turns what a person typed as "near" into a point: a school's URN (or the type-ahead's label, which
 * ends "(URN 104748)"), a full postcode, or an outcode ("L17", or "L17 6" cut short). A full postcode
 * that is not held (new, or outside the postcodes loaded) falls back to its outcode. Otherwise it says
 * why: a school we hold with no known position, a postcode in Wales, Scotland or Northern Ireland (the
 * register holds only England's schools), or text that is none of these.
 */
export async function lookUpPlace(db: Executor, text: string): Promise<PlaceLookup> {
  const found = (point: { latitude: number; longitude: number }, label: string, precision: Place['precision']) =>
    ({ found: true, place: { latitude: point.latitude, longitude: point.longitude, label, precision } }) as const;
  const urn = urnIn(text);
  if (urn !== undefined) {
    const school = await findSchoolByUrn(db, urn);
    if (!school) return { found: false, reason: 'unknown' };
    if (school.latitude == null || school.longitude == null)
      return { found: false, reason: 'school-without-position', schoolName: school.name };
    return found({ latitude: school.latitude, longitude: school.longitude }, school.name, 'school');
  }
  const postcode = normalisePostcode(text);
  const centre = postcode ? await findPostcodeCentre(db, postcode) : undefined;
  if (centre) return found(centre, centre.postcode, 'postcode');
  const outcode = outcodeIn(text);
  const district = outcode ? await findOutcodeCentre(db, outcode) : undefined;
  if (district) return found(district, district.outcode, 'outcode');
  return { found: false, reason: isPostcodeOutsideEngland(text) ? 'outside-england' : 'unknown' };
}

/** The point of lookUpPlace(), or undefined when the text cannot be placed. */
export async function locatePlace(db: Executor, text: string): Promise<Place | undefined> {
  const lookup = await lookUpPlace(db, text);
  return lookup.found ? lookup.place : undefined;
}

/** The register of schools as other capabilities use it: finding a school, and understanding what people type. */
export class SchoolService {
  constructor(
    private readonly db: Database,
    private readonly alliances?: AllianceService,
  ) {}

  /** Where the alliance is (its lead school), so the type-ahead lists its own area's schools first. */
  private async home(): Promise<Point | undefined> {
    const urn = this.alliances ? (await this.alliances.current()).leadSchoolUrn : null;
    const school = urn ? await findSchoolByUrn(this.db, urn) : undefined;
    return school?.latitude != null && school.longitude != null
      ? { latitude: school.latitude, longitude: school.longitude }
      : undefined;
  }

  find(urn: number, db: Executor = this.db): Promise<School | undefined> {
    return findSchoolByUrn(db, urn);
  }

  findMany(urns: number[], db: Executor = this.db): Promise<School[]> {
    return findSchoolsByUrns(db, urns);
  }

  /** Open schools matching a name, town, postcode or URN: the type-ahead's answers. */
  async search(query: string, limit = MAX_CANDIDATES): Promise<School[]> {
    return searchSchools(this.db, query, limit, await this.home());
  }

  async resolve(text: string): Promise<SchoolResolution> {
    return resolveSchool(this.db, text, await this.home());
  }

  locate(text: string): Promise<Place | undefined> {
    return locatePlace(this.db, text);
  }
}
