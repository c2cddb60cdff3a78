import { z } from 'zod';
import { asArray, field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import type { FormBody } from '../../platform/http/requests.ts';
import { APPLICANT_ROLES } from './applications.model.ts';
import { PHASES, type DesignationType } from '../leaders/leaders.model.ts';
import type { RequestPerson } from './application-requests.repository.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };
const parsedFrom = <T>(result: z.ZodSafeParseResult<T>): Parsed<T> =>
  result.success ? { ok: true, value: result.data } : { ok: false, problems: problemsFromZod(result.error) };

/** Each text field read at most this long, so a huge post cannot reach a page or the database. */
const READ_LIMIT = 20_000;
export const text = (body: FormBody, name: string) => field(body, name).replace(/\r\n?/g, '\n').slice(0, READ_LIMIT);
export const choices = (body: FormBody, name: string) => asArray(body[name]).slice(0, 200);

export const EMAIL_LIMIT = 254;
const name = (subject: string) =>
  z
    .string()
    .min(1, `Enter ${subject}`)
    .max(100, `${subject[0]!.toUpperCase()}${subject.slice(1)} must be 100 characters or fewer`);
const email = (subject: string) =>
  z
    .string()
    .min(1, `Enter ${subject}`)
    .max(EMAIL_LIMIT, `${subject[0]!.toUpperCase()}${subject.slice(1)} must be ${EMAIL_LIMIT} characters or fewer`)
    .pipe(z.email('Enter an email address in the correct format, like name@example.com'));

export const yourDetailsSchema = z.object({ name: name('your full name'), email: email('your email address') });

export function parseYourDetails(values: { name: string; email: string }) {
  return parsedFrom(yourDetailsSchema.safeParse(values));
}

/** Years as a whole number the rules can be checked against, 0 to 60 (the table's own bound). */
const years = (subject: string) =>
  z
    .string()
    .min(1, `Enter ${subject}`)
    .regex(/^\d{1,2}$/, `${subject[0]!.toUpperCase()}${subject.slice(1)} must be a whole number, like 3`)
    .transform(Number)
    .refine((value) => value <= 60, `${subject[0]!.toUpperCase()}${subject.slice(1)} must be 60 or fewer`);

export type RoleValues = { role: string; jobTitle: string; yearsInRole: string; leadershipYears: string };

export function parseRole(values: RoleValues, type: DesignationType) {
  return parsedFrom(
    z
      .object({
        role: z.enum(APPLICANT_ROLES, { error: 'Select your role' }),
        jobTitle: name('your job title'),
        yearsInRole: years('the years in your current role'),
        leadershipYears: years(type === 'sle' ? 'the years in a leadership role' : 'the years of headship'),
      })
      .safeParse(values),
  );
}

const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message }).transform((value) => value === 'yes');

export type HeadshipValues = {
  yearsStaying: string;
  governorsSupport: string;
  seniorStaffCover: string;
  coachingBeyondSchool: string;
};

export function parseHeadship(values: HeadshipValues) {
  return parsedFrom(
    z
      .object({
        yearsStaying: years('the years you expect to stay at your school'),
        governorsSupport: yesNo('Select yes if your governing body or trust board supports your application'),
        seniorStaffCover: yesNo('Select yes if senior staff can run the school while you are away'),
        coachingBeyondSchool: yesNo('Select yes if you have coached or mentored leaders beyond your own school'),
      })
      .safeParse(values),
  );
}

export type OtherAllianceValues = { designatedElsewhere: string; otherAllianceName: string; registeredBy: string };

/** '' when no other alliance designates them; the other alliance's name when this one is to register them. */
export function parseOtherAlliance(
  values: OtherAllianceValues,
): Parsed<{ otherAlliance: string; registeredBy: 'this-alliance' | 'other-alliance' }> {
  if (values.designatedElsewhere === 'no')
    return { ok: true, value: { otherAlliance: '', registeredBy: 'this-alliance' } };
  if (values.designatedElsewhere !== 'yes')
    return {
      ok: false,
      problems: [
        {
          field: 'designatedElsewhere',
          message: 'Select yes if another alliance designates you, or you have applied to one',
        },
      ],
    };
  const problems: FieldProblem[] = [];
  if (values.otherAllianceName === '')
    problems.push({ field: 'otherAllianceName', message: 'Enter the other alliance’s name' });
  else if (values.otherAllianceName.length > 200)
    problems.push({ field: 'otherAllianceName', message: 'The alliance’s name must be 200 characters or fewer' });
  if (values.registeredBy !== 'this-alliance' && values.registeredBy !== 'other-alliance')
    problems.push({ field: 'registeredBy', message: 'Select which alliance is to register and deploy you' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      otherAlliance: values.otherAllianceName,
      registeredBy: values.registeredBy as 'this-alliance' | 'other-alliance',
    },
  };
}

