import type { Role } from '../platform/access.ts';
import type { EnquirySubmissionInput } from '../features/enquiries/enquiries.schema.ts';
import type { LeaderInput } from '../features/leaders/leaders.schema.ts';

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
} satisfies Record<string, EnquirySubmissionInput>;

/** System leaders the demo, the tests and the accessibility checks share. */
export const EXAMPLE_LEADERS = {
  amiraHussain: {
    name: 'Amira Hussain',
    email: 'a.hussain@palmerston.example',
    jobTitle: 'Assistant headteacher',
    homeSchoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    profile:
      'Leads maths and assessment in a special school; has helped six schools build assessment that shows small steps of progress.',
    phases: ['primary', 'special'],
    listed: true,
    specialisms: ['Maths', 'Assessment', 'SEN'],
    designations: [{ type: 'sle', status: 'designated', startDate: '2023-09-01', reviewDate: null }],
  },
  benCarter: {
    name: 'Ben Carter',
    email: 'b.carter@banks-road.example',
    jobTitle: 'Headteacher',
    homeSchoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    profile: 'Headteacher for eleven years; coaches new headteachers through their first year in post.',
    phases: ['primary'],
    listed: true,
    specialisms: [],
    designations: [{ type: 'lle', status: 'designated', startDate: '2022-01-10', reviewDate: null }],
  },
  chloeDunn: {
    name: 'Chloe Dunn',
    email: 'chloe.dunn@palmerston.example',
    jobTitle: 'Deputy headteacher',
    homeSchoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    profile: 'Deputy headteacher who leads the curriculum and staff development across a special school.',
    phases: ['primary', 'secondary', 'special'],
    listed: true,
    specialisms: ['Leadership of curriculum', 'Leadership of CPD'],
    // Designated in 2023, so reviewed in 2027: a designation past review is not ranked for matching.
    designations: [{ type: 'sle', status: 'designated', startDate: '2023-09-01', reviewDate: null }],
  },
  carysJones: {
    name: 'Carys Jones',
    email: 'c.jones@matthew-arnold.example',
    jobTitle: 'Early years lead',
    homeSchoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    profile: 'Early years and language and communication specialist.',
    phases: ['early-years', 'primary'],
    listed: false,
    specialisms: ['Early Years', 'Language and Communication'],
    designations: [{ type: 'sle', status: 'designated', startDate: '2024-01-08', reviewDate: null }],
  },
} satisfies Record<string, LeaderInput>;

/**
 * Staff for the demo and the tests: one per role, and a coordinator who is also a system leader
 * (small alliances often have one person do both). The system leaders are the example leaders of
 * the same email. Passwords are never fixed: the demo seed makes random ones and prints them once.
 */
export const EXAMPLE_USERS = {
  administrator: {
    email: 'aisha.rahman@south-liverpool-schools.example',
    name: 'Aisha Rahman',
    jobTitle: 'Alliance business manager',
    roles: ['administrator'],
    schoolUrn: null,
  },
  coordinator: {
    email: 'bethan.morgan@south-liverpool-schools.example',
    name: 'Bethan Morgan',
    jobTitle: 'Alliance coordinator',
    roles: ['coordinator'],
    schoolUrn: null,
  },
  coordinatorAndLeader: {
    email: 'chloe.dunn@palmerston.example',
    name: 'Chloe Dunn',
    jobTitle: 'Deputy headteacher and SLE',
    roles: ['coordinator', 'system-leader'],
    schoolUrn: null,
  },
  systemLeader: {
    email: 'a.hussain@palmerston.example',
    name: 'Amira Hussain',
    jobTitle: 'Assistant headteacher and SLE',
    roles: ['system-leader'],
    schoolUrn: null,
  },
  schoolContact: {
    email: 'p.shah@banks-road.example',
    name: 'Priya Shah',
    jobTitle: 'Deputy headteacher',
    roles: ['school-contact'],
    schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
  },
  // Heads who sit on the demo's designation panels (the first chairs them); their schools are kept for the
  // conflict rule, so each is kept from scoring an applicant from their own school.
  panelMember: {
    email: 'hana.okafor@palmerston.example',
    name: 'Hana Okafor',
    jobTitle: 'Headteacher',
    roles: ['panel-member'],
    schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
  },
  panelMemberBanksRoad: {
    email: 'b.carter@banks-road.example',
    name: 'Ben Carter',
    jobTitle: 'Headteacher',
    roles: ['panel-member'],
    schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
  },
  panelMemberMatthewArnold: {
    email: 't.okafor@matthew-arnold.example',
    name: 'Tom Okafor',
    jobTitle: 'Headteacher',
    roles: ['panel-member'],
    schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
  },
} satisfies Record<string, { email: string; name: string; jobTitle: string; roles: Role[]; schoolUrn: number | null }>;

/**
 * Agreements for the demo: a deployment and a placement being agreed, ready for the example school
 * contact (Banks Road) and the coordinator to sign. Dates are in the academic year the demo starts in.
 */
export const EXAMPLE_AGREEMENTS = {
  amiraAtBanksRoad: {
    kind: 'sle-deployment',
    leader: 'amiraHussain',
    schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    deployment: {
      focusSpecialism: 'Maths',
      halfDays: 20,
      visitPattern: 'Every other Tuesday morning in the spring and summer terms',
      fundingType: 'fee',
      feePence: 150_000,
    },
    objectives: [
      {
        objective: 'Pupils reason confidently in maths',
        baseline: '48% of Year 6 reached the expected standard in reasoning last summer',
        successMeasure: 'At least 65% reach it in the summer assessments',
      },
    ],
  },
  benAtMatthewArnold: {
    kind: 'lle-placement',
    leader: 'benCarter',
    schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    placement: {
      commissioningBody: 'local-authority',
      commissioningBodyName: 'Liverpool City Council',
      supportedHeadName: 'Tom Okafor',
      priorityReasons: ['new-head'],
      focus: 'Setting the school’s priorities and leading its first self-evaluation',
      intensityHalfDaysPerWeek: 1,
      fundingType: 'none',
    },
    objectives: [
      {
        objective: 'The headteacher leads a self-evaluation the governors trust',
        baseline: 'No self-evaluation since the last inspection',
        successMeasure: 'Governors approve a self-evaluation and improvement plan by the end of the spring term',
      },
    ],
  },
} as const;
