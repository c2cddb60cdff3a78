import { field, toFormErrors, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import { parseId } from '../../platform/ids.ts';
import type { School, SchoolResolution } from '../schools/schools.service.ts';
import { describeSchool } from '../schools/schools.service.ts';
import { AGREEMENT_KINDS, type LeaderChoice, type NewAgreement } from './agreements.model.ts';

/** The start page as typed: names are resolved to records when it is sent. */
export type StartFormValues = {
  kind: string;
  leader: string;
  leaderId: string;
  school: string;
  schoolUrn: string;
  enquiry: string;
};

export function startFormValues(body: Record<string, unknown>): StartFormValues {
  return {
    kind: field(body, 'kind'),
    leader: field(body, 'leader').slice(0, 200),
    leaderId: field(body, 'leaderId').slice(0, 12),
    school: field(body, 'school').slice(0, 300),
    schoolUrn: field(body, 'schoolUrn').slice(0, 12),
    enquiry: field(body, 'enquiry').slice(0, 30),
  };
}

/** What the start form looks up, in the alliance: given by AgreementService.parseStart. */
export type StartLookups = {
  leader(id: number): Promise<{ id: number; name: string; email: string } | undefined>;
  searchLeaders(text: string, limit: number): Promise<LeaderChoice[]>;
  school(urn: number): Promise<School | undefined>;
  resolveSchool(text: string): Promise<SchoolResolution>;
  enquiry(reference: string): Promise<{ id: number } | undefined>;
};

export type ParsedStartForm =
  | { ok: true; agreement: NewAgreement; values: StartFormValues }
  | { ok: false; values: StartFormValues; errors: FormErrors; leaderChoices: LeaderChoice[]; schoolChoices: School[] };

const CHOICES = 10;

/** "Amira Hussain (a.hussain@palmerston.example)": names one leader, however many share the name. */
export function leaderLabel(leader: { name: string; email: string }): string {
  return `${leader.name} (${leader.email})`;
}

/** The form's problems, with the summary linking to the choices when they are offered. */
export function startFormErrors(
  problems: FieldProblem[],
  offering: { leaders: boolean; schools: boolean },
): FormErrors {
  return toFormErrors(problems, {
    leaderId: offering.leaders ? 'leaderId' : 'leader',
    supportedSchoolUrn: offering.schools ? 'schoolUrn' : 'school',
    enquiryId: 'enquiry',
  });
}

/**
 * Works out the leader, the school and the enquiry from what a coordinator typed (or chose when
 * several matched), as the request-support form does for schools.
 */
export async function parseStartForm(input: StartFormValues, lookups: StartLookups): Promise<ParsedStartForm> {
  let values = input;
  const problems: FieldProblem[] = [];
  let leaderChoices: LeaderChoice[] = [];
  let schoolChoices: School[] = [];

  const kind = AGREEMENT_KINDS.find((candidate) => candidate === values.kind);
  if (!kind) problems.push({ field: 'kind', message: 'Select the kind of agreement' });

  let leaderId: number | undefined;
  const typedLeaderId = parseId(values.leaderId);
  const chosen = typedLeaderId === undefined ? undefined : await lookups.leader(typedLeaderId);
  if (chosen) {
    leaderId = chosen.id;
    values = { ...values, leader: leaderLabel(chosen), leaderId: '' };
  } else if (values.leader === '')
    problems.push({ field: 'leaderId', message: 'Enter the leader’s name or email address' });
  else {
    const found = await lookups.searchLeaders(values.leader, CHOICES + 1);
    if (found.length === 1) {
      leaderId = found[0]!.id;
      values = { ...values, leader: leaderLabel(found[0]!) };
    } else if (found.length === 0)
      problems.push({
        field: 'leaderId',
        message: `No leader in the alliance matches ‘${values.leader}’. Check the spelling, or enter their email address`,
      });
    else {
      leaderChoices = found.slice(0, CHOICES);
      problems.push({
        field: 'leaderId',
        message: `More than one leader matches ‘${values.leader}’. Choose one from the list`,
      });
    }
  }

  let schoolUrn: number | undefined;
  const chosenSchool = /^\d{5,7}$/.test(values.schoolUrn) ? await lookups.school(Number(values.schoolUrn)) : undefined;
  if (chosenSchool) {
    schoolUrn = chosenSchool.urn;
    values = { ...values, school: describeSchool(chosenSchool), schoolUrn: '' };
  } else if (values.school === '')
    problems.push({ field: 'supportedSchoolUrn', message: 'Enter the supported school’s name or URN' });
  else {
    const resolution = await lookups.resolveSchool(values.school);
    if (resolution.kind === 'found') {
      schoolUrn = resolution.school.urn;
      values = { ...values, school: describeSchool(resolution.school) };
    } else if (resolution.kind === 'ambiguous') {
      schoolChoices = resolution.candidates;
      problems.push({
        field: 'supportedSchoolUrn',
        message: `More than one school matches ‘${values.school}’. Choose one from the list, or enter its URN`,
      });
    } else if (resolution.kind === 'closed')
      problems.push({
        field: 'supportedSchoolUrn',
        message: `${describeSchool(resolution.school)} is closed. Enter the name or URN of an open school`,
      });
    else
      problems.push({
        field: 'supportedSchoolUrn',
        message: `No open school matches ‘${values.school}’. Check the spelling, or enter its URN`,
      });
  }

  let enquiryId: number | null = null;
  if (values.enquiry !== '') {
    const enquiry = await lookups.enquiry(values.enquiry);
    if (enquiry) enquiryId = enquiry.id;
    else
      problems.push({
        field: 'enquiryId',
        message: `No enquiry has the reference ‘${values.enquiry}’. Check it, or leave it empty`,
      });
  }

  if (problems.length > 0 || !kind || leaderId === undefined || schoolUrn === undefined) {
    return {
      ok: false,
      values,
      errors: startFormErrors(problems, { leaders: leaderChoices.length > 0, schools: schoolChoices.length > 0 }),
      leaderChoices,
      schoolChoices,
    };
  }
  return { ok: true, agreement: { kind, leaderId, supportedSchoolUrn: schoolUrn, enquiryId }, values };
}