export function parsePhases(values: string[]): Parsed<(typeof PHASES)[number][]> {
  const parsed = z.array(z.enum(PHASES)).min(1).safeParse(values);
  return parsed.success
    ? { ok: true, value: [...new Set(parsed.data)] }
    : { ok: false, problems: [{ field: 'phases', message: 'Select the phases you work in' }] };
}

export type PersonValues = { name: string; email: string; jobTitle: string; organisation: string };

export function personValues(body: FormBody, prefix: string): PersonValues {
  const key = (suffix: string) => (prefix ? `${prefix}${suffix[0]!.toUpperCase()}${suffix.slice(1)}` : suffix);
  return {
    name: text(body, key('name')).slice(0, 300),
    email: text(body, key('email')).slice(0, 300),
    jobTitle: text(body, key('jobTitle')).slice(0, 300),
    organisation: text(body, key('organisation')).slice(0, 300),
  };
}

/**
 * A referee or consenter, their fields named with the prefix (`lineManagerEmail`). A referee's job
 * title and organisation are asked; a consenter's are what the request is (headteacher, chair).
 */
export function parsePerson(values: PersonValues, prefix: string, who: string, full: boolean): Parsed<RequestPerson> {
  const schema = z.object({
    name: name(`${who}’s name`),
    email: email(`${who}’s email address`),
    jobTitle: full ? name(`${who}’s job title`) : z.string().max(100),
    organisation: full
      ? z
          .string()
          .min(1, `Enter ${who}’s school or organisation`)
          .max(200, 'The organisation must be 200 characters or fewer')
      : z.string().max(200),
  });
  const parsed = parsedFrom(schema.safeParse(values));
  if (parsed.ok || !prefix) return parsed;
  return {
    ok: false,
    problems: parsed.problems.map((problem) => ({
      ...problem,
      field: `${prefix}${problem.field[0]!.toUpperCase()}${problem.field.slice(1)}`,
    })),
  };
}

export type ReferenceValues = { answerText: string; supports: string };
export type ConsentValues = { supports: string; releaseDays: string; answerText: string };

/** A referee's answer: what they know of the applicant's work, and whether they support the application. */
export function parseReference(values: ReferenceValues) {
  return parsedFrom(
    z
      .object({
        answerText: z
          .string()
          .min(1, 'Write your reference')
          .max(10_000, 'Your reference must be 10,000 characters or fewer'),
        supports: yesNo('Select whether you support the application'),
      })
      .transform((value) => ({ ...value, releaseDays: null }))
      .safeParse(values),
  );
}

/** A consent: whether the school can release them and, if so, for how many days a year (0 to 200). */
export function parseConsent(values: ConsentValues) {
  const problems: FieldProblem[] = [];
  if (values.supports !== 'yes' && values.supports !== 'no')
    problems.push({ field: 'supports', message: 'Select whether the school can release them' });
  let releaseDays: number | null = null;
  if (values.supports === 'yes') {
    if (values.releaseDays === '')
      problems.push({ field: 'releaseDays', message: 'Enter the days a year the school can release them' });
    else if (!/^\d{1,3}$/.test(values.releaseDays) || Number(values.releaseDays) > 200)
      problems.push({ field: 'releaseDays', message: 'The days a year must be a whole number from 0 to 200' });
    else releaseDays = Number(values.releaseDays);
  }
  if (values.answerText.length > 2000)
    problems.push({ field: 'answerText', message: 'Your comment must be 2,000 characters or fewer' });
  if (problems.length > 0) return { ok: false as const, problems };
  return {
    ok: true as const,
    value: { supports: values.supports === 'yes', releaseDays, answerText: values.answerText || null },
  };
}
