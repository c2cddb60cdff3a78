import type { Database, Executor } from '../../db/database.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import type { Clock } from '../../platform/clock.ts';
import { listSpecialisms, type SpecialismRow } from './specialisms.repository.ts';

export type Specialism = SpecialismRow;

const group = (groupName: string, names: string[]) => names.map((name) => ({ name, groupName }));

/**
 * The list every new alliance starts with: the areas the National College for Teaching and Leadership
 * used for SLEs, in its groups, and this alliance's own additions from its leaflet. Alliances edit it.
 */
export const STARTING_SPECIALISMS: Array<{ name: string; groupName: string }> = [
  ...group('Leadership and management', [
    'Academies and academy transition',
    'Assessment',
    'Leadership of CPD',
    'School business and financial management',
    'Leadership of curriculum',
  ]),
  ...group('Pupil outcomes', [
    'Art',
    'Closing the gap',
    'Drama',
    'Design and technology',
    'Early Years',
    'English',
    'Geography',
    'History',
    'Computing',
    'Maths',
    'Modern foreign languages',
    'Music',
    'Phonics',
    'PE',
    'PSHE',
    'RE',
    'Science',
    'SEN',
    'Support for the most able',
  ]),
  ...group('Quality of teaching', ['Initial teacher training', 'Early career teachers']),
  ...group('Behaviour and attendance', ['Behaviour and attendance']),
  ...group('Alliance specialisms', ['Literacy', 'Language and Communication']),
];

/**
 * The list changes rarely and is read on most pages, so it is cached briefly: another instance sees
 * a change within CACHE_MILLISECONDS, this one at once (forget(), after every change).
 */
const CACHE_MILLISECONDS = 10_000;

/** The alliance's list of specialisms, as every capability reads it. */
export class SpecialismService {
  private cached: { allianceId: number; specialisms: Specialism[]; loadedAt: number } | undefined;

  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
  ) {}

  /** Every specialism on the list, retired ones included (they still name what leaders hold). */
  async all(): Promise<Specialism[]> {
    const alliance = await this.alliances.current();
    const now = this.clock.now().getTime();
    const fresh =
      this.cached &&
      this.cached.allianceId === alliance.id &&
      now - this.cached.loadedAt < CACHE_MILLISECONDS &&
      now >= this.cached.loadedAt;
    if (!fresh)
      this.cached = {
        allianceId: alliance.id,
        specialisms: await listSpecialisms(this.db, alliance.id, { includeRetired: true }),
        loadedAt: now,
      };
    return this.cached!.specialisms;
  }

  /** The specialisms that may be chosen now: not retired. In the caller's transaction when it passes one. */
  async active(db?: Executor): Promise<Specialism[]> {
    if (db) return listSpecialisms(db, (await this.alliances.current()).id, { includeRetired: false });
    return (await this.all()).filter((specialism) => !specialism.retired);
  }

  forget(): void {
    this.cached = undefined;
  }
}

export async function activeSpecialisms(db: Executor, allianceId: number): Promise<Specialism[]> {
  return listSpecialisms(db, allianceId, { includeRetired: false });
}

/** Every specialism on the list, retired ones included, in the caller's transaction. */
export async function allSpecialisms(db: Executor, allianceId: number): Promise<Specialism[]> {
  return listSpecialisms(db, allianceId, { includeRetired: true });
}

/** The specialisms named, matched without regard to case; `unknown` lists names that matched none. */
export function matchSpecialisms(
  available: Specialism[],
  names: string[],
): { matched: Specialism[]; unknown: string[] } {
  const byName = new Map(available.map((specialism) => [specialism.name.toLowerCase(), specialism]));
  const matched = new Map<number, Specialism>();
  const unknown: string[] = [];
  for (const name of names) {
    const specialism = byName.get(name.trim().toLowerCase());
    if (specialism) matched.set(specialism.id, specialism);
    else unknown.push(name);
  }
  return { matched: [...matched.values()], unknown };
}

/** Specialisms grouped for a page, groups and names in alphabetical order. */
export function groupSpecialisms<T extends Pick<Specialism, 'groupName'>>(
  list: T[],
): Array<{ groupName: string; specialisms: T[] }> {
  const groups = new Map<string, T[]>();
  for (const specialism of list)
    groups.set(specialism.groupName, [...(groups.get(specialism.groupName) ?? []), specialism]);
  return [...groups.entries()].map(([groupName, specialisms]) => ({ groupName, specialisms }));
}
