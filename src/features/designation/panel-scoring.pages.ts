import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { FormErrors } from '../../platform/forms.ts';
import { SCORE_RANGE } from './applications.model.ts';
import type { ScoreSheet } from './panel-scoring.service.ts';
import type { ScoreFormValues } from './panels.schema.ts';
import { answerRows, APPEAL_OUTCOME_NAMES, OUTCOME_NAMES, requestCard } from './staff-applications.pages.ts';

/** What each score means, as the score sheet's radios say it. */
export const SCORE_MEANINGS: Record<number, string> = {
  1: '1: not met',
  2: '2: partly met',
  3: '3: met',
  4: '4: met in full, outstanding',
};

const mean = (value: number | undefined) => (value === undefined ? 'None yet' : value.toFixed(1));

/** The score sheet page's model: the application, the person's score form, and the scores they may see. */
export function scoreSheetPage(sheet: ScoreSheet, scores: ScoreFormValues, errors: FormErrors | undefined) {
  const { view, item, detail } = sheet;
  const scoreRange = Array.from(
    { length: SCORE_RANGE.max - SCORE_RANGE.min + 1 },
    (_, index) => SCORE_RANGE.min + index,
  );
  const decision = sheet.decision;
  const appeal = item.appeal;
  return {
    sheet,
    panelTitle: `${view.panel.hearing === 'appeal' ? 'Appeal panel' : 'Panel'} of ${formatLongDate(view.panel.meetsOn)}`,
    panelHref: `/staff/panels/${view.panel.id}`,
    actionBase: `/staff/panels/${view.panel.id}/applications/${item.id}`,
    application: detail.application,
    answers: answerRows(detail),
    evidence: detail.evidence,
    requests: detail.requests.filter((request) => request.supersededAt === null).map(requestCard),
    criteria: sheet.criteria.map((criterion) => ({
      criterion,
      scoreName: `score-${criterion.id}`,
      notesName: `notes-${criterion.id}`,
      notes: scores[`notes-${criterion.id}`] ?? '',
      items: scoreRange.map((score) => ({
        value: String(score),
        text: SCORE_MEANINGS[score] ?? String(score),
        checked: scores[`score-${criterion.id}`] === String(score),
      })),
      mine: sheet.mine.get(criterion.id),
      error: errors?.fields[`score-${criterion.id}`],
      notesError: errors?.fields[`notes-${criterion.id}`],
    })),
    everyone: sheet.everyone?.map((member) => ({
      name: member.member.name,
      chair: member.member.chair,
      conflict: member.conflict?.reason,
      cells: sheet.criteria.map((criterion) => {
        const score = member.scores.get(criterion.id);
        return {
          score: score ? String(score.score) : member.conflict ? 'Does not score' : 'Not scored',
          notes: score?.notes ?? '',
        };
      }),
    })),
    summaries: sheet.summaries?.map((summary) => ({
      title: summary.criterion.title,
      count: summary.count,
      total: summary.total,
      mean: mean(summary.mean),
    })),
    decided: decision && {
      outcome: OUTCOME_NAMES[decision.outcome],
      feedback: decision.feedback,
      decidedOn: formatLongDate(decision.decidedOn),
    },
    appeal: appeal && {
      decisionOutcome: OUTCOME_NAMES[appeal.decision.outcome],
      decisionFeedback: appeal.decision.feedback,
      decidedOn: formatLongDate(appeal.decision.decidedOn),
      lodgedOn: formatLongDate(appeal.appeal.lodgedOn),
      grounds: appeal.appeal.grounds,
      outcome: appeal.appeal.outcome ? APPEAL_OUTCOME_NAMES[appeal.appeal.outcome] : undefined,
      notes: appeal.appeal.outcomeNotes,
    },
    outcomeItems: (selected: string) =>
      (['designated', 'not-designated', 'deferred'] as const).map((value) => ({
        value,
        text: OUTCOME_NAMES[value],
        checked: selected === value,
        hint: value === 'not-designated' ? { text: 'Feedback is required: the applicant may appeal' } : undefined,
      })),
    appealOutcomeItems: (selected: string) =>
      (['upheld', 'dismissed'] as const).map((value) => ({
        value,
        text: APPEAL_OUTCOME_NAMES[value],
        checked: selected === value,
      })),
  };
}
