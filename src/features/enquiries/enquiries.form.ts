import { randomBytes } from 'node:crypto';
import { asArray, field, toFormErrors, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import { parseId } from '../../platform/ids.ts';
import { describeSchool, type School, type SchoolService } from '../schools/schools.service.ts';
import { parseSubmission, sortProblems, type EnquirySubmission } from './enquiries.schema.ts';

/** What the person typed, kept exactly so the form can be shown again with it. */
export type EnquiryFormValues = {
  school: string;
  schoolUrn: string;
  contactName: string;
  contactRole: string;
  contactEmail: string;
  contactPhone: string;
  supportType: string;
  specialisms: string[];
  need: string;
  timescale: string;
  heardFrom: string;
  /** A leader chosen in the directory, carried in a hidden field. */
  leaderId: string;
  /** The form's one-time token (a hidden field): sending the same form again makes no second enquiry. */
  submissionToken: string;
};

const SUBMISSION_TOKEN = /^[0-9a-f]{32}$/;

/** A new form's one-time token: 128 random bits, so no two forms share one. */
export function newSubmissionToken(): string {
  return randomBytes(16).toString('hex');
}

/** The form's honeypot: hidden from people, so only a robot fills it in. */
export const HONEYPOT_FIELD = 'referrerCode';

export function emptyEnquiryForm(): EnquiryFormValues {
  return {
    school: '',
    schoolUrn: '',
    contactName: '',
    contactRole: '',
    contactEmail: '',
    contactPhone: '',
    supportType: '',
    specialisms: [],
    need: '',
    timescale: '',
    heardFrom: '',
    leaderId: '',
    submissionToken: newSubmissionToken(),
  };
}

export function enquiryFormValues(body: Record<string, unknown>): EnquiryFormValues {
  return {
    school: field(body, 'school').slice(0, 300),
    schoolUrn: field(body, 'schoolUrn').slice(0, 20),
    contactName: field(body, 'contactName'),
    contactRole: field(body, 'contactRole'),
    contactEmail: field(body, 'contactEmail'),
    contactPhone: field(body, 'contactPhone'),
    supportType: field(body, 'supportType'),
    specialisms: asArray(body.specialisms),
    need: field(body, 'need'),
    timescale: field(body, 'timescale'),
    heardFrom: field(body, 'heardFrom'),
    leaderId: field(body, 'leaderId').slice(0, 12),
    // Anything but a token this service made is dropped, and the form is then sent as one without a token.
    submissionToken: SUBMISSION_TOKEN.test(field(body, 'submissionToken')) ? field(body, 'submissionToken') : '',
  };
}

export type ParsedEnquiryForm =
  | { ok: true; submission: EnquirySubmission }
  | { ok: false; values: EnquiryFormValues; errors: FormErrors; schoolChoices: School[] };

/**
 * Reads the form: works out the school from what was typed (or the choice offered last time), then
 * checks the rest with the same schema as the API, so both give the same answers to the same input.
 */
export async function parseEnquiryForm(
  schools: Pick<SchoolService, 'resolve'>,
  values: EnquiryFormValues,
): Promise<ParsedEnquiryForm> {
  const problems: FieldProblem[] = [];
  let schoolChoices: School[] = [];
  let schoolUrn: number | undefined;

  if (/^\d{5,7}$/.test(values.schoolUrn)) {
    schoolUrn = Number(values.schoolUrn);
  } else if (values.school === '') {
    problems.push({ field: 'schoolUrn', message: 'Enter your school’s name or URN' });
  } else {
    const resolution = await schools.resolve(values.school);
    if (resolution.kind === 'found') {
      schoolUrn = resolution.school.urn;
      values = { ...values, school: describeSchool(resolution.school) };
    } else if (resolution.kind === 'ambiguous') {
      schoolChoices = resolution.candidates;
      problems.push({
        field: 'schoolUrn',
        message: `More than one school matches ‘${values.school}’. Choose your school from the list, or enter its URN`,
      });
    } else if (resolution.kind === 'closed') {
      problems.push({
        field: 'schoolUrn',
        message: `${describeSchool(resolution.school)} is closed. Enter the name or URN of an open school`,
      });
    } else {
      problems.push({
        field: 'schoolUrn',
        message: `No open school matches ‘${values.school}’. Check the spelling, or enter your school’s 6-digit URN`,
      });
    }
  }

  const parsed = parseSubmission({
    schoolUrn,
    contactName: values.contactName,
    contactRole: values.contactRole,
    contactEmail: values.contactEmail,
    contactPhone: values.contactPhone,
    supportType: values.supportType || undefined,
    specialisms: values.specialisms,
    need: values.need,
    timescale: values.timescale || undefined,
    heardFrom: values.heardFrom || undefined,
    leaderId: parseId(values.leaderId),
  });
  if ('problems' in parsed) {
    // When the school was not found, that message says more than the schema's "enter a URN".
    const schoolAlreadyExplained = problems.length > 0;
    problems.push(...parsed.problems.filter((problem) => !(schoolAlreadyExplained && problem.field === 'schoolUrn')));
  }
  if (problems.length === 0 && 'submission' in parsed) return { ok: true, submission: parsed.submission };
  return {
    ok: false,
    values,
    errors: enquiryFormErrors(sortProblems(problems), schoolChoices.length > 0),
    schoolChoices,
  };
}

export function enquiryFormErrors(problems: FieldProblem[], offeringSchoolChoices: boolean): FormErrors {
  return toFormErrors(problems, { schoolUrn: offeringSchoolChoices ? 'schoolUrn' : 'school' });
}
