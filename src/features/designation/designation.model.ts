import type { DesignationType } from '../leaders/leaders.model.ts';

/** The figures an alliance designates by (designation_rules), with national guidance's defaults. */
export type DesignationRules = {
  sleMinimumLeadershipYears: number;
  lleMinimumHeadshipYears: number;
  lleMinimumYearsStaying: number;
  evidenceWordLimit: number;
  designationYears: number;
  appealDays: number;
  reminderDays: number;
};

/** National guidance's figures, as alliances applied them: every alliance starts from these. */
export const DEFAULT_RULES: DesignationRules = {
  sleMinimumLeadershipYears: 2,
  lleMinimumHeadshipYears: 3,
  lleMinimumYearsStaying: 2,
  evidenceWordLimit: 500,
  designationYears: 4,
  appealDays: 28,
  reminderDays: 7,
};

export const DESIGNATION_RULE_BOUNDS: Record<keyof DesignationRules, { min: number; max: number }> = {
  sleMinimumLeadershipYears: { min: 0, max: 20 },
  lleMinimumHeadshipYears: { min: 0, max: 20 },
  lleMinimumYearsStaying: { min: 0, max: 10 },
  evidenceWordLimit: { min: 50, max: 2000 },
  designationYears: { min: 1, max: 10 },
  appealDays: { min: 1, max: 365 },
  reminderDays: { min: 1, max: 60 },
};

/** What forms, pages and the audit trail call each rule. */
export const RULE_LABELS: Record<keyof DesignationRules, string> = {
  sleMinimumLeadershipYears: 'SLE: years in a leadership role, at least',
  lleMinimumHeadshipYears: 'LLE: years of headship, at least',
  lleMinimumYearsStaying: 'LLE: years they expect to stay at their school, at least',
  evidenceWordLimit: 'Words of evidence for each criterion, at most',
  designationYears: 'Years a designation lasts before its review',
  appealDays: 'Days an applicant or leader has to appeal a decision',
  reminderDays: 'Days before referees and consenters are reminded',
};

/** Each rule as a sentence names it, for its error messages ("Enter the years ..."). */
export const RULE_PHRASES: Record<keyof DesignationRules, string> = {
  sleMinimumLeadershipYears: 'the years in a leadership role an SLE needs',
  lleMinimumHeadshipYears: 'the years of headship an LLE needs',
  lleMinimumYearsStaying: 'the years an LLE must expect to stay',
  evidenceWordLimit: 'the word limit for evidence',
  designationYears: 'the years a designation lasts',
  appealDays: 'the days allowed for an appeal',
  reminderDays: 'the days before a reminder',
};

export type Criterion = {
  id: number;
  designationType: DesignationType;
  position: number;
  title: string;
  description: string;
};

export type CriterionDetails = Pick<Criterion, 'title' | 'description'>;

/** The types an alliance recruits for, in the order the pages list them. */
export const RECRUITED_TYPES = ['sle', 'lle', 'nle'] as const satisfies readonly DesignationType[];

export const TYPE_NAMES: Record<DesignationType, string> = {
  sle: 'Specialist Leader of Education (SLE)',
  lle: 'Local Leader of Education (LLE)',
  nle: 'National Leader of Education (NLE)',
};

const SKILLS =
  'Communication and interpersonal skills, emotional intelligence, knowing what outstanding looks like in ' +
  'their field, an analytical approach to what a school needs, and growing leadership in others.';

/**
 * The criteria national guidance set, as alliances applied them: every alliance starts from these and
 * edits its own. They name no figures: those are the rules' (designation_rules), which the public page
 * states beside them, so changing a figure cannot leave a criterion saying another.
 */
export const DEFAULT_CRITERIA: Record<DesignationType, CriterionDetails[]> = {
  sle: [
    {
      title: 'Experience',
      description:
        'An outstanding middle or senior leader (not the headteacher) with the years in a leadership role the ' +
        'alliance asks for, and expertise in at least one of its specialisms.',
    },
    {
      title: 'Track record',
      description:
        'Evidence of impact from working beyond their own team: improvement they led, and how it was measured.',
    },
    {
      title: 'Capacity and commitment',
      description:
        'Time and commitment to support other schools, with the support of their headteacher, who agrees the ' +
        'school can release them.',
    },
    { title: 'Skills', description: `${SKILLS} How their specialism serves wider school improvement.` },
  ],
  lle: [
    {
      title: 'Experience',
      description:
        'A serving headteacher with the years of headship the alliance asks for (acting headship counts), ' +
        'expecting to stay at their school, with senior staff able to run the school in their absence.',
    },
    {
      title: 'Track record',
      description:
        'Evidence of impact from coaching or mentoring other leaders beyond their own school, and of improving ' +
        'their own school.',
    },
    {
      title: 'Capacity and commitment',
      description: 'The support of the governing body or trust board for their work in other schools.',
    },
    { title: 'Skills', description: SKILLS },
  ],
  nle: [
    {
      title: 'Experience',
      description: 'A serving headteacher of a school with a strong record of improvement, and of leading others.',
    },
    {
      title: 'Track record',
      description: 'Evidence of impact from supporting schools in challenging circumstances beyond their own.',
    },
    {
      title: 'Capacity and commitment',
      description: 'The support of the governing body or trust board, and staff able to lead the school meanwhile.',
    },
    { title: 'Skills', description: SKILLS },
  ],
};
