import { datePartsFrom, readRequiredDate, type DateParts } from '../../platform/date-input.ts';
import { field, type FieldProblem } from '../../platform/forms.ts';
import { parseId } from '../../platform/ids.ts';
import { APPLICATION_STAGES, type ApplicationStage } from './application-stage.ts';
import {
  APPEAL_OUTCOMES,
  DECISION_OUTCOMES,
  HEARINGS,
  SCORE_RANGE,
  type AppealOutcome,
  type DecisionOutcome,
  type Hearing,
} from './applications.model.ts';
import type { Criterion } from './designation.model.ts';
import type { AppealOutcomeEntry, DecisionEntry } from './panel-decisions.service.ts';
import type { CriterionScore } from './panel-scoring.service.ts';
import type { NewPanel } from './panels.service.ts';
import type { ApplicationsQuery } from './staff-applications.service.ts';
import type { NewAppeal } from './appeals.service.ts';

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Notes, feedback and grounds: long enough for a panel's reasons, bounded so a page cannot be flooded. */
export const LONG_TEXT = 5000;
const MAX_PAGE = 10_000;

const oneOf = <T extends string>(values: readonly T[], value: string): T | undefined =>
  (values as readonly string[]).includes(value) ? (value as T) : undefined;
const longText = (body: Record<string, unknown>, name: string) => field(body, name).replace(/\r\n?/g, '\n');
const tooLong = (name: string, what: string, value: string): FieldProblem[] =>
  value.length > LONG_TEXT ? [{ field: name, message: `${what} must be ${LONG_TEXT} characters or fewer` }] : [];

/** The list's query: `stage` is a stage, `all` (started ones too) or absent (every sent one). */
export function parseApplicationsQuery(query: unknown): Parsed<ApplicationsQuery> {
  const values = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const stageText = typeof values.stage === 'string' ? values.stage : '';
  const pageText = typeof values.page === 'string' ? values.page : '';
  const problems: FieldProblem[] = [];
  const stage = stageText === '' ? 'sent' : oneOf<ApplicationStage | 'all'>([...APPLICATION_STAGES, 'all'], stageText);
  if (!stage) problems.push({ field: 'stage', message: 'Select a stage from the list' });
  const page = pageText === '' ? 1 : /^\d{1,5}$/.test(pageText) ? Number(pageText) : undefined;
  if (page === undefined || page < 1 || page > MAX_PAGE)
    problems.push({ field: 'page', message: 'The page must be a whole number, like 2' });
  if (problems.length > 0 || !stage || !page) return { ok: false, problems };
  return { ok: true, value: { stage, page } };
}

export type PanelFormValues = { meetsOn: DateParts; hearing: string; note: string };

export function panelFormValues(body: Record<string, unknown>): PanelFormValues {
  return {
    meetsOn: datePartsFrom(body, 'meetsOn'),
    hearing: field(body, 'hearing').slice(0, 20),
    note: longText(body, 'note'),
  };
}

export function parsePanel(values: PanelFormValues): Parsed<NewPanel> {
  const problems: FieldProblem[] = [];
  const meetsOn = readRequiredDate(values.meetsOn, 'the date the panel meets');
  if (!meetsOn.ok) problems.push({ field: 'meetsOn', message: meetsOn.message });
  const hearing = oneOf<Hearing>(HEARINGS, values.hearing);
  if (!hearing) problems.push({ field: 'hearing', message: 'Select whether the panel hears applications or appeals' });
  if (values.note.length > 1000) problems.push({ field: 'note', message: 'The note must be 1000 characters or fewer' });
  if (problems.length > 0 || !meetsOn.ok || !hearing) return { ok: false, problems };
  return { ok: true, value: { meetsOn: meetsOn.date, hearing, note: values.note } };
}

/** A chosen id from a select (a member, a chair, an application): anything else is "select one". */
export function parseChoice(body: Record<string, unknown>, name: string, message: string): Parsed<number> {
  const id = parseId(field(body, name));
  return id === undefined ? { ok: false, problems: [{ field: name, message }] } : { ok: true, value: id };
}

export type ScoreFormValues = Record<string, string>;

/** The score sheet's fields: `score-<criterion>` (1 to 4) and `notes-<criterion>`, for the application's criteria. */
export function scoreFormValues(body: Record<string, unknown>, criteria: Criterion[]): ScoreFormValues {
  return Object.fromEntries(
    criteria.flatMap((criterion) => [
      [`score-${criterion.id}`, field(body, `score-${criterion.id}`).slice(0, 10)],
      [`notes-${criterion.id}`, longText(body, `notes-${criterion.id}`)],
    ]),
  );
}

