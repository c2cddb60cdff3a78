import type { Executor } from '../../db/database.ts';
import { listSpecialisms, type SpecialismRow } from './specialisms.repository.ts';

export type Specialism = SpecialismRow;

/** The alliance's own specialisms, from its leaflet: the list every new alliance starts with. */
export const STARTING_SPECIALISMS: Array<{ name: string; groupName: string }> = [
  { name: 'Assessment', groupName: 'Leadership and management' },
  { name: 'Early Years', groupName: 'Pupil outcomes' },
  { name: 'Maths', groupName: 'Pupil outcomes' },
  { name: 'SEN', groupName: 'Pupil outcomes' },
  { name: 'Literacy', groupName: 'Alliance specialisms' },
  { name: 'Language and Communication', groupName: 'Alliance specialisms' },
];

export async function activeSpecialisms(db: Executor, allianceId: number): Promise<Specialism[]> {
  return listSpecialisms(db, allianceId, { includeRetired: false });
}

/** The specialisms named, matched without regard to case; `unknown` lists names that matched none. */
export function matchSpecialisms(available: Specialism[], names: string[]): { matched: Specialism[]; unknown: string[] } {
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
export function groupSpecialisms(list: Specialism[]): Array<{ groupName: string; specialisms: Specialism[] }> {
  const groups = new Map<string, Specialism[]>();
  for (const specialism of list) groups.set(specialism.groupName, [...(groups.get(specialism.groupName) ?? []), specialism]);
  return [...groups.entries()].map(([groupName, specialisms]) => ({ groupName, specialisms }));
}
