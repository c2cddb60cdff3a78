import type { ApplicantRole, RequestKind } from '../features/designation/applications.model.ts';
import type { Phase } from '../features/leaders/leaders.model.ts';
import { EXAMPLE_SCHOOLS } from './examples.ts';

/** Where the demo takes each application: one of each stage Staff > Applications shows. */
export type DemoStage =
  | 'started'
  | 'references-due'
  | 'consent-due'
  | 'ready-for-panel'
  | 'at-panel'
  | 'designated'
  | 'not-designated'
  | 'appealed'
  | 'withdrawn';

export type DemoPerson = { name: string; email: string; jobTitle: string; organisation: string };

export type DemoApplicant = {
  stage: DemoStage;
  name: string;
  email: string;
  schoolUrn: number;
  jobTitle: string;
  role: ApplicantRole;
  yearsInRole: number;
  leadershipYears: number;
  specialisms: string[];
  phases: Phase[];
  /** The supported leader who gives the second reference (the school's head gives the first and consents). */
  supportedLeader: DemoPerson;
  /** The requests answered by their links; the rest wait. */
  answered: readonly RequestKind[];
};

const ALL: readonly RequestKind[] = [
  'line-manager-reference',
  'supported-leader-reference',
  'head-consent',
  'chair-consent',
];

/**
 * Each example school's head and chair of governors, whom an applicant there names for the first
 * reference and the release consent. The heads are the demo's panel members (EXAMPLE_USERS).
 */
export const SCHOOL_PEOPLE: Record<number, { head: DemoPerson; chair: DemoPerson }> = {
  [EXAMPLE_SCHOOLS.palmerston.urn]: {
    head: { name: 'Hana Okafor', email: 'hana.okafor@palmerston.example', jobTitle: 'Headteacher', organisation: '' },
    chair: { name: 'Imogen Shaw', email: 'imogen.shaw@palmerston.example', jobTitle: '', organisation: '' },
  },
  [EXAMPLE_SCHOOLS.bankRoad.urn]: {
    head: { name: 'Ben Carter', email: 'b.carter@banks-road.example', jobTitle: 'Headteacher', organisation: '' },
    chair: { name: 'Derek Mullin', email: 'd.mullin@banks-road.example', jobTitle: '', organisation: '' },
  },
  [EXAMPLE_SCHOOLS.matthewArnold.urn]: {
    head: { name: 'Tom Okafor', email: 't.okafor@matthew-arnold.example', jobTitle: 'Headteacher', organisation: '' },
    chair: { name: 'Grace Ellison', email: 'g.ellison@matthew-arnold.example', jobTitle: '', organisation: '' },
  },
};

const supported = (name: string, email: string, jobTitle: string, organisation: string): DemoPerson => ({
  name,
  email,
  jobTitle,
  organisation,
});