export function parseScores(values: ScoreFormValues, criteria: Criterion[]): Parsed<CriterionScore[]> {
  const problems: FieldProblem[] = [];
  const scores: CriterionScore[] = [];
  for (const criterion of criteria) {
    const text = values[`score-${criterion.id}`] ?? '';
    const notes = values[`notes-${criterion.id}`] ?? '';
    const score = /^\d$/.test(text) ? Number(text) : undefined;
    if (text === '') problems.push({ field: `score-${criterion.id}`, message: `Score ${criterion.title}` });
    else if (score === undefined || score < SCORE_RANGE.min || score > SCORE_RANGE.max)
      problems.push({
        field: `score-${criterion.id}`,
        message: `The score for ${criterion.title} must be from ${SCORE_RANGE.min} to ${SCORE_RANGE.max}`,
      });
    problems.push(...tooLong(`notes-${criterion.id}`, `The notes on ${criterion.title}`, notes));
    if (score !== undefined) scores.push({ criterionId: criterion.id, score, notes });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: scores };
}

export function parseConflict(body: Record<string, unknown>): Parsed<string> & { reason: string } {
  const reason = longText(body, 'reason');
  if (reason === '')
    return { ok: false, reason, problems: [{ field: 'reason', message: 'Say why you cannot score this applicant' }] };
  const problems = tooLong('reason', 'The reason', reason);
  return problems.length > 0 ? { ok: false, reason, problems } : { ok: true, reason, value: reason };
}

export type DecisionFormValues = {
  outcome: string;
  feedback: string;
  decidedOn: DateParts;
  newOutcome: string;
  newFeedback: string;
};

export function decisionFormValues(body: Record<string, unknown>): DecisionFormValues {
  return {
    outcome: field(body, 'outcome').slice(0, 20),
    feedback: longText(body, 'feedback'),
    decidedOn: datePartsFrom(body, 'decidedOn'),
    newOutcome: field(body, 'newOutcome').slice(0, 20),
    newFeedback: longText(body, 'newFeedback'),
  };
}

export function parseDecision(values: DecisionFormValues): Parsed<DecisionEntry> {
  const problems: FieldProblem[] = [];
  const outcome = oneOf<DecisionOutcome>(DECISION_OUTCOMES, values.outcome);
  if (!outcome) problems.push({ field: 'outcome', message: 'Select the panel’s decision' });
  if (outcome === 'not-designated' && values.feedback === '')
    problems.push({ field: 'feedback', message: 'Give the applicant feedback on why they were not designated' });
  problems.push(...tooLong('feedback', 'The feedback', values.feedback));
  const decidedOn = readRequiredDate(values.decidedOn, 'the date of the decision');
  if (!decidedOn.ok) problems.push({ field: 'decidedOn', message: decidedOn.message });
  if (problems.length > 0 || !outcome || !decidedOn.ok) return { ok: false, problems };
  return { ok: true, value: { outcome, feedback: values.feedback, decidedOn: decidedOn.date } };
}

/** An appeal's outcome: `outcome` upheld or dismissed, with `notes`; upheld needs the new decision. */
export function parseAppealOutcome(values: DecisionFormValues): Parsed<AppealOutcomeEntry> {
  const problems: FieldProblem[] = [];
  const outcome = oneOf<AppealOutcome>(APPEAL_OUTCOMES, values.outcome);
  if (!outcome) problems.push({ field: 'outcome', message: 'Select whether the appeal is upheld or dismissed' });
  problems.push(...tooLong('feedback', 'The reasons', values.feedback));
  const decidedOn = readRequiredDate(values.decidedOn, 'the date of the decision');
  if (!decidedOn.ok) problems.push({ field: 'decidedOn', message: decidedOn.message });
  const newOutcome = oneOf<DecisionOutcome>(DECISION_OUTCOMES, values.newOutcome);
  if (outcome === 'upheld' && !newOutcome)
    problems.push({ field: 'newOutcome', message: 'Select the panel’s new decision' });
  if (outcome === 'upheld' && newOutcome === 'not-designated' && values.newFeedback === '')
    problems.push({ field: 'newFeedback', message: 'Give the applicant feedback on why they were not designated' });
  problems.push(...tooLong('newFeedback', 'The feedback', values.newFeedback));
  if (problems.length > 0 || !outcome || !decidedOn.ok) return { ok: false, problems };
  return {
    ok: true,
    value: {
      outcome,
      notes: values.feedback,
      decidedOn: decidedOn.date,
      newDecision:
        outcome === 'upheld' && newOutcome ? { outcome: newOutcome, feedback: values.newFeedback } : undefined,
    },
  };
}

export type AppealFormValues = { lodgedOn: DateParts; grounds: string };

export function appealFormValues(body: Record<string, unknown>): AppealFormValues {
  return { lodgedOn: datePartsFrom(body, 'lodgedOn'), grounds: longText(body, 'grounds') };
}

export function parseAppeal(values: AppealFormValues): Parsed<NewAppeal> {
  const problems: FieldProblem[] = [];
  const lodgedOn = readRequiredDate(values.lodgedOn, 'the date the appeal was lodged');
  if (!lodgedOn.ok) problems.push({ field: 'lodgedOn', message: lodgedOn.message });
  if (values.grounds === '') problems.push({ field: 'grounds', message: 'Enter the grounds of the appeal' });
  problems.push(...tooLong('grounds', 'The grounds', values.grounds));
  if (problems.length > 0 || !lodgedOn.ok) return { ok: false, problems };
  return { ok: true, value: { lodgedOn: lodgedOn.date, grounds: values.grounds } };
}
