import type { Database, Executor } from '../../db/database.ts';
import { compareAlphabetically } from '../../platform/alphabetical.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import { loadLeaders, type Leader } from '../leaders/leaders.service.ts';
import type { DesignationType, Phase } from '../leaders/leaders.model.ts';
import { lookUpPlace, type Place, type PlaceLookup } from '../schools/schools.service.ts';
import { matchSpecialisms, type Specialism, type SpecialismService } from '../specialisms/specialisms.service.ts';
import { directoryVersion, searchDirectory } from './directory.repository.ts';
import { PAGE_SIZE, type DirectoryQuery } from './directory.schema.ts';

/** A leader as a directory result shows them: nothing the public should not see. */
export type DirectoryEntry = {
  id: number;
  name: string;
  types: DesignationType[];
  specialisms: string[];
  phases: Phase[];
  homeSchool: { urn: number; name: string; town: string | null };
};

export type DirectoryResult = { leader: DirectoryEntry; distanceMiles: number | null };

export type DirectoryPage = {
  total: number;
  page: number;
  pageCount: number;
  sort: 'distance' | 'name';
  near: Place | undefined;
  results: DirectoryResult[];
};

export type DirectoryOutcome = { ok: true; page: DirectoryPage } | { ok: false; problems: FieldProblem[] };

/**
 * Free text as a prefix search on every word ("hussa math" finds Amira Hussain, maths), with
 * everything but letters and digits dropped so nothing typed can break the query.
 */
export function textQueryFrom(text: string | undefined): string | undefined {
  const words =
    text
      ?.toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 10) ?? [];
  return words.length > 0 ? words.map((word) => `${word}:*`).join(' & ') : undefined;
}

/** What to tell a person whose "near" could not be placed, and what they could enter instead. */
function nearProblem(typed: string, lookup: Exclude<PlaceLookup, { found: true }>): string {
  if (lookup.reason === 'school-without-position')
    return `We know ${lookup.schoolName} but not where it is, so we cannot search by distance from it. Enter its postcode instead`;
  if (lookup.reason === 'outside-england')
    return `This service covers schools in England, and ‘${typed}’ is not in England. Enter a postcode in England, the first part of one (like L17), or a school’s URN`;
  return `We could not find ‘${typed}’. Enter a full postcode, the first part of one (like L17), or a school’s URN`;
}

/** `allSpecialisms`: the alliance's whole list, retired ones included (they still name what leaders hold). */
export async function searchLeaders(
  db: Executor,
  allianceId: number,
  allSpecialisms: Specialism[],
  query: DirectoryQuery,
): Promise<DirectoryOutcome> {
  const problems: FieldProblem[] = [];
  // Retired specialisms are no longer offered as a filter.
  const { matched, unknown } = matchSpecialisms(
    allSpecialisms.filter((specialism) => !specialism.retired),
    query.specialism,
  );
  if (unknown.length > 0)
    problems.push({
      field: 'specialism',
      message: `We have no specialism called ${unknown.map((name) => `‘${name}’`).join(', ')}`,
    });
  const lookup = query.near ? await lookUpPlace(db, query.near) : undefined;
  const near = lookup?.found ? lookup.place : undefined;
  if (query.near && lookup && !lookup.found) problems.push({ field: 'near', message: nearProblem(query.near, lookup) });
  if (problems.length > 0) return { ok: false, problems };

  const sort = query.sort ?? (near ? 'distance' : 'name');
  const filters = {
    specialismIds: matched.map((specialism) => specialism.id),
    types: query.type,
    phases: query.phase,
    near,
    withinMiles: query.within,
    textQuery: textQueryFrom(query.q),
    sort,
    limit: PAGE_SIZE,
    offset: (query.page - 1) * PAGE_SIZE,
  };
  const rows = await searchDirectory(db, allianceId, filters);
  // A page past the end has no row to carry the total: ask for the first row instead.
  const total =
    rows[0]?.total ??
    (query.page > 1
      ? ((await searchDirectory(db, allianceId, { ...filters, limit: 1, offset: 0 }))[0]?.total ?? 0)
      : 0);
  const specialismNames = new Map(allSpecialisms.map((specialism) => [specialism.id, specialism.name]));
  return {
    ok: true,
    page: {
      total,
      page: query.page,
      pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      sort,
      near,
      results: rows.map((row) => ({
        leader: {
          id: row.id,
          name: row.name,
          types: row.types,
          specialisms: row.specialismIds
            .map((id) => specialismNames.get(id))
            .filter((name): name is string => !!name)
            .sort(compareAlphabetically),
          phases: row.phases,
          homeSchool: row.homeSchool,
        },
        distanceMiles: row.distanceMiles === null ? null : Math.round(row.distanceMiles * 10) / 10,
      })),
    },
  };
}

/** A leader the public may see: listed, with a designation in force. */
export async function findListedLeader(db: Executor, allianceId: number, id: number): Promise<Leader | undefined> {
  const [leader] = await loadLeaders(db, allianceId, [id]);
  return leader && leader.listed && leader.activeTypes.length > 0 ? leader : undefined;
}

/** The public directory of system leaders: who is listed, and finding them. */
export class DirectoryService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly specialisms: SpecialismService,
  ) {}

  async search(query: DirectoryQuery): Promise<DirectoryOutcome> {
    const alliance = await this.alliances.current();
    return searchLeaders(this.db, alliance.id, await this.specialisms.all(), query);
  }

  /** A leader the public may see (listed, with a designation in force), or undefined. */
  async findListed(id: number, db: Executor = this.db): Promise<Leader | undefined> {
    return findListedLeader(db, (await this.alliances.current()).id, id);
  }

  /**
   * What a search's answer depends on, as one string: the directory's version (raised by every change
   * to a leader's entry), the list of specialisms (their names and groups are shown), and the query.
   */
  async cacheKey(kind: 'page' | 'api', queryUrl: string): Promise<string> {
    const alliance = await this.alliances.current();
    const version = await directoryVersion(this.db, alliance.id);
    const list = (await this.specialisms.all())
      .map((specialism) => `${specialism.id}:${specialism.name}:${specialism.groupName}:${specialism.retired}`)
      .join('|');
    return `${kind} ${alliance.id} ${version} ${list} ${queryUrl}`;
  }
}
