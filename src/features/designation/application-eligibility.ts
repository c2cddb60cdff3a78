import type { DesignationType } from '../leaders/leaders.model.ts';
import type { ApplicantRole } from './applications.model.ts';
import type { DesignationRules } from './designation.model.ts';

/**
 * Who may apply, as national guidance set it and alliances applied it: each rule is a reason the
 * journey stops, said in plain words on the "You cannot apply" page. The figures are the alliance's.
 */
export const REFUSALS = [
  'sle-headteacher',
  'hlta',
  'sle-leadership-years',
  'lle-not-headteacher',
  'lle-headship-years',
  'lle-years-staying',
  'lle-governors-support',
  'lle-senior-staff-cover',
  'lle-coaching',
  'registered-elsewhere',
] as const;
export type Refusal = (typeof REFUSALS)[number];

/** The roles that lead a school: an SLE is not one of them, an LLE must be. */
const HEADTEACHERS: readonly ApplicantRole[] = ['headteacher', 'acting-headteacher', 'executive-headteacher'];

/**
 * An NLE, like an LLE, is a serving headteacher; national guidance set no separate figures for an
 * alliance that designates NLEs, so they are held to the LLE's.
 */
export function leadsASchool(type: DesignationType): boolean {
  return type !== 'sle';
}

export const ROLE_NAMES: Record<ApplicantRole, string> = {
  'middle-leader': 'Middle leader (for example, head of department or phase leader)',
  'senior-leader': 'Senior leader (for example, assistant headteacher or SENCo)',
  'deputy-headteacher': 'Deputy headteacher',
  headteacher: 'Headteacher',
  'acting-headteacher': 'Acting headteacher',
  'executive-headteacher': 'Executive headteacher',
  hlta: 'Higher level teaching assistant (HLTA)',
};

/** The role and years: an HLTA never; an SLE not a head, with the years in leadership; an LLE a head with the years of headship. */
export function roleRefusal(
  type: DesignationType,
  answers: { role: ApplicantRole; leadershipYears: number },
  rules: DesignationRules,
): Refusal | undefined {
  if (answers.role === 'hlta') return 'hlta';
  const isHead = HEADTEACHERS.includes(answers.role);
  if (!leadsASchool(type)) {
    if (isHead) return 'sle-headteacher';
    return answers.leadershipYears < rules.sleMinimumLeadershipYears ? 'sle-leadership-years' : undefined;
  }
  if (!isHead) return 'lle-not-headteacher';
  return answers.leadershipYears < rules.lleMinimumHeadshipYears ? 'lle-headship-years' : undefined;
}

export type HeadshipAnswers = {
  yearsStaying: number;
  governorsSupport: boolean;
  seniorStaffCover: boolean;
  coachingBeyondSchool: boolean;
};

/** An LLE's commitments: staying on, the governors' support, cover at school, and coaching beyond it. */
export function headshipRefusal(answers: HeadshipAnswers, rules: DesignationRules): Refusal | undefined {
  if (answers.yearsStaying < rules.lleMinimumYearsStaying) return 'lle-years-staying';
  if (!answers.governorsSupport) return 'lle-governors-support';
  if (!answers.seniorStaffCover) return 'lle-senior-staff-cover';
  if (!answers.coachingBeyondSchool) return 'lle-coaching';
  return undefined;
}

/**
 * A leader may apply to more than one alliance but is registered and deployed by one: applying here
 * while another alliance is to register them would make two registrations.
 */
export function otherAllianceRefusal(registeredBy: 'this-alliance' | 'other-alliance'): Refusal | undefined {
  return registeredBy === 'other-alliance' ? 'registered-elsewhere' : undefined;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Why the journey stopped, in the alliance's figures. */
export function refusalReason(refusal: Refusal, rules: DesignationRules): string {
  switch (refusal) {
    case 'sle-headteacher':
      return 'A Specialist Leader of Education is a middle or senior leader, not the headteacher. A headteacher can apply to be a Local Leader of Education instead.';
    case 'hlta':
      return 'Higher level teaching assistants are not eligible to be designated as system leaders.';
    case 'sle-leadership-years':
      return `A Specialist Leader of Education needs at least ${plural(rules.sleMinimumLeadershipYears, 'year')} in a leadership role.`;
    case 'lle-not-headteacher':
      return 'A Local Leader of Education is a serving headteacher (an acting headteacher counts). A middle or senior leader can apply to be a Specialist Leader of Education instead.';
    case 'lle-headship-years':
      return `A Local Leader of Education needs at least ${plural(rules.lleMinimumHeadshipYears, 'year')} of headship (acting headship counts).`;
    case 'lle-years-staying':
      return `A Local Leader of Education must expect to stay at their school for at least ${plural(rules.lleMinimumYearsStaying, 'more year')}.`;
    case 'lle-governors-support':
      return 'A Local Leader of Education needs the support of their governing body or trust board for their work in other schools.';
    case 'lle-senior-staff-cover':
      return 'A Local Leader of Education needs senior staff who can run their school while they support another.';
    case 'lle-coaching':
      return 'A Local Leader of Education needs experience of coaching or mentoring leaders beyond their own school.';
    case 'registered-elsewhere':
      return 'A leader may apply to more than one alliance, but is registered and deployed by one. As the other alliance is to register you, apply through them.';
  }
}

/** Words as a reader counts them: runs of letters or figures, with any punctuation inside them. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** The evidence for one criterion: written, and within the alliance's word limit. */
export function evidenceProblem(evidence: string, rules: DesignationRules): string | undefined {
  if (evidence.trim() === '') return 'Write your evidence for this criterion';
  const words = countWords(evidence);
  if (words > rules.evidenceWordLimit)
    return `Your evidence must be ${rules.evidenceWordLimit} words or fewer (it is ${words})`;
  return undefined;
}

/** An SLE is designated in a specialism: at least one from the alliance's list. */
export function specialismsProblem(
  type: DesignationType,
  chosen: readonly number[],
  alliancesList: ReadonlySet<number>,
): string | undefined {
  if (chosen.some((id) => !alliancesList.has(id))) return 'Select specialisms from the list';
  if (type === 'sle' && chosen.length === 0) return 'Select at least one specialism';
  return undefined;
}
