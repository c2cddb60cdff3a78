import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../../platform/access.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { dateInputItems, datePartsOf } from '../../platform/date-input.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import { describeSchool } from '../schools/schools.service.ts';
import { TYPE_NAMES } from './designation.model.ts';
import { panelFormValues, parseChoice, parsePanel, type PanelFormValues } from './panels.schema.ts';
import type { Outcome, PanelService, PanelView } from './panels.service.ts';
import { OUTCOME_NAMES, stageTag } from './staff-applications.pages.ts';

type WithId = FastifyRequest<{ Params: { id: string } }>;
const PANELS = '/staff/panels';
const EXPIRED_FORM = 'This form had expired, so nothing was saved. Try again';
const HEARING_NAMES = { application: 'Applications', appeal: 'Appeals' } as const;

export type PanelRouteServices = { panels: PanelService };

/** The form on a panel's page that a refusal came from, so the page shows its error beside it. */
type PanelForm = 'members' | 'chair' | 'applications';

/** Panels: the list, making one, and a panel's page with its members, chair and applications. */
export function panelHandlers({ panels }: PanelRouteServices) {
  async function load(request: WithId): Promise<PanelView | undefined> {
    const id = parseId(request.params.id);
    return id === undefined ? undefined : panels.view(actorOf(request), id);
  }

  async function renderPanel(request: FastifyRequest, reply: FastifyReply, view: PanelView, errors?: FormErrors) {
    const { panel, viewer } = view;
    const manages = viewer.manages;
    return reply.render('designation/views/panels/show.njk', {
      panel,
      title: `${panel.hearing === 'appeal' ? 'Appeal panel' : 'Panel'} of ${formatLongDate(panel.meetsOn)}`,
      hearing: HEARING_NAMES[panel.hearing],
      viewer,
      members: view.members.map((member) => ({
        ...member,
        school: member.school ? describeSchool(member.school) : 'No school on their account',
      })),
      applications: view.applications.map((item) => ({
        href: `${PANELS}/${panel.id}/applications/${item.id}`,
        applicantName: item.applicantName,
        reference: item.reference,
        type: TYPE_NAMES[item.designationType],
        school: item.school?.name ?? 'Not given',
        stage: stageTag(item.standing.stage),
        decision: item.standing.decisions.find((decision) => decision.panelId === panel.id),
        conflict: item.conflict?.explanation,
      })),
      outcomeNames: OUTCOME_NAMES,
      candidates: manages
        ? [
            { value: '', text: 'Select a panel member' },
            ...(await panels.candidates(view)).map((account) => ({ value: String(account.id), text: account.name })),
          ]
        : [],
      chairs: [
        { value: '', text: 'Select the chair' },
        ...view.members.map((member) => ({ value: String(member.userId), text: member.name, selected: member.chair })),
      ],
      proposable: manages
        ? [
            { value: '', text: panel.hearing === 'appeal' ? 'Select an appeal' : 'Select an application' },
            ...(await panels.proposable(view)).map((item) => ({ value: String(item.id), text: item.text })),
          ]
        : [],
      errors,
      auditTrail: await panels.trail(actorOf(request), panel.id),
    });
  }

  async function renderNew(reply: FastifyReply, values: PanelFormValues, errors?: FormErrors) {
    return reply.render('designation/views/panels/new.njk', {
      values,
      meetsOnItems: dateInputItems(values.meetsOn, errors?.fields.meetsOn ? ['day', 'month', 'year'] : []),
      hearingItems: (['application', 'appeal'] as const).map((value) => ({
        value,
        text: value === 'appeal' ? 'Appeals against a panel’s decision' : 'Applications for designation',
        checked: values.hearing === value,
      })),
      errors,
    });
  }

  /** A change to a panel from one of its page's forms: refused ones show the page again with the reason. */
  function change(
    form: PanelForm,
    field: string,
    message: string,
    act: (actor: CurrentUser, view: PanelView, id: number) => Promise<Outcome>,
    done: string,
  ) {
    return async (request: WithId, reply: FastifyReply) => {
      const view = await load(request);
      if (!view || !view.viewer.manages) return notFound(reply);
      const choice = parseChoice(bodyOf(request), field, message);
      const outcome = choice.ok ? await act(actorOf(request), view, choice.value) : choice;
      if (!outcome.ok)
        return renderPanel(
          request,
          reply.code(400),
          (await panels.view(actorOf(request), view.panel.id))!,
          toFormErrors(outcome.problems),
        );
      setFlash(reply, done, { at: form });
      return reply.redirect(`${PANELS}/${view.panel.id}#${form}`, 303);
    };
  }

  function changeAgain(field: string) {
    return async (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) => {
      const view = await load(request as WithId);
      if (!view) throw formExpiredError();
      return renderPanel(request, reply.code(formProblemStatus(problem)), view, formError(EXPIRED_FORM, `#${field}`));
    };
  }

  return {
    async list(request: FastifyRequest, reply: FastifyReply) {
      const user = actorOf(request);
      const rows = await panels.list(user);
      return reply.render('designation/views/panels/list.njk', {
        manages: panels.manages(user),
        panels: rows.map((row) => ({
          href: `${PANELS}/${row.id}`,
          meetsOn: formatLongDate(row.meetsOn),
          hearing: HEARING_NAMES[row.hearing],
          memberCount: row.memberCount,
          applicationCount: row.applicationCount,
          note: row.note,
        })),
      });
    },

    showNew: (_request: FastifyRequest, reply: FastifyReply) =>
      renderNew(reply, { meetsOn: datePartsOf(null), hearing: 'application', note: '' }),

    async create(request: FastifyRequest, reply: FastifyReply) {
      const values = panelFormValues(bodyOf(request));
      const parsed = parsePanel(values);
      if (!parsed.ok)
        return renderNew(reply.code(400), values, toFormErrors(parsed.problems, { meetsOn: 'meetsOn-day' }));
      const id = await panels.create(actorOf(request), parsed.value);
      setFlash(reply, 'Panel made: add its members, choose its chair and put applications to it');
      return reply.redirect(`${PANELS}/${id}`, 303);
    },

    createAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      renderNew(
        reply.code(formProblemStatus(problem)),
        panelFormValues(bodyOf(request)),
        formError(EXPIRED_FORM, '#meetsOn-day'),
      ),

    async show(request: WithId, reply: FastifyReply) {
      const view = await load(request);
      return view ? renderPanel(request, reply, view) : notFound(reply);
    },

    addMember: change(
      'members',
      'userId',
      'Select a panel member from the list',
      (actor, view, id) => panels.addMember(actor, view, id),
      'Member added',
    ),
    addMemberAgain: changeAgain('userId'),
    chooseChair: change(
      'chair',
      'chairUserId',
      'Select the chair from the panel’s members',
      (actor, view, id) => panels.chooseChair(actor, view, id),
      'Chair chosen',
    ),
    chooseChairAgain: changeAgain('chairUserId'),
    addApplication: change(
      'applications',
      'applicationId',
      'Select one from the list',
      (actor, view, id) => panels.addApplication(actor, view, id),
      'Added to the panel',
    ),
    addApplicationAgain: changeAgain('applicationId'),
  };
}
