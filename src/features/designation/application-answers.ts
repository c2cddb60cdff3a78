import type { DesignationType } from '../leaders/leaders.model.ts';
import {
  evidenceProblem,
  headshipRefusal,
  leadsASchool,
  refusalReason,
  roleRefusal,
  specialismsProblem,
} from './application-eligibility.ts';
import type { ApplicationRow } from './applications.repository.ts';
import type { RequestKind } from './applications.model.ts';
import type { Criterion, DesignationRules } from './designation.model.ts';

/** Something stopping an application being sent, linking to the page that answers it. */
export type AnswerProblem = { text: string; href: string };

/** The journey's question pages after the applicant's details, in order; each a path under /apply. */
export function journeyPages(type: DesignationType, criteria: readonly Pick<Criterion, 'id'>[]): string[] {
  return [
    'school',
    'role',
    ...(leadsASchool(type) ? ['headship'] : []),
    'other-alliance',
    'specialisms',
    ...criteria.map((criterion) => `evidence/${criterion.id}`),
    'referees',
    'consent',
    'check',
  ];
}

/** The page after this one: the next question, or back to check your answers when changing one. */
export function nextPage(
  type: DesignationType,
  criteria: readonly Pick<Criterion, 'id'>[],
  current: string,
  fromCheck: boolean,
): string {
  const pages = journeyPages(type, criteria);
  if (fromCheck) return '/apply/check';
  const index = pages.indexOf(current);
  return `/apply/${pages[index + 1] ?? 'check'}`;
}

/** The page before this one, for its back link. */
export function previousPage(type: DesignationType, criteria: readonly Pick<Criterion, 'id'>[], current: string) {
  const pages = journeyPages(type, criteria);
  const index = pages.indexOf(current);
  return index <= 0 ? '/apply/your-details' : `/apply/${pages[index - 1]}`;
}

/**
 * Whom an application asks, by designation: two references (an LLE's line manager is the chair of
 * governors) and the release consent of the head and the chair. An LLE is the head, so only the chair's
 * consent is asked: the head's would be the applicant's own.
 */
export function requestKindsFor(type: DesignationType): RequestKind[] {
  return leadsASchool(type)
    ? ['line-manager-reference', 'supported-leader-reference', 'chair-consent']
    : ['line-manager-reference', 'supported-leader-reference', 'head-consent', 'chair-consent'];
}

type Parts = Pick<
  ApplicationRow,
  | 'designationType'
  | 'schoolUrn'
  | 'role'
  | 'jobTitle'
  | 'yearsInRole'
  | 'leadershipYears'
  | 'yearsStaying'
  | 'governorsSupport'
  | 'seniorStaffCover'
  | 'coachingBeyondSchool'
  | 'otherAlliance'
  | 'phases'
> & { specialismIds: number[]; evidence: Record<number, string>; requests: { kind: RequestKind }[] };

const MISSING_PERSON: Record<RequestKind, AnswerProblem> = {
  'line-manager-reference': { text: 'Give your first referee’s details', href: '/apply/referees' },
  'supported-leader-reference': { text: 'Give your second referee’s details', href: '/apply/referees' },
  'head-consent': { text: 'Give your headteacher’s name and email for consent', href: '/apply/consent' },
  'chair-consent': { text: 'Give your chair of governors’ name and email for consent', href: '/apply/consent' },
};

/** Everything still to answer, and any answer the rules refuse now, in the order of the journey. */
export function applicationProblems(
  application: Parts,
  context: { rules: DesignationRules; criteria: Criterion[]; specialismIds: ReadonlySet<number>; roundOpen: boolean },
): AnswerProblem[] {
  const { rules } = context;
  const type = application.designationType;
  const problems: AnswerProblem[] = [];
  if (!context.roundOpen)
    problems.push({ text: 'The recruitment round you applied in has closed', href: '/apply/designation' });
  if (application.schoolUrn === null) problems.push({ text: 'Enter your school', href: '/apply/school' });
  const { role, leadershipYears } = application;
  if (role === null || leadershipYears === null || application.yearsInRole === null || !application.jobTitle)
    problems.push({ text: 'Tell us your role and years in it', href: '/apply/role' });
  else {
    const refusal = roleRefusal(type, { role, leadershipYears }, rules);
    if (refusal) problems.push({ text: refusalReason(refusal, rules), href: '/apply/role' });
  }
  if (leadsASchool(type)) {
    const { yearsStaying, governorsSupport, seniorStaffCover, coachingBeyondSchool } = application;
    if (
      yearsStaying === null ||
      governorsSupport === null ||
      seniorStaffCover === null ||
      coachingBeyondSchool === null
    )
      problems.push({ text: 'Answer the questions about your headship', href: '/apply/headship' });
    else {
      const refusal = headshipRefusal(
        { yearsStaying, governorsSupport, seniorStaffCover, coachingBeyondSchool },
        rules,
      );
      if (refusal) problems.push({ text: refusalReason(refusal, rules), href: '/apply/headship' });
    }
  }
  if (application.otherAlliance === null)
    problems.push({ text: 'Tell us whether another alliance designates you', href: '/apply/other-alliance' });
  const specialisms = specialismsProblem(type, application.specialismIds, context.specialismIds);
  if (specialisms) problems.push({ text: specialisms, href: '/apply/specialisms' });
  if (application.phases.length === 0)
    problems.push({ text: 'Select the phases you work in', href: '/apply/specialisms' });
  for (const criterion of context.criteria) {
    const problem = evidenceProblem(application.evidence[criterion.id] ?? '', rules);
    if (problem)
      problems.push({ text: `${criterion.title}: ${problem.toLowerCase()}`, href: `/apply/evidence/${criterion.id}` });
  }
  const named = new Set(application.requests.map((request) => request.kind));
  for (const kind of requestKindsFor(type)) if (!named.has(kind)) problems.push(MISSING_PERSON[kind]);
  return problems;
}
