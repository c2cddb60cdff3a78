import type { Role } from '../platform/access.ts';
import type { EnquirySubmission } from '../features/enquiries/enquiries.schema.ts';

/**
 * Named example records: the same people and schools drive the demo seed, the tests and the
 * accessibility checks, so a page that works in one works in all. The schools are real (GIAS);
 * the people and their email addresses are invented.
 */
export const EXAMPLE_SCHOOLS = {
  palmerston: { urn: 104748, name: 'Palmerston School' },
  bankRoad: { urn: 104516, name: 'Banks Road Primary School' },
  matthewArnold: { urn: 104557, name: 'Matthew Arnold Primary School' },
} as const;

export const EXAMPLE_ENQUIRIES = {
  banksRoadMaths: {
    schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    contactName: 'Priya Shah',
    contactRole: 'Deputy headteacher',
    contactEmail: 'p.shah@banks-road.example',
    contactPhone: '0151 427 1234',
    supportType: 'sle',
    specialisms: ['Maths', 'Assessment'],
    need: 'Our Year 6 maths results fell this summer. We would like help to sharpen how we assess reasoning and to coach our new maths lead.',
    timescale: 'this-term',
    heardFrom: 'another-school',
  },
  matthewArnoldNewHead: {
    schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    contactName: 'Tom Okafor',
    contactRole: 'Headteacher',
    contactEmail: 't.okafor@matthew-arnold.example',
    contactPhone: '+44 151 727 5678',
    supportType: 'lle',
    specialisms: [],
    need: 'I started as headteacher in September; it is my first headship. I would value a coach while I set the school’s priorities.',
    timescale: 'as-soon-as-possible',
    heardFrom: null,
  },
} satisfies Record<string, EnquirySubmission>;

/**
 * Staff for the demo and the tests: one per role, and a coordinator who is also a system leader
 * (small alliances often have one person do both). Passwords are never fixed: the demo seed makes
 * random ones and prints them once.
 */
export const EXAMPLE_USERS = {
  administrator: { email: 'aisha.rahman@south-liverpool-schools.example', name: 'Aisha Rahman', jobTitle: 'Alliance business manager', roles: ['administrator'], schoolUrn: null },
  coordinator: { email: 'ben.carter@south-liverpool-schools.example', name: 'Ben Carter', jobTitle: 'Alliance coordinator', roles: ['coordinator'], schoolUrn: null },
  coordinatorAndLeader: {
    email: 'chloe.dunn@palmerston.example',
    name: 'Chloe Dunn',
    jobTitle: 'Deputy headteacher and SLE',
    roles: ['coordinator', 'system-leader'],
    schoolUrn: null,
  },
  systemLeader: { email: 'david.evans@matthew-arnold.example', name: 'David Evans', jobTitle: 'Maths lead and SLE', roles: ['system-leader'], schoolUrn: null },
  schoolContact: { email: 'p.shah@banks-road.example', name: 'Priya Shah', jobTitle: 'Deputy headteacher', roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn },
} satisfies Record<string, { email: string; name: string; jobTitle: string; roles: Role[]; schoolUrn: number | null }>;
