import { z } from 'zod';
import { idNumber } from '../../platform/ids.ts';
import { problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import { SUPPORT_TYPES } from './enquiries.model.ts';

export const SUPPORT_TYPE_LABELS: Record<(typeof SUPPORT_TYPES)[number], string> = {
  sle: 'A Specialist Leader of Education (SLE) in a specialism',
  lle: 'A Local Leader of Education (LLE) for the headteacher',
  unsure: 'Not sure yet',
};

export const TIMESCALES = {
  'as-soon-as-possible': 'As soon as possible',
  'this-term': 'This term',
  'next-term': 'Next term',
  'this-academic-year': 'Later this academic year',
  'not-sure': 'Not sure yet',
} as const;

export const HEARD_FROM = {
  'another-school': 'Another school',
  'local-authority': 'The local authority',
  'alliance-event': 'An alliance event or training',
  website: 'A website or search engine',
  'social-media': 'Social media',
  other: 'Somewhere else',
} as const;

type Keys<T> = [keyof T & string, ...(keyof T & string)[]];
const keysOf = <T extends object>(object: T) => Object.keys(object) as Keys<T>;

export const LIMITS = {
  name: 120,
  role: 120,
  email: 254,
  phone: 30,
  need: 5000,
  specialism: 100,
  specialisms: 30,
} as const;

function requiredText(missing: string, maximum: number, tooLong: string) {
  return z.string({ error: missing }).trim().min(1, missing).max(maximum, tooLong);
}

/** Telephone numbers as people write them: digits with spaces, brackets, hyphens and a leading +. */
const telephone = z
  .string({ error: 'Enter a telephone number' })
  .trim()
  .min(1, 'Enter a telephone number')
  .max(LIMITS.phone, `Telephone number must be ${LIMITS.phone} characters or fewer`)
  .refine((value) => /^\+?[\d\s()-]+$/.test(value), 'Enter a telephone number, like 0151 428 2128 or +44 151 428 2128')
  .refine((value) => {
    const digits = value.replace(/\D/g, '').length;
    return digits >= 10 && digits <= 15;
  }, 'Enter a telephone number, like 0151 428 2128 or +44 151 428 2128');

/**
 * A school's request for support: the public contract of `POST /api/enquiries`, which the form
 * also produces. Unknown fields are refused, so a typo in a client is reported, not ignored.
 */
export const enquirySubmissionSchema = z.strictObject({
  schoolUrn: z
    .number({ error: 'Enter the school’s URN, a number of 5 to 7 digits' })
    .int('Enter the school’s URN, a number of 5 to 7 digits')
    .min(10_000, 'Enter the school’s URN, a number of 5 to 7 digits')
    .max(9_999_999, 'Enter the school’s URN, a number of 5 to 7 digits'),
  contactName: requiredText(
    'Enter your full name',
    LIMITS.name,
    `Full name must be ${LIMITS.name} characters or fewer`,
  ),
  contactRole: requiredText(
    'Enter your role, for example Headteacher',
    LIMITS.role,
    `Role must be ${LIMITS.role} characters or fewer`,
  ),
  contactEmail: z
    .string({ error: 'Enter an email address' })
    .trim()
    .min(1, 'Enter an email address')
    .max(LIMITS.email, `Email address must be ${LIMITS.email} characters or fewer`)
    .pipe(z.email('Enter an email address in the correct format, like name@example.com')),
  contactPhone: telephone,
  supportType: z.enum(SUPPORT_TYPES, { error: 'Select the kind of support your school needs' }),
  specialisms: z
    .array(
      z
        .string({ error: 'Each specialism must be a name' })
        .trim()
        .min(1)
        .max(LIMITS.specialism, 'Specialism names are at most 100 characters'),
      {
        error: 'Specialisms must be a list of names',
      },
    )
    .max(LIMITS.specialisms, `Choose at most ${LIMITS.specialisms} specialisms`)
    .default([]),
  need: requiredText(
    'Describe what your school needs support with',
    LIMITS.need,
    `What your school needs must be ${LIMITS.need} characters or fewer`,
  ),
  timescale: z.enum(keysOf(TIMESCALES), { error: 'Select when you would like the support to start' }),
  heardFrom: z
    .enum(keysOf(HEARD_FROM), { error: 'Select how you heard about school-to-school support' })
    .nullish()
    .transform((value) => value ?? null),
  leaderId: idNumber('leaderId must be the number of a leader in the directory')
    .nullish()
    .transform((value) => value ?? null),
});

export type EnquirySubmission = z.output<typeof enquirySubmissionSchema>;
/** A submission as a client sends it: optional fields may be left out. */
export type EnquirySubmissionInput = z.input<typeof enquirySubmissionSchema>;

/** The order fields appear in the form, so the error summary lists problems in the same order. */
export const FIELD_ORDER = [
  'schoolUrn',
  'leaderId',
  'contactName',
  'contactRole',
  'contactEmail',
  'contactPhone',
  'supportType',
  'specialisms',
  'need',
  'timescale',
  'heardFrom',
];

export function sortProblems(problems: FieldProblem[]): FieldProblem[] {
  const position = (field: string) => {
    const index = FIELD_ORDER.indexOf(field);
    return index === -1 ? FIELD_ORDER.length : index;
  };
  return [...problems].sort((a, b) => position(a.field) - position(b.field));
}

/**
 * Support from an SLE is in a specialism, so one must be chosen. Checked on the raw input, beside the
 * schema rather than in it, so the message shows together with every other problem.
 */
function specialismProblem(input: Record<string, unknown>): FieldProblem | undefined {
  const none = input.specialisms === undefined || (Array.isArray(input.specialisms) && input.specialisms.length === 0);
  return input.supportType === 'sle' && none
    ? { field: 'specialisms', message: 'Select at least one specialism for support from an SLE' }
    : undefined;
}

export function parseSubmission(input: unknown): { submission: EnquirySubmission } | { problems: FieldProblem[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { problems: [{ field: 'body', message: 'Send the enquiry as a JSON object' }] };
  }
  const parsed = enquirySubmissionSchema.safeParse(input);
  const problems = parsed.success ? [] : problemsFromZod(parsed.error);
  const specialisms = specialismProblem(input as Record<string, unknown>);
  if (specialisms && !problems.some((problem) => problem.field === 'specialisms')) problems.push(specialisms);
  if (parsed.success && problems.length === 0) return { submission: parsed.data };
  return { problems: sortProblems(problems) };
}

/** The enumerated fields of the API, with the values each accepts. */
export const API_ENUMERATIONS: Record<string, readonly string[]> = {
  supportType: SUPPORT_TYPES,
  timescale: keysOf(TIMESCALES),
  heardFrom: keysOf(HEARD_FROM),
};

/**
 * `POST /api/enquiries`: as parseSubmission, but a refused enumerated field lists the values it takes
 * ("timescale must be one of: …"), since an integrator sees the codes, not the form's radio labels.
 */
export function parseApiSubmission(input: unknown): ReturnType<typeof parseSubmission> {
  const parsed = parseSubmission(input);
  if ('submission' in parsed) return parsed;
  return {
    problems: parsed.problems.map((problem) => {
      const allowed = API_ENUMERATIONS[problem.field];
      return allowed
        ? { field: problem.field, message: `${problem.field} must be one of: ${allowed.join(', ')}` }
        : problem;
    }),
  };
}
