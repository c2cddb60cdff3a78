import type { FastifyRequest } from 'fastify';
import type { FieldProblem } from '../../platform/forms.ts';
import { PHASES } from '../leaders/leaders.model.ts';
import { describeSchool, type School } from '../schools/schools.service.ts';
import { groupSpecialisms, matchSpecialisms } from '../specialisms/specialisms.service.ts';
import {
  evidenceProblem,
  headshipRefusal,
  leadsASchool,
  otherAllianceRefusal,
  roleRefusal,
  ROLE_NAMES,
  specialismsProblem,
} from './application-eligibility.ts';
import type { ApplyServices, Question } from './apply-pages.ts';
import {
  choices,
  parseHeadship,
  parseOtherAlliance,
  parsePhases,
  parseRole,
  text,
  type HeadshipValues,
  type OtherAllianceValues,
  type RoleValues,
} from './apply.schema.ts';
import { APPLICANT_ROLES } from './applications.model.ts';

const fixed = (page: string) => () => page;
const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');
const number = (value: number | null) => (value === null ? '' : String(value));

export const PHASE_NAMES: Record<(typeof PHASES)[number], string> = {
  'early-years': 'Early years',
  primary: 'Primary',
  secondary: 'Secondary',
  'post-16': 'Post-16',
  special: 'Special',
  'alternative-provision': 'Alternative provision',
};

/** What was typed, the school chosen from those offered (schoolUrn), and the school given before. */
type SchoolValues = { school: string; schoolUrn: string; currentSchoolUrn: string };
const urnFrom = (value: string) => (/^\d{5,7}$/.test(value) ? Number(value) : undefined);

/** Your school: the register's type-ahead with JavaScript; without it, the words typed matched on the server. */
export function schoolQuestion(services: ApplyServices): Question<SchoolValues> {
  return {
    page: fixed('school'),
    view: 'designation/views/apply/school.njk',
    valuesOf: ({ application }) => ({ school: '', schoolUrn: '', currentSchoolUrn: number(application.schoolUrn) }),
    read: (body) => ({
      school: text(body, 'school').slice(0, 200),
      schoolUrn: text(body, 'schoolUrn').slice(0, 10),
      currentSchoolUrn: text(body, 'currentSchoolUrn').slice(0, 10),
    }),
    extra: async ({ application }) => {
      const school = application.schoolUrn === null ? undefined : await services.schools.find(application.schoolUrn);
      return { currentSchool: school ? describeSchool(school) : '' };
    },
    async submit({ application }, values) {
      const problem = (message: string, schoolChoices: School[] = []) => ({
        problems: [{ field: 'schoolUrn', message }],
        fieldIds: { schoolUrn: schoolChoices.length > 0 ? 'schoolUrn' : 'school' },
        extra: { schoolChoices },
      });
      // A school chosen from those offered wins; then what was typed; then the school given before.
      let urn = urnFrom(values.schoolUrn);
      if (urn === undefined && values.school !== '') {
        const found = await services.schools.resolve(values.school);
        if (found.kind === 'ambiguous')
          return problem(
            `More than one school matches ‘${values.school}’. Choose your school, or enter its URN`,
            found.candidates,
          );
        if (found.kind === 'closed')
          return problem(`${describeSchool(found.school)} is closed. Enter the name or URN of an open school`);
        if (found.kind === 'not-found')
          return problem(
            `No open school matches ‘${values.school}’. Check the spelling, or enter your school’s 6-digit URN`,
          );
        urn = found.school.urn;
      }
      urn ??= urnFrom(values.currentSchoolUrn);
      if (urn === undefined) return problem('Enter your school’s name or URN');
      if (!(await services.schools.find(urn))) return problem('No school has that URN. Enter your school’s name');
      await services.applications.answer(application, { schoolUrn: urn });
      return { saved: true };
    },
  };
}

/** Your role and years in it: an HLTA, a head applying as an SLE, or too few years stop here. */
export function roleQuestion(services: ApplyServices): Question<RoleValues> {
  return {
    page: fixed('role'),
    view: 'designation/views/apply/role.njk',
    valuesOf: ({ application: a }) => ({
      role: a.role ?? '',
      jobTitle: a.jobTitle ?? '',
      yearsInRole: number(a.yearsInRole),
      leadershipYears: number(a.leadershipYears),
    }),
    read: (body) => ({
      role: text(body, 'role').slice(0, 40),
      jobTitle: text(body, 'jobTitle').slice(0, 300),
      yearsInRole: text(body, 'yearsInRole').slice(0, 10),
      leadershipYears: text(body, 'leadershipYears').slice(0, 10),
    }),
    extra: async () => ({ roles: APPLICANT_ROLES.map((role) => ({ value: role, text: ROLE_NAMES[role] })) }),
    async submit({ application, rules }, values) {
      const parsed = parseRole(values, application.designationType);
      if (!parsed.ok) return { problems: parsed.problems };
      await services.applications.answer(application, parsed.value);
      const refusal = roleRefusal(application.designationType, parsed.value, rules);
      return refusal ? { refusal } : { saved: true };
    },
  };
}

