import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { dateInputItems, datePartsOf } from '../../platform/date-input.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { paginate } from '../../platform/http/pagination.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { APPLICATION_STAGES, STAGE_NAMES } from './application-stage.ts';
import type { AppealService } from './appeals.service.ts';
import { appealFormValues, parseAppeal, parseApplicationsQuery, type AppealFormValues } from './panels.schema.ts';
import {
  answerRows,
  APPEAL_OUTCOME_NAMES,
  applicationRow,
  OUTCOME_NAMES,
  requestCard,
  stageTag,
} from './staff-applications.pages.ts';
import type { ApplicationDetail, ApplicationsQuery, StaffApplicationsService } from './staff-applications.service.ts';

type WithId = FastifyRequest<{ Params: { id: string } }>;
const LIST = '/staff/applications';
const EXPIRED_FORM = 'This form had expired, so nothing was saved. Check your answers and try again';

export type StaffApplicationRouteServices = { staffApplications: StaffApplicationsService; appeals: AppealService };

export function applicationsUrl(query: Partial<ApplicationsQuery>): string {
  const parameters = new URLSearchParams();
  if (query.stage && query.stage !== 'sent') parameters.set('stage', query.stage);
  if (query.page && query.page > 1) parameters.set('page', String(query.page));
  const text = parameters.toString();
  return text ? `${LIST}?${text}` : LIST;
}

function stageItems(selected: string) {
  return [
    { value: '', text: 'Every sent application' },
    { value: 'all', text: 'Every application, started ones too' },
    ...APPLICATION_STAGES.map((stage) => ({ value: stage, text: STAGE_NAMES[stage] })),
  ].map((item) => ({ ...item, selected: item.value === selected }));
}

