import { datePartsFrom, readRequiredDate, type DateParts } from '../../platform/date-input.ts';
import { field, type FieldProblem } from '../../platform/forms.ts';
import { parseId } from '../../platform/ids.ts';
import { APPEAL_OUTCOMES, type AppealOutcome } from './applications.model.ts';
import type { NewReviewAppeal, ReviewAppealDecision } from './designation-review-appeals.service.ts';

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };
type Body = Record<string, unknown>;

export const GROUNDS_LIMIT = 5000;
export const APPEAL_NOTES_LIMIT = 5000;

/** Text as typed, its line endings made one kind and bounded well past its limit, so it can be shown again. */
const text = (body: Body, name: string, limit: number) =>
  field(body, name)
    .replace(/\r\n?/g, '\n')
    .slice(0, limit + 500);

export type ReviewAppealValues = { lodgedOn: DateParts; grounds: string };

export function reviewAppealValues(body: Body): ReviewAppealValues {
  return { lodgedOn: datePartsFrom(body, 'lodgedOn'), grounds: text(body, 'grounds', GROUNDS_LIMIT) };
}

export function parseReviewAppeal(values: ReviewAppealValues): Parsed<NewReviewAppeal> {
  const problems: FieldProblem[] = [];
  const lodgedOn = readRequiredDate(values.lodgedOn, 'the date the appeal was lodged');
  if (!lodgedOn.ok) problems.push({ field: 'lodgedOn', message: lodgedOn.message });
  if (values.grounds.trim() === '') problems.push({ field: 'grounds', message: 'Enter the grounds of the appeal' });
  else if (values.grounds.length > GROUNDS_LIMIT)
    problems.push({ field: 'grounds', message: `The grounds must be ${GROUNDS_LIMIT} characters or fewer` });
  if (problems.length > 0 || !lodgedOn.ok) return { ok: false, problems };
  return { ok: true, value: { lodgedOn: lodgedOn.date, grounds: values.grounds } };
}

export function parseAppealPanel(body: Body): Parsed<number> {
  const id = parseId(field(body, 'panelId'));
  return id === undefined
    ? { ok: false, problems: [{ field: 'panelId', message: 'Select the panel that will hear the appeal' }] }
    : { ok: true, value: id };
}

export type AppealDecisionValues = { appealOutcome: string; appealNotes: string };

export function appealDecisionValues(body: Body): AppealDecisionValues {
  return {
    appealOutcome: field(body, 'appealOutcome').slice(0, 20),
    appealNotes: text(body, 'appealNotes', APPEAL_NOTES_LIMIT),
  };
}

export function parseAppealDecision(values: AppealDecisionValues): Parsed<ReviewAppealDecision> {
  const problems: FieldProblem[] = [];
  const outcome = APPEAL_OUTCOMES.find((value) => value === values.appealOutcome) as AppealOutcome | undefined;
  if (!outcome) problems.push({ field: 'appealOutcome', message: 'Select whether the panel upheld or dismissed it' });
  if (values.appealNotes.length > APPEAL_NOTES_LIMIT)
    problems.push({ field: 'appealNotes', message: `The notes must be ${APPEAL_NOTES_LIMIT} characters or fewer` });
  if (problems.length > 0 || !outcome) return { ok: false, problems };
  return { ok: true, value: { outcome, notes: values.appealNotes } };
}
