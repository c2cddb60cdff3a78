import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { LABELS, phaseItems } from './leaders-admin.common.ts';
import type { LeaderAdminRouteServices } from './leaders-admin.common.ts';
import { actorOf, bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import { checkOwnProfile, ownProfileValues, type OwnProfileValues } from './leaders-admin.schema.ts';
import type { Leader } from './leaders.service.ts';
import { trainingDue } from './designated-leaders.service.ts';

/**
 * A system leader's own profile: what the public directory says about them. The record is always
 * the one their account is linked to (users.leader_id); no id comes from the URL or the form, so
 * there is no one else's profile to reach.
 */
export function myProfileHandlers(services: LeaderAdminRouteServices) {
  function render(reply: FastifyReply, leader: Leader, values: OwnProfileValues, errors?: FormErrors) {
    return reply.render('leaders/views/my-profile.njk', {
      ...LABELS,
      leader,
      values,
      errors,
      phaseItems: phaseItems(values.phases),
      inDirectory: leader.listed && leader.activeTypes.length > 0,
      // The same rule as the staff leader page: in force with no core training recorded.
      trainingDueTypes: leader.designations.filter(trainingDue).map((designation) => designation.type),
    });
  }

  return {
    async show(request: FastifyRequest, reply: FastifyReply) {
      const leader = await services.leadersAdmin.findOwn(actorOf(request));
      if (!leader) return reply.render('leaders/views/my-profile-missing.njk');
      return render(reply, leader, {
        profile: leader.profile,
        phases: leader.phases,
        listed: leader.listed ? 'yes' : 'no',
      });
    },

    async submit(request: FastifyRequest, reply: FastifyReply) {
      const user = actorOf(request);
      const leader = await services.leadersAdmin.findOwn(user);
      if (!leader) return reply.code(404).render('leaders/views/my-profile-missing.njk');
      const values = ownProfileValues(bodyOf(request));
      const checked = checkOwnProfile(values);
      if (!checked.ok)
        return render(
          reply.code(400),
          leader,
          values,
          toFormErrors(checked.problems, { phases: 'phases', listed: 'listed' }),
        );
      const outcome = await services.leadersAdmin.changeOwnProfile(user, checked.value);
      if (!outcome.ok) return render(reply.code(400), leader, values, toFormErrors(outcome.problems));
      setFlash(reply, outcome.value ? 'Your profile is saved' : 'Nothing was changed');
      return reply.redirect('/staff/my-profile', 303);
    },

    async again(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const leader = await services.leadersAdmin.findOwn(actorOf(request));
      reply.code(formProblemStatus(problem));
      if (!leader) return reply.render('leaders/views/my-profile-missing.njk');
      const errors = {
        summary: [
          { text: 'This form had expired, so nothing was saved. Check your answers and try again', href: '#profile' },
        ],
        fields: {},
      };
      return render(reply, leader, ownProfileValues(bodyOf(request)), errors);
    },
  };
}
