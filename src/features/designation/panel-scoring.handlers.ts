import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateInputItems, datePartsOf } from '../../platform/date-input.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { SCORE_RANGE } from './applications.model.ts';
import type { PanelDecisionService } from './panel-decisions.service.ts';
import type { PanelScoringService, ScoreSheet } from './panel-scoring.service.ts';
import {
  decisionFormValues,
  parseAppealOutcome,
  parseConflict,
  parseDecision,
  parseScores,
  scoreFormValues,
  type DecisionFormValues,
  type ScoreFormValues,
} from './panels.schema.ts';
import { scoreSheetPage } from './panel-scoring.pages.ts';

type WithIds = FastifyRequest<{ Params: { id: string; applicationId: string } }>;
const EXPIRED_FORM = 'This form had expired, so nothing was saved. Try again';

export type PanelScoringRouteServices = { panelScoring: PanelScoringService; panelDecisions: PanelDecisionService };

type Forms = { scores?: ScoreFormValues; decision?: DecisionFormValues; reason?: string; errors?: FormErrors };

const urlOf = (sheet: ScoreSheet) => `/staff/panels/${sheet.view.panel.id}/applications/${sheet.item.id}`;

/** An application on a panel: reading it, scoring it, declaring a conflict, and the chair's decision. */
export function panelScoringHandlers({ panelScoring, panelDecisions }: PanelScoringRouteServices) {
  async function load(request: WithIds): Promise<ScoreSheet | undefined> {
    const panelId = parseId(request.params.id);
    const applicationId = parseId(request.params.applicationId);
    if (panelId === undefined || applicationId === undefined) return undefined;
    return panelScoring.sheet(actorOf(request), panelId, applicationId);
  }

  function render(reply: FastifyReply, sheet: ScoreSheet, forms: Forms = {}) {
    const today = sheet.today;
    const scores =
      forms.scores ??
      Object.fromEntries(
        sheet.criteria.flatMap((criterion) => [
          [`score-${criterion.id}`, String(sheet.mine.get(criterion.id)?.score ?? '')],
          [`notes-${criterion.id}`, sheet.mine.get(criterion.id)?.notes ?? ''],
        ]),
      );
    const decision = forms.decision ?? {
      outcome: '',
      feedback: '',
      decidedOn: datePartsOf(sheet.view.panel.meetsOn <= today ? sheet.view.panel.meetsOn : null),
      newOutcome: '',
      newFeedback: '',
    };
    return reply.render('designation/views/panels/application.njk', {
      ...scoreSheetPage(sheet, scores, forms.errors),
      decisionValues: decision,
      decidedOnItems: dateInputItems(
        decision.decidedOn,
        forms.errors?.fields.decidedOn ? ['day', 'month', 'year'] : [],
      ),
      reason: forms.reason ?? '',
      // Why the chair (or a coordinator on the panel) in conflict sees no decision form.
      cannotDecide: sheet.open && !sheet.canDecide ? panelDecisions.refusal(sheet)?.problems[0]?.message : undefined,
      scoreRange: SCORE_RANGE,
      errors: forms.errors,
    });
  }

  const errorsOf = (problems: FieldProblem[]) =>
    toFormErrors(problems, {
      decidedOn: 'decidedOn-day',
      scores: 'scores',
      outcome: 'outcome',
      newOutcome: 'newOutcome',
    });

  /** A refusal by the service (a conflict, not the chair, decided already): 403, with the reason on the page. */
  async function refusedBy(reply: FastifyReply, request: WithIds, forms: Forms) {
    const fresh = await load(request);
    return fresh ? render(reply.code(403), fresh, forms) : notFound(reply);
  }

  /** For a form refused as expired (CSRF): the page again, with what was sent, saying nothing was saved. */
  function again(field: string, valuesOf: (request: FastifyRequest, sheet: ScoreSheet) => Forms) {
    return async (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) => {
      const sheet = await load(request as WithIds);
      if (!sheet) throw formExpiredError();
      return render(reply.code(formProblemStatus(problem)), sheet, {
        ...valuesOf(request, sheet),
        errors: formError(EXPIRED_FORM, `#${field}`),
      });
    };
  }

  return {
    async show(request: WithIds, reply: FastifyReply) {
      const sheet = await load(request);
      return sheet ? render(reply, sheet) : notFound(reply);
    },

    async saveScores(request: WithIds, reply: FastifyReply) {
      const sheet = await load(request);
      if (!sheet) return notFound(reply);
      const values = scoreFormValues(bodyOf(request), sheet.criteria);
      const parsed = parseScores(values, sheet.criteria);
      // Who may score is checked first: a conflicted member is told why, whatever they sent.
      if (sheet.canScore && !parsed.ok)
        return render(reply.code(400), sheet, { scores: values, errors: errorsOf(parsed.problems) });
      const outcome = await panelScoring.saveScores(actorOf(request), sheet, parsed.ok ? parsed.value : []);
      if (!outcome.ok) return refusedBy(reply, request, { scores: values, errors: errorsOf(outcome.problems) });
      setFlash(reply, 'Your scores are saved', { at: 'scores' });
      return reply.redirect(`${urlOf(sheet)}#scores`, 303);
    },

    async declareConflict(request: WithIds, reply: FastifyReply) {
      const sheet = await load(request);
      if (!sheet) return notFound(reply);
      const parsed = parseConflict(bodyOf(request));
      if (!parsed.ok)
        return render(reply.code(400), sheet, { reason: parsed.reason, errors: errorsOf(parsed.problems) });
      const outcome = await panelScoring.declareConflict(actorOf(request), sheet, parsed.value);
      if (!outcome.ok) return refusedBy(reply, request, { reason: parsed.reason, errors: errorsOf(outcome.problems) });
      setFlash(reply, 'Conflict declared: you will not score this applicant');
      return reply.redirect(urlOf(sheet), 303);
    },

    async decide(request: WithIds, reply: FastifyReply) {
      const sheet = await load(request);
      if (!sheet) return notFound(reply);
      const values = decisionFormValues(bodyOf(request));
      // Who may decide is checked first: a chair in conflict is told why, whatever they sent.
      const refusal = panelDecisions.refusal(sheet);
      if (refusal) return refusedBy(reply, request, { decision: values, errors: errorsOf(refusal.problems) });
      const appeal = sheet.view.panel.hearing === 'appeal';
      const parsed = appeal ? parseAppealOutcome(values) : parseDecision(values);
      if (!parsed.ok) return render(reply.code(400), sheet, { decision: values, errors: errorsOf(parsed.problems) });
      const actor = actorOf(request);
      const outcome =
        'notes' in parsed.value
          ? await panelDecisions.decideAppeal(actor, sheet, parsed.value)
          : await panelDecisions.decide(actor, sheet, parsed.value);
      if (!outcome.ok) return refusedBy(reply, request, { decision: values, errors: errorsOf(outcome.problems) });
      setFlash(
        reply,
        appeal
          ? 'Appeal outcome recorded: the applicant has been emailed'
          : 'Decision recorded: the applicant has been emailed',
        { at: 'decision' },
      );
      return reply.redirect(`${urlOf(sheet)}#decision`, 303);
    },

    saveScoresAgain: again('scores', (request, sheet) => ({
      scores: scoreFormValues(bodyOf(request), sheet.criteria),
    })),
    declareConflictAgain: again('reason', (request) => ({ reason: parseConflict(bodyOf(request)).reason })),
    decideAgain: again('outcome', (request) => ({ decision: decisionFormValues(bodyOf(request)) })),
  };
}
