import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { formExpiredError, notFound } from '../../platform/http/replies.ts';
import { actorOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import type { MemberRemoval, PanelMemberService } from './panel-members.service.ts';
import type { PanelService, PanelView } from './panels.service.ts';

type WithMember = FastifyRequest<{ Params: { id: string; userId: string } }>;

export type PanelMemberRouteServices = { panels: PanelService; panelMembers: PanelMemberService };

const panelUrl = (view: PanelView) => `/staff/panels/${view.panel.id}`;

/** Removing a member from a panel: a confirmation page (or the reason they cannot be), then the removal. */
export function panelMemberHandlers({ panels, panelMembers }: PanelMemberRouteServices) {
  async function load(request: WithMember) {
    const panelId = parseId(request.params.id);
    const userId = parseId(request.params.userId);
    if (panelId === undefined || userId === undefined) return undefined;
    const view = await panels.view(actorOf(request), panelId);
    const removal = view && (await panelMembers.removal(view, userId));
    return view && removal ? { view, removal, userId } : undefined;
  }

  function render(reply: FastifyReply, view: PanelView, removal: MemberRemoval, errors?: FormErrors) {
    return reply.render('designation/views/panels/remove-member.njk', {
      panelHref: panelUrl(view),
      panelTitle: `${view.panel.hearing === 'appeal' ? 'Appeal panel' : 'Panel'} of ${formatLongDate(view.panel.meetsOn)}`,
      action: `${panelUrl(view)}/members/${removal.member.userId}/remove`,
      member: removal.member,
      refusal: removal.refusal,
      errors,
    });
  }

  return {
    async confirmRemove(request: WithMember, reply: FastifyReply) {
      const found = await load(request);
      return found ? render(reply, found.view, found.removal) : notFound(reply);
    },

    async remove(request: WithMember, reply: FastifyReply) {
      const found = await load(request);
      if (!found) return notFound(reply);
      const outcome = await panelMembers.remove(actorOf(request), found.view, found.userId);
      if (!outcome) return notFound(reply);
      if (!outcome.ok) {
        const fresh = await load(request);
        const removal = fresh?.removal ?? found.removal;
        return render(reply.code(409), found.view, removal, toFormErrors(outcome.problems, { remove: 'remove' }));
      }
      setFlash(
        reply,
        found.removal.member.chair
          ? `${found.removal.member.name} removed from the panel: choose another chair`
          : `${found.removal.member.name} removed from the panel`,
        { at: 'members' },
      );
      return reply.redirect(`${panelUrl(found.view)}#members`, 303);
    },

    async removeAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const found = await load(request as WithMember);
      if (!found) throw formExpiredError();
      const errors = formError('This form had expired, so no one was removed. Try again', '#remove');
      return render(reply.code(formProblemStatus(problem)), found.view, found.removal, errors);
    },
  };
}
