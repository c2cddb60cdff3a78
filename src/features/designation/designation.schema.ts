import { z } from 'zod';
import { readRequiredDate, readDateParts, datePartsFrom, type DateParts } from '../../platform/date-input.ts';
import { asArray, field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import { parseId } from '../../platform/ids.ts';
import { DESIGNATION_TYPES } from '../leaders/leaders.model.ts';
import {
  DEFAULT_RULES,
  DESIGNATION_RULE_BOUNDS,
  RULE_PHRASES,
  type CriterionDetails,
  type DesignationRules,
} from './designation.model.ts';
import type { NewRound } from './recruitment-rounds.service.ts';

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const RULE_FIELDS = Object.keys(DESIGNATION_RULE_BOUNDS) as Array<keyof DesignationRules>;
export type RulesFormValues = Record<keyof DesignationRules, string>;

export function rulesFormValues(body: Record<string, unknown>): RulesFormValues {
  return Object.fromEntries(RULE_FIELDS.map((name) => [name, field(body, name).slice(0, 20)])) as RulesFormValues;
}

export function rulesAsValues(rules: DesignationRules): RulesFormValues {
  return Object.fromEntries(RULE_FIELDS.map((name) => [name, String(rules[name])])) as RulesFormValues;
}

function ruleNumber(name: keyof DesignationRules) {
  const { min, max } = DESIGNATION_RULE_BOUNDS[name];
  const phrase = RULE_PHRASES[name];
  const subject = `${phrase[0]!.toUpperCase()}${phrase.slice(1)}`;
  return z
    .string()
    .min(1, `Enter ${phrase}`)
    .regex(/^\d+$/, `${subject} must be a whole number, like ${DEFAULT_RULES[name]}`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `${subject} must be between ${min} and ${max}`);
}

const rulesSchema = z.object({
  sleMinimumLeadershipYears: ruleNumber('sleMinimumLeadershipYears'),
  lleMinimumHeadshipYears: ruleNumber('lleMinimumHeadshipYears'),
  lleMinimumYearsStaying: ruleNumber('lleMinimumYearsStaying'),
  evidenceWordLimit: ruleNumber('evidenceWordLimit'),
  designationYears: ruleNumber('designationYears'),
  appealDays: ruleNumber('appealDays'),
  reminderDays: ruleNumber('reminderDays'),
}) satisfies z.ZodType<DesignationRules, RulesFormValues>;

export function parseRules(values: RulesFormValues): Parsed<DesignationRules> {
  const parsed = rulesSchema.safeParse(values);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: problemsFromZod(parsed.error) };
}

export type CriterionFormValues = { designationType: string; title: string; description: string };

export function criterionFormValues(body: Record<string, unknown>): CriterionFormValues {
  return {
    designationType: field(body, 'designationType').slice(0, 10),
    title: field(body, 'title').replace(/\s+/g, ' '),
    description: field(body, 'description').replace(/\r\n?/g, '\n'),
  };
}

const criterionSchema = z.object({
  title: z.string().min(1, 'Enter the criterion’s title').max(100, 'The title must be 100 characters or fewer'),
  description: z
    .string()
    .min(1, 'Describe what applicants must show')
    .max(1000, 'The description must be 1000 characters or fewer'),
});

export function parseCriterion(values: CriterionFormValues): Parsed<CriterionDetails> {
  const parsed = criterionSchema.safeParse(values);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: problemsFromZod(parsed.error) };
}

export const designationTypeSchema = z.enum(DESIGNATION_TYPES, { error: 'Select the designation' });

export type RoundFormValues = {
  designationType: string;
  opensOn: DateParts;
  closesOn: DateParts;
  note: string;
  specialismIds: string[];
};

export function roundFormValues(body: Record<string, unknown>): RoundFormValues {
  return {
    designationType: field(body, 'designationType').slice(0, 10),
    opensOn: datePartsFrom(body, 'opensOn'),
    closesOn: datePartsFrom(body, 'closesOn'),
    note: field(body, 'note').replace(/\r\n?/g, '\n'),
    specialismIds: asArray(body.specialismIds).slice(0, 200),
  };
}

/** A round's answers, each problem found in one go, in the order of the form. */
export function parseRound(values: RoundFormValues): Parsed<NewRound> {
  const problems: FieldProblem[] = [];
  const type = designationTypeSchema.safeParse(values.designationType);
  if (!type.success) problems.push({ field: 'designationType', message: 'Select the designation' });
  const opens = readRequiredDate(values.opensOn, 'the opening date');
  if (!opens.ok) problems.push({ field: 'opensOn', message: opens.message });
  const closesReading = readDateParts(values.closesOn, { label: 'Closing date' });
  let closesOn: string | null = null;
  if (!closesReading.ok) problems.push({ field: 'closesOn', message: closesReading.message });
  else if (closesReading.date !== null) {
    const closes = readRequiredDate(values.closesOn, 'the closing date');
    if (!closes.ok) problems.push({ field: 'closesOn', message: closes.message });
    else if (opens.ok && closes.date < opens.date)
      problems.push({ field: 'closesOn', message: 'The closing date must be the same as or after the opening date' });
    else closesOn = closes.date;
  }
  if (values.note.length > 1000) problems.push({ field: 'note', message: 'The note must be 1000 characters or fewer' });
  const specialismIds = values.specialismIds.map(parseId);
  if (specialismIds.some((id) => id === undefined))
    problems.push({ field: 'specialismIds', message: 'Select specialisms from the list' });
  if (problems.length > 0 || !type.success || !opens.ok) return { ok: false, problems };
  return {
    ok: true,
    value: {
      designationType: type.data,
      opensOn: opens.date,
      closesOn,
      note: values.note,
      specialismIds: [...new Set(specialismIds as number[])],
    },
  };
}
