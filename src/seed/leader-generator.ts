import type { LeaderInput } from '../features/leaders/leaders.schema.ts';
import type { Phase } from '../features/leaders/leaders.model.ts';

/**
 * Invented but realistic system leaders on real schools, for the demo and the national-scale data
 * set. Deterministic (a seeded generator), so every run and every machine gets the same people.
 */

/** mulberry32: small, fast and good enough to spread invented people about. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST_NAMES = [
  'Amira',
  'Ben',
  'Chloe',
  'Daniel',
  'Emma',
  'Farah',
  'George',
  'Hannah',
  'Imran',
  'Jess',
  'Kwame',
  'Laura',
  'Mohammed',
  'Niamh',
  'Oliver',
  'Priya',
  'Rachel',
  'Sam',
  'Tom',
  'Uma',
  'Victoria',
  'Wei',
  'Yusuf',
  'Zoe',
  'Aled',
  'Bethan',
  'Ciaran',
  'Deborah',
  'Ewan',
  'Fiona',
  'Gareth',
  'Helen',
  'Isaac',
  'Joanne',
  'Kieran',
  'Leah',
  'Mark',
  'Nadia',
  'Owen',
  'Paula',
  'Rhys',
  'Sarah',
  'Tariq',
  'Yvonne',
];
const LAST_NAMES = [
  'Ahmed',
  'Brown',
  'Clarke',
  'Davies',
  'Evans',
  'Fitzgerald',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'McGuire',
  'Nolan',
  'O’Brien',
  'Patel',
  'Quinn',
  'Roberts',
  'Singh',
  'Taylor',
  'Usman',
  'Walsh',
  'Williams',
  'Young',
  'Murphy',
  'Kelly',
  'Doyle',
  'Byrne',
  'Thompson',
  'Wright',
  'Edwards',
  'Hall',
  'Wood',
  'Harris',
  'Martin',
  'Jackson',
  'White',
  'Turner',
  'Parker',
  'Cooper',
];

/** Roughly how often each specialism is held: the core subjects and SEN most, some rarely. */
const SPECIALISM_WEIGHTS: Array<[string, number]> = [
  ['Maths', 14],
  ['English', 12],
  ['SEN', 11],
  ['Literacy', 9],
  ['Early Years', 8],
  ['Assessment', 8],
  ['Science', 7],
  ['Phonics', 6],
  ['Leadership of curriculum', 6],
  ['Closing the gap', 5],
  ['Behaviour and attendance', 5],
  ['Language and Communication', 5],
  ['Leadership of CPD', 4],
  ['Initial teacher training', 3],
  ['Early career teachers', 3],
  ['Computing', 3],
  ['Modern foreign languages', 3],
  ['History', 2],
  ['Geography', 2],
  ['PE', 2],
  ['Music', 2],
  ['Art', 2],
  ['Drama', 1],
  ['Design and technology', 1],
  ['PSHE', 2],
  ['RE', 1],
  ['Support for the most able', 2],
  ['School business and financial management', 2],
  ['Academies and academy transition', 1],
];
const TOTAL_WEIGHT = SPECIALISM_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

const PROFILE_OPENINGS = [
  'Has led improvement in',
  'Coaches new leaders in',
  'Rebuilt the school’s approach to',
  'Trains staff across the trust in',
  'Brings ten years of leadership in',
];

export type GeneratorSchool = { urn: number; phase: string | null };

/** The phases a leader from a school of this GIAS phase can usually support. */
function phasesFor(schoolPhase: string | null, random: () => number): Phase[] {
  switch (schoolPhase) {
    case 'Nursery':
      return ['early-years'];
    case 'Primary':
    case 'Middle deemed primary':
      return random() < 0.4 ? ['early-years', 'primary'] : ['primary'];
    case 'Secondary':
    case 'Middle deemed secondary':
      return random() < 0.3 ? ['secondary', 'post-16'] : ['secondary'];
    case '16 plus':
      return ['post-16'];
    case 'All-through':
      return ['primary', 'secondary'];
    default:
      return random() < 0.5 ? ['special'] : ['alternative-provision'];
  }
}

function pickSpecialism(random: () => number): string {
  let remaining = random() * TOTAL_WEIGHT;
  for (const [name, weight] of SPECIALISM_WEIGHTS) {
    remaining -= weight;
    if (remaining < 0) return name;
  }
  return SPECIALISM_WEIGHTS[0]![0];
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * `count` leaders on the given schools: mostly SLEs, some LLEs (headteachers), a few NLEs. Emails are
 * numbered from `firstNumber`, so a later batch never repeats an earlier one's.
 */
export function generateLeaders(
  schools: GeneratorSchool[],
  count: number,
  seed: number,
  emailDomain = 'example.org',
  firstNumber = 1,
): LeaderInput[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const leaders: LeaderInput[] = [];
  for (let index = 0; index < count; index++) {
    const school = pick(schools);
    const first = pick(FIRST_NAMES);
    const last = pick(LAST_NAMES);
    const roll = random();
    const type = roll < 0.8 ? 'sle' : roll < 0.95 ? 'lle' : 'nle';
    const specialisms =
      type === 'sle'
        ? [
            ...new Set([
              pickSpecialism(random),
              ...(random() < 0.5 ? [pickSpecialism(random)] : []),
              ...(random() < 0.2 ? [pickSpecialism(random)] : []),
            ]),
          ]
        : [];
    const startYear = 2019 + Math.floor(random() * 7);
    const status = random() < 0.9 ? 'designated' : pick(['under-review', 'applicant', 'lapsed'] as const);
    const focus = specialisms[0] ?? 'school improvement';
    leaders.push({
      name: `${first} ${last}`,
      email: `${first}.${last}.${firstNumber + index}@${emailDomain}`.toLowerCase().replace(/[’']/g, ''),
      jobTitle:
        type === 'sle'
          ? pick(['Deputy headteacher', 'Assistant headteacher', 'Subject leader', 'SENCo', 'Phase leader'])
          : 'Headteacher',
      homeSchoolUrn: school.urn,
      profile: `${pick(PROFILE_OPENINGS)} ${focus.toLowerCase()}${type === 'sle' ? '' : ', coaching headteachers through their first years in post'}.`,
      phases: phasesFor(school.phase, random),
      listed: random() < 0.85,
      specialisms,
      designations: [
        {
          type,
          status,
          startDate: isoDate(startYear, pick([1, 4, 9]), 1 + Math.floor(random() * 28)),
          reviewDate: null,
        },
      ],
    });
  }
  return leaders;
}
