import type { Executor } from '../../db/database.ts';
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
    'Art', 'Closing the gap', 'Drama', 'Design and technology', 'Early Years', 'English', 'Geography', 'History',
    'Computing', 'Maths', 'Modern foreign languages', 'Music', 'Phonics', 'PE', 'PSHE', 'RE', 'Science', 'SEN',
    'Support for the most able',
  ]),
  ...group('Quality of teaching', ['Initial teacher training', 'Early career teachers']),
  ...group('Behaviour and attendance', ['Behaviour and attendance']),
  ...group('Alliance specialisms', ['Literacy', 'Language and Communication']),
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
