import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import { describeSchool, type School, type SchoolService } from '../schools/schools.service.ts';
import {
  checkLeaderDetails,
  leaderFormErrors,
  type LeaderDetails,
  type LeaderDetailsValues,
  type LeaderFormErrors,
} from './leaders-admin.schema.ts';

export type ParsedLeaderDetails =
  | { ok: true; details: LeaderDetails & { homeSchoolUrn: number }; values: LeaderDetailsValues }
  | {
      ok: false;
      values: LeaderDetailsValues;
      problems: FieldProblem[];
      dateParts: LeaderFormErrors['dateParts'];
      schoolChoices: School[];
    };

/**
 * Reads the leader's details form: the home school as the enquiry form finds a school (a URN, a name
 * whole or in part, or a choice among several that matched), then the rest. A closed school is
 * refused, except the leader's current one: a school closed by the last import of the register
 * should not stop a coordinator correcting a leader's name.
 */
export async function parseLeaderDetails(
  schools: Pick<SchoolService, 'resolve'>,
  values: LeaderDetailsValues,
  today: CalendarDate,
  currentSchoolUrn?: number,
): Promise<ParsedLeaderDetails> {
  const problems: FieldProblem[] = [];
  let schoolChoices: School[] = [];
  let homeSchoolUrn: number | undefined;
  if (/^\d{5,7}$/.test(values.homeSchoolUrn)) {
    homeSchoolUrn = Number(values.homeSchoolUrn);
  } else if (values.homeSchool === '') {
    problems.push({ field: 'homeSchoolUrn', message: 'Enter their home school’s name or URN' });
  } else {
    const resolution = await schools.resolve(values.homeSchool);
    if (resolution.kind === 'found' || (resolution.kind === 'closed' && resolution.school.urn === currentSchoolUrn)) {
      homeSchoolUrn = resolution.school.urn;
      values = { ...values, homeSchool: describeSchool(resolution.school) };
    } else if (resolution.kind === 'ambiguous') {
      schoolChoices = resolution.candidates;
      problems.push({
        field: 'homeSchoolUrn',
        message: `More than one school matches ‘${values.homeSchool}’. Choose their school from the list, or enter its URN`,
      });
    } else if (resolution.kind === 'closed') {
      problems.push({
        field: 'homeSchoolUrn',
        message: `${describeSchool(resolution.school)} is closed. Enter the name or URN of an open school`,
      });
    } else {
      problems.push({
        field: 'homeSchoolUrn',
        message: `No open school matches ‘${values.homeSchool}’. Check the spelling, or enter the school’s 6-digit URN`,
      });
    }
  }
  const checked = checkLeaderDetails(values, today);
  // The home school comes after the job title on the form, so its problem goes there in the summary.
  const rest = checked.ok ? [] : checked.problems;
  const before = rest.filter((problem) => ['name', 'email', 'jobTitle'].includes(problem.field));
  const after = rest.filter((problem) => !['name', 'email', 'jobTitle'].includes(problem.field));
  const all = [...before, ...problems, ...after];
  if (checked.ok && homeSchoolUrn !== undefined && all.length === 0)
    return { ok: true, details: { ...checked.value, homeSchoolUrn }, values };
  return { ok: false, values, problems: all, dateParts: checked.ok ? {} : checked.dateParts, schoolChoices };
}

/** Where each problem's summary link goes: the school box, or the first of the choices offered. */
export function detailsFormErrors(
  problems: FieldProblem[],
  dateParts: LeaderFormErrors['dateParts'],
  offeringSchoolChoices: boolean,
): LeaderFormErrors {
  return leaderFormErrors(problems, dateParts, {
    homeSchoolUrn: offeringSchoolChoices ? 'homeSchoolUrn' : 'homeSchool',
    phases: 'phases',
    specialisms: 'specialisms',
    listed: 'listed',
  });
}
