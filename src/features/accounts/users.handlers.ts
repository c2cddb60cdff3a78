import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLES } from '../../platform/access.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import {
  inviteFormValues,
  parseInvite,
  parseRoles,
  ROLE_LABELS,
  rolesFormValues,
  type InviteFormValues,
  type RolesFormValues,
} from './accounts.schema.ts';
import type { User, UserService } from './users.service.ts';
import { formProblemStatus, bodyOf, actorOf, parseId } from '../../platform/http/requests.ts';
import { notFound } from '../../platform/http/replies.ts';

type WithId = FastifyRequest<{ Params: { id: string } }>;
const EXPIRED_FORM = 'This form had expired, so nothing was changed. Check your answers and try again';

function statusOf(user: User): 'Active' | 'Invited' | 'Deactivated' {
  if (user.deactivatedAt !== null) return 'Deactivated';
  return user.passwordHash === null ? 'Invited' : 'Active';
}

const roleItems = (chosen: string[]) =>
  ROLES.map((role) => ({
    value: role,
    text: ROLE_LABELS[role].name,
    hint: { text: ROLE_LABELS[role].description },
    checked: chosen.includes(role),
  }));

export type UserRouteServices = { users: UserService };

export function userHandlers(services: UserRouteServices) {
  function renderInvite(reply: FastifyReply, values: InviteFormValues, errors?: FormErrors) {
    return reply.render('accounts/views/user-invite.njk', { values, errors, roleItems: roleItems(values.roles) });
  }

  function renderRoles(reply: FastifyReply, user: User, values: RolesFormValues, errors?: FormErrors) {
    return reply.render('accounts/views/user-roles.njk', { user, values, errors, roleItems: roleItems(values.roles) });
  }

  async function loadUser(request: WithId): Promise<User | undefined> {
    const id = parseId(request.params.id);
    return id === undefined ? undefined : services.users.find(id);
  }

  return {
    async list(_request: FastifyRequest, reply: FastifyReply) {
      const users = await services.users.list();
      return reply.render('accounts/views/users.njk', {
        users: users.map((user) => ({
          ...user,
          status: statusOf(user),
          roleNames: user.roles.map((role) => ROLE_LABELS[role].name),
        })),
      });
    },

    async showInvite(_request: FastifyRequest, reply: FastifyReply) {
      return renderInvite(reply, { name: '', email: '', jobTitle: '', roles: [], schoolUrn: '' });
    },

    async submitInvite(request: FastifyRequest, reply: FastifyReply) {
      const values = inviteFormValues(bodyOf(request));
      const parsed = parseInvite(values);
      if (!parsed.ok) return renderInvite(reply.code(400), values, toFormErrors(parsed.problems, { roles: 'roles' }));
      const outcome = await services.users.invite(actorOf(request), parsed.data);
      if (!outcome.ok) return renderInvite(reply.code(400), values, toFormErrors(outcome.problems));
      setFlash(reply, `Invitation sent to ${parsed.data.email}`);
      return reply.redirect(`/staff/users/${outcome.value}`, 303);
    },

    async inviteAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return renderInvite(reply.code(formProblemStatus(problem)), inviteFormValues(bodyOf(request)), {
        summary: [{ text: EXPIRED_FORM, href: '#name' }],
        fields: {},
      });
    },

    async show(request: WithId, reply: FastifyReply) {
      const user = await loadUser(request);
      if (!user) return notFound(reply);
      return reply.render('accounts/views/user.njk', {
        user: {
          ...user,
          status: statusOf(user),
          roleNames: user.roles.map((role) => ROLE_LABELS[role].name),
          deactivatedOn: user.deactivatedAt ? formatLondonDateTime(user.deactivatedAt) : undefined,
        },
        isSelf: user.id === request.user?.id,
        linkedLeader: await services.users.linkedLeader(user),
        auditTrail: await services.users.trail(actorOf(request), user.id),
      });
    },

    async showRoles(request: WithId, reply: FastifyReply) {
      const user = await loadUser(request);
      if (!user) return notFound(reply);
      return renderRoles(reply, user, {
        roles: user.roles,
        schoolUrn: user.schoolUrn === null ? '' : String(user.schoolUrn),
      });
    },

    async submitRoles(request: WithId, reply: FastifyReply) {
      const user = await loadUser(request);
      if (!user) return notFound(reply);
      const values = rolesFormValues(bodyOf(request));
      const parsed = parseRoles(values);
      if (!parsed.ok) return renderRoles(reply.code(400), user, values, toFormErrors(parsed.problems));
      const outcome = await services.users.changeRoles(actorOf(request), user.id, parsed.data);
      if (!outcome.ok) return renderRoles(reply.code(400), user, values, toFormErrors(outcome.problems));
      setFlash(reply, `Roles saved for ${user.name}`);
      return reply.redirect(`/staff/users/${user.id}`, 303);
    },

    async rolesAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const user = await loadUser(request as WithId);
      if (!user) return notFound(reply);
      return renderRoles(reply.code(formProblemStatus(problem)), user, rolesFormValues(bodyOf(request)), {
        summary: [{ text: EXPIRED_FORM, href: '#roles' }],
        fields: {},
      });
    },

    async showDeactivate(request: WithId, reply: FastifyReply) {
      const user = await loadUser(request);
      if (!user) return notFound(reply);
      return reply.render('accounts/views/user-deactivate.njk', { user });
    },

    async submitDeactivate(request: WithId, reply: FastifyReply) {
      const user = await loadUser(request);
      if (!user) return notFound(reply);
      const outcome = await services.users.deactivate(actorOf(request), user.id);
      if (!outcome.ok)
        return reply.code(400).render('accounts/views/user-deactivate.njk', {
          user,
          errors: toFormErrors(outcome.problems, { user: 'deactivate' }),
        });
      setFlash(reply, `${user.name}’s account is deactivated`);
      return reply.redirect(`/staff/users/${user.id}`, 303);
    },

    async submitReactivate(request: WithId, reply: FastifyReply) {
      const user = await loadUser(request);
      if (!user) return notFound(reply);
      await services.users.reactivate(actorOf(request), user.id);
      setFlash(reply, `${user.name}’s account is active again`);
      return reply.redirect(`/staff/users/${user.id}`, 303);
    },

    async submitResendInvitation(request: WithId, reply: FastifyReply) {
      const user = await loadUser(request);
      if (!user) return notFound(reply);
      const sent = await services.users.resendInvitation(actorOf(request), user.id);
      setFlash(
        reply,
        sent
          ? `A new invitation has been sent to ${user.email}`
          : `${user.name} has already set a password, so no invitation was sent`,
      );
      return reply.redirect(`/staff/users/${user.id}`, 303);
    },
  };
}