/** Staff > Applications: the list, each application's page, withdrawing one and recording an appeal. */
export function staffApplicationHandlers({ staffApplications, appeals }: StaffApplicationRouteServices) {
  async function load(request: WithId): Promise<ApplicationDetail | undefined> {
    const id = parseId(request.params.id);
    return id === undefined ? undefined : staffApplications.detail(id);
  }

  async function renderDetail(request: FastifyRequest, reply: FastifyReply, detail: ApplicationDetail) {
    const { standing } = detail;
    const panelOf = (panelId: number) => standing.panels.find((panel) => panel.panelId === panelId);
    const appealable = await appeals.appealable(detail);
    return reply.render('designation/views/applications/show.njk', {
      detail,
      stage: stageTag(standing.stage),
      waiting: standing.daysWaiting,
      answers: answerRows(detail),
      requests: detail.requests.map(requestCard),
      panels: standing.panels.map((panel) => ({ ...panel, meetsOn: formatLongDate(panel.meetsOn) })),
      decisions: standing.decisions.map((decision) => {
        const appeal = standing.appeals.find((item) => item.decisionId === decision.id);
        const panel = panelOf(decision.panelId);
        return {
          outcome: OUTCOME_NAMES[decision.outcome],
          feedback: decision.feedback,
          decidedOn: formatLongDate(decision.decidedOn),
          panelId: decision.panelId,
          panel: panel
            ? `${panel.hearing === 'appeal' ? 'Appeal panel' : 'Panel'} of ${formatLongDate(panel.meetsOn)}`
            : '',
          appeal: appeal && {
            lodgedOn: formatLongDate(appeal.lodgedOn),
            grounds: appeal.grounds,
            panelId: appeal.panelId,
            outcome: appeal.outcome ? APPEAL_OUTCOME_NAMES[appeal.outcome] : 'Not heard yet',
            notes: appeal.outcomeNotes,
            decidedOn: appeal.decidedOn ? formatLongDate(appeal.decidedOn) : undefined,
          },
        };
      }),
      appealable: appealable && { lastDay: formatLongDate(appealable.lastDay) },
      canWithdraw: staffApplications.canWithdraw(detail),
      auditTrail: await staffApplications.trail(actorOf(request), detail.application.id),
    });
  }

  async function renderAppeal(
    reply: FastifyReply,
    detail: ApplicationDetail,
    values: AppealFormValues,
    errors?: FormErrors,
  ) {
    const appealable = await appeals.appealable(detail);
    if (!appealable) return notFound(reply);
    return reply.render('designation/views/applications/appeal.njk', {
      detail,
      lastDay: formatLongDate(appealable.lastDay),
      decision: {
        outcome: OUTCOME_NAMES[appealable.decision.outcome],
        decidedOn: formatLongDate(appealable.decision.decidedOn),
      },
      values,
      lodgedOnItems: dateInputItems(values.lodgedOn, errors?.fields.lodgedOn ? ['day', 'month', 'year'] : []),
      errors,
    });
  }

  return {
    async list(request: FastifyRequest, reply: FastifyReply) {
      const raw = (request.query ?? {}) as Record<string, unknown>;
      const parsed = parseApplicationsQuery(raw);
      if (!parsed.ok)
        return reply.code(400).render('designation/views/applications/list.njk', {
          errors: toFormErrors(parsed.problems),
          stages: stageItems(typeof raw.stage === 'string' ? raw.stage : ''),
          clearUrl: LIST,
        });
      const query = parsed.value;
      // The filter sends "every sent application" as an empty stage: keep the URL to the filter chosen.
      if (raw.stage === '' || raw.page === '') return reply.redirect(applicationsUrl(query), 303);
      const page = await staffApplications.list(query);
      return reply.render('designation/views/applications/list.njk', {
        stages: stageItems(query.stage === 'sent' ? '' : query.stage),
        page,
        rows: page.items.map(applicationRow),
        pagination: paginate(page.page, page.pageCount, (number) => applicationsUrl({ ...query, page: number })),
        filtered: query.stage !== 'sent',
        clearUrl: LIST,
      });
    },

    async show(request: WithId, reply: FastifyReply) {
      const detail = await load(request);
      return detail ? renderDetail(request, reply, detail) : notFound(reply);
    },

    async confirmWithdraw(request: WithId, reply: FastifyReply) {
      const detail = await load(request);
      if (!detail) return notFound(reply);
      if (!staffApplications.canWithdraw(detail)) return reply.redirect(`${LIST}/${detail.application.id}`, 303);
      return reply.render('designation/views/applications/withdraw.njk', { detail });
    },

    async withdraw(request: WithId, reply: FastifyReply) {
      const detail = await load(request);
      if (!detail) return notFound(reply);
      const withdrawn = await staffApplications.withdraw(actorOf(request), detail);
      setFlash(reply, withdrawn ? 'Application withdrawn' : 'This application can no longer be withdrawn');
      return reply.redirect(`${LIST}/${detail.application.id}`, 303);
    },

    async showAppeal(request: WithId, reply: FastifyReply) {
      const detail = await load(request);
      if (!detail) return notFound(reply);
      return renderAppeal(reply, detail, { lodgedOn: datePartsOf(null), grounds: '' });
    },

    async recordAppeal(request: WithId, reply: FastifyReply) {
      const detail = await load(request);
      if (!detail) return notFound(reply);
      const values = appealFormValues(bodyOf(request));
      const parsed = parseAppeal(values);
      const outcome = parsed.ok ? await appeals.record(actorOf(request), detail, parsed.value) : parsed;
      if (!outcome.ok)
        return renderAppeal(
          reply.code(400),
          detail,
          values,
          toFormErrors(outcome.problems, { lodgedOn: 'lodgedOn-day' }),
        );
      setFlash(reply, 'Appeal recorded: put it to a panel hearing appeals');
      return reply.redirect(`${LIST}/${detail.application.id}`, 303);
    },

    async recordAppealAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const detail = await load(request as WithId);
      // Gone, or no longer open to an appeal, since the form was opened: refused as expired all the same.
      if (!detail || !(await appeals.appealable(detail))) throw formExpiredError();
      return renderAppeal(
        reply.code(formProblemStatus(problem)),
        detail,
        appealFormValues(bodyOf(request)),
        formError(EXPIRED_FORM, '#lodgedOn-day'),
      );
    },
  };
}
