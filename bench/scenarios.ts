import { seededRandom } from '../src/seed/leader-generator.ts';
import { PHASES } from '../src/features/leaders/leaders.model.ts';

const SPECIALISMS = [
  'Maths',
  'English',
  'SEN',
  'Literacy',
  'Early Years',
  'Assessment',
  'Science',
  'Phonics',
  'Computing',
  'Music',
  'Behaviour and attendance',
];
const WORDS = ['maths', 'coach', 'assessment', 'reading', 'early', 'leadership', 'send', 'curriculum'];
const WITHIN = [5, 10, 25, 50];

/**
 * Directory searches with a realistic range of filters: none, one or several facets, near a school
 * or an outcode, within a distance or not, free text, sorted by distance, first pages and later ones.
 */
export function directorySearches(places: string[], count: number, seed = 1): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const urls: string[] = [];
  for (let index = 0; index < count; index++) {
    const parameters = new URLSearchParams();
    const specialismCount = Math.floor(random() * 3);
    for (let n = 0; n < specialismCount; n++) parameters.append('specialism', pick(SPECIALISMS));
    if (random() < 0.4) parameters.append('type', pick(['sle', 'lle', 'nle']));
    if (random() < 0.4) parameters.append('phase', pick(PHASES));
    if (random() < 0.8) {
      parameters.set('near', pick(places));
      if (random() < 0.6) parameters.set('within', String(pick(WITHIN)));
      parameters.set('sort', 'distance');
    }
    if (random() < 0.25) parameters.set('q', pick(WORDS));
    if (random() < 0.2) parameters.set('page', String(2 + Math.floor(random() * 3)));
    urls.push(`?${parameters.toString()}`);
  }
  return urls;
}