/** An LLE's (or NLE's) commitments as a head. */
export function headshipQuestion(services: ApplyServices): Question<HeadshipValues> {
  return {
    page: fixed('headship'),
    view: 'designation/views/apply/headship.njk',
    applies: ({ application }) => leadsASchool(application.designationType),
    valuesOf: ({ application: a }) => ({
      yearsStaying: number(a.yearsStaying),
      governorsSupport: yesNo(a.governorsSupport),
      seniorStaffCover: yesNo(a.seniorStaffCover),
      coachingBeyondSchool: yesNo(a.coachingBeyondSchool),
    }),
    read: (body) => ({
      yearsStaying: text(body, 'yearsStaying').slice(0, 10),
      governorsSupport: text(body, 'governorsSupport').slice(0, 10),
      seniorStaffCover: text(body, 'seniorStaffCover').slice(0, 10),
      coachingBeyondSchool: text(body, 'coachingBeyondSchool').slice(0, 10),
    }),
    async submit({ application, rules }, values) {
      const parsed = parseHeadship(values);
      if (!parsed.ok) return { problems: parsed.problems };
      await services.applications.answer(application, parsed.value);
      const refusal = headshipRefusal(parsed.value, rules);
      return refusal ? { refusal } : { saved: true };
    },
  };
}

/** Another alliance: they may apply, but one alliance registers and deploys them. */
export function otherAllianceQuestion(services: ApplyServices): Question<OtherAllianceValues> {
  return {
    page: fixed('other-alliance'),
    view: 'designation/views/apply/other-alliance.njk',
    valuesOf: ({ application: a }) => ({
      designatedElsewhere: a.otherAlliance === null ? '' : a.otherAlliance === '' ? 'no' : 'yes',
      otherAllianceName: a.otherAlliance ?? '',
      registeredBy: a.otherAlliance ? 'this-alliance' : '',
    }),
    read: (body) => ({
      designatedElsewhere: text(body, 'designatedElsewhere').slice(0, 10),
      otherAllianceName: text(body, 'otherAllianceName').slice(0, 300),
      registeredBy: text(body, 'registeredBy').slice(0, 20),
    }),
    async submit({ application }, values) {
      const parsed = parseOtherAlliance(values);
      if (!parsed.ok) return { problems: parsed.problems };
      const refusal = otherAllianceRefusal(parsed.value.registeredBy);
      if (refusal) return { refusal };
      await services.applications.answer(application, { otherAlliance: parsed.value.otherAlliance });
      return { saved: true };
    },
  };
}

type SpecialismValues = { specialisms: string[]; phases: string[] };

/** Specialisms (an SLE needs one from the alliance's list) and the phases they work in. */
export function specialismsQuestion(services: ApplyServices): Question<SpecialismValues> {
  return {
    page: fixed('specialisms'),
    view: 'designation/views/apply/specialisms.njk',
    valuesOf: ({ application }) => ({ specialisms: [], phases: application.phases }),
    read: (body) => ({ specialisms: choices(body, 'specialisms'), phases: choices(body, 'phases') }),
    extra: async ({ application }) => {
      const active = await services.specialisms.active();
      return {
        specialismGroups: groupSpecialisms(active),
        chosenSpecialisms: active
          .filter((each) => application.specialismIds.includes(each.id))
          .map((each) => each.name),
        phaseItems: PHASES.map((phase) => ({ value: phase, text: PHASE_NAMES[phase] })),
      };
    },
    async submit({ application }, values) {
      const active = await services.specialisms.active();
      const { matched, unknown } = matchSpecialisms(active, values.specialisms);
      const ids = matched.map((each) => each.id);
      const problems: FieldProblem[] = [];
      const problem = specialismsProblem(
        application.designationType,
        unknown.length > 0 ? [...ids, -1] : ids,
        new Set(active.map((each) => each.id)),
      );
      if (problem) problems.push({ field: 'specialisms', message: problem });
      const phases = parsePhases(values.phases);
      if (!phases.ok) problems.push(...phases.problems);
      if (problems.length > 0 || !phases.ok) return { problems, extra: { chosenSpecialisms: values.specialisms } };
      await services.applications.chooseSpecialisms(application, ids, phases.value);
      return { saved: true };
    },
  };
}

type EvidenceValues = { evidence: string };
const criterionIdOf = (request: FastifyRequest) => String((request.params as { criterionId?: string }).criterionId);

/** The evidence for one criterion, within the alliance's word limit. */
export function evidenceQuestion(services: ApplyServices): Question<EvidenceValues> {
  const criterionOf = (ctx: { criteria: { id: number }[]; request: FastifyRequest }) =>
    ctx.criteria.find((criterion) => String(criterion.id) === criterionIdOf(ctx.request));
  return {
    page: (request) => `evidence/${criterionIdOf(request)}`,
    view: 'designation/views/apply/evidence.njk',
    exists: (ctx) => criterionOf(ctx) !== undefined,
    valuesOf: (ctx) => ({ evidence: ctx.application.evidence[criterionOf(ctx)!.id] ?? '' }),
    read: (body) => ({ evidence: text(body, 'evidence') }),
    extra: async (ctx) => ({ criterion: criterionOf(ctx) }),
    async submit(ctx, values) {
      const problem = evidenceProblem(values.evidence, ctx.rules);
      if (problem) return { problems: [{ field: 'evidence', message: problem }] };
      await services.applications.saveEvidence(ctx.application, criterionOf(ctx)!.id, values.evidence);
      return { saved: true };
    },
  };
}