/** Invented applicants at the example schools (real Liverpool schools), one at each stage. */
export const DEMO_APPLICANTS: DemoApplicant[] = [
  {
    stage: 'started',
    name: 'Freya Lawson',
    email: 'f.lawson@banks-road.example',
    schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    jobTitle: 'Science lead',
    role: 'middle-leader',
    yearsInRole: 3,
    leadershipYears: 4,
    specialisms: ['Science'],
    phases: ['primary'],
    supportedLeader: supported('Owen Price', 'o.price@matthew-arnold.example', 'Science lead', 'Matthew Arnold'),
    answered: [],
  },
  {
    stage: 'references-due',
    name: 'Kwame Asante',
    email: 'k.asante@matthew-arnold.example',
    schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    jobTitle: 'Maths lead',
    role: 'middle-leader',
    yearsInRole: 4,
    leadershipYears: 6,
    specialisms: ['Maths'],
    phases: ['primary'],
    supportedLeader: supported('Rhys Bell', 'rhys.bell@banks-road.example', 'Head of maths', 'Banks Road'),
    answered: ['head-consent', 'chair-consent'],
  },
  {
    stage: 'consent-due',
    name: 'Niamh Gallagher',
    email: 'n.gallagher@palmerston.example',
    schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    jobTitle: 'Head of English',
    role: 'middle-leader',
    yearsInRole: 5,
    leadershipYears: 7,
    specialisms: ['English', 'Literacy'],
    phases: ['secondary', 'special'],
    supportedLeader: supported('Aled Rees', 'a.rees@matthew-arnold.example', 'English lead', 'Matthew Arnold'),
    answered: ['line-manager-reference', 'supported-leader-reference', 'head-consent'],
  },
  {
    stage: 'ready-for-panel',
    name: 'Oliver Pryce',
    email: 'o.pryce@banks-road.example',
    schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    jobTitle: 'Deputy headteacher',
    role: 'deputy-headteacher',
    yearsInRole: 3,
    leadershipYears: 9,
    specialisms: ['Leadership of curriculum'],
    phases: ['primary'],
    supportedLeader: supported('Sian Ward', 's.ward@palmerston.example', 'Assistant headteacher', 'Palmerston'),
    answered: ALL,
  },
  {
    stage: 'at-panel',
    name: 'Sana Mirza',
    email: 's.mirza@palmerston.example',
    schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    jobTitle: 'Assistant headteacher',
    role: 'senior-leader',
    yearsInRole: 4,
    leadershipYears: 8,
    specialisms: ['SEN', 'Behaviour and attendance'],
    phases: ['primary', 'special'],
    supportedLeader: supported('Leah Quinn', 'l.quinn@banks-road.example', 'SENCo', 'Banks Road'),
    answered: ALL,
  },
  {
    stage: 'designated',
    name: 'Daniel Whitfield',
    email: 'd.whitfield@matthew-arnold.example',
    schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    jobTitle: 'Computing lead',
    role: 'middle-leader',
    yearsInRole: 4,
    leadershipYears: 5,
    specialisms: ['Computing'],
    phases: ['primary'],
    supportedLeader: supported('Maya Fox', 'm.fox@banks-road.example', 'Computing lead', 'Banks Road'),
    answered: ALL,
  },
  {
    stage: 'not-designated',
    name: 'Lucy Brennan',
    email: 'l.brennan@banks-road.example',
    schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    jobTitle: 'Phase leader',
    role: 'middle-leader',
    yearsInRole: 2,
    leadershipYears: 3,
    specialisms: ['Early Years'],
    phases: ['early-years', 'primary'],
    supportedLeader: supported('Carys Jones', 'c.jones@matthew-arnold.example', 'Early years lead', 'Matthew Arnold'),
    answered: ALL,
  },
  {
    stage: 'appealed',
    name: 'Marcus Reid',
    email: 'm.reid@matthew-arnold.example',
    schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    jobTitle: 'PE lead',
    role: 'middle-leader',
    yearsInRole: 3,
    leadershipYears: 4,
    specialisms: ['PE'],
    phases: ['primary'],
    supportedLeader: supported('Josh Hale', 'j.hale@palmerston.example', 'PE teacher', 'Palmerston'),
    answered: ALL,
  },
  {
    stage: 'withdrawn',
    name: 'Ellie Thompson',
    email: 'e.thompson@palmerston.example',
    schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    jobTitle: 'Music lead',
    role: 'middle-leader',
    yearsInRole: 3,
    leadershipYears: 3,
    specialisms: ['Music'],
    phases: ['secondary', 'special'],
    supportedLeader: supported('Ruth Kerr', 'r.kerr@banks-road.example', 'Music teacher', 'Banks Road'),
    answered: ['line-manager-reference'],
  },
];

/** What each reference or consent says, when the demo answers it. */
export const DEMO_ANSWERS: Record<RequestKind, string> = {
  'line-manager-reference':
    'An outstanding leader: their team’s results have risen for three years, and colleagues in other schools ask for them by name.',
  'supported-leader-reference':
    'They coached me through my first year leading the subject; our pupils’ work and my confidence both changed.',
  'head-consent': 'We can release them for the days below; their deputy will cover their classes.',
  'chair-consent': 'The governing body agreed this release at its last meeting.',
};

/** What the applicant writes against each criterion, by the criterion's place in the list (four by default). */
const EVIDENCE = [
  (a: DemoApplicant, subject: string) =>
    `${a.leadershipYears} years leading ${subject}, the last ${a.yearsInRole} as ${a.jobTitle.toLowerCase()}: I plan the curriculum, coach five colleagues and report to governors on pupils’ progress.`,
  (_a: DemoApplicant, subject: string) =>
    `Last year I supported two other schools’ ${subject} leads for a term each; in both, the share of pupils at the expected standard rose by more than ten points, measured in their own summer assessments.`,
  (_a: DemoApplicant) =>
    'My headteacher has agreed to release me for 15 days a year; my timetable is planned so that my classes are taught by the same colleague when I am away.',
  (_a: DemoApplicant, subject: string) =>
    `I start by listening: I ask a school what it has tried, look at pupils’ work with its leaders, and agree one or two changes to ${subject} we can measure. Two colleagues I coached now lead the subject in their schools.`,
];

/** Evidence against a criterion, in the applicant's words (well within the word limit). */
export function demoEvidence(applicant: DemoApplicant, criterionIndex: number): string {
  const write = EVIDENCE[criterionIndex % EVIDENCE.length]!;
  return write(applicant, applicant.specialisms[0]!.toLowerCase());
}
