import type { FastifyReply, FastifyRequest } from 'fastify';
import { datePartsOf } from '../../platform/date-input.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { designationFormContext, expiredFormErrors, LABELS, leaderFrom } from './leaders-admin.common.ts';
import type { LeaderAdminRouteServices } from './leaders-admin.common.ts';
import { notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import type { LeaderRecord } from './leaders-admin.service.ts';
import {
  checkDesignation,
  designationValues,
  leaderFormErrors,
  type DesignationValues,
  type LeaderFormErrors,
} from './leaders-admin.schema.ts';
import { DESIGNATION_ABBREVIATIONS } from './leaders.schema.ts';
import { DESIGNATION_TYPES, type DesignationType } from './leaders.model.ts';

type WithType = FastifyRequest<{ Params: { id: string; type: string } }>;

/** Adding a designation to a leader, and changing one they hold (its type stays: it names the designation). */
export function designationHandlers(services: LeaderAdminRouteServices) {
  /** `type` is the designation being changed, or undefined when adding one. */
  function render(
    reply: FastifyReply,
    leader: LeaderRecord,
    values: DesignationValues,
    type: DesignationType | undefined,
    errors?: LeaderFormErrors,
  ) {
    const held = leader.designations.map((designation) => designation.type);
    return reply.render('leaders/views/designation-form.njk', {
      ...LABELS,
      leader,
      type,
      values,
      errors,
      action: type
        ? `/staff/leaders/${leader.id}/designations/${type}`
        : `/staff/leaders/${leader.id}/designations/add`,
      ...designationFormContext(
        values,
        errors,
        DESIGNATION_TYPES.filter((candidate) => !held.includes(candidate)),
      ),
    });
  }

  /** The designation the URL names, if the leader holds one of that type. */
  function heldType(leader: LeaderRecord, request: FastifyRequest): DesignationType | undefined {
    const type = (request.params as { type?: string }).type;
    return leader.designations.find((designation) => designation.type === type)?.type;
  }

  async function submit(request: FastifyRequest, reply: FastifyReply, mode: 'add' | 'change') {
    const leader = await leaderFrom(services, request);
    const type = leader && mode === 'change' ? heldType(leader, request) : undefined;
    if (!leader || (mode === 'change' && !type)) return reply.callNotFound();
    const values = designationValues(bodyOf(request));
    const checked = checkDesignation(values, type);
    if (!checked.ok)
      return render(
        reply.code(400),
        leader,
        values,
        type,
        leaderFormErrors(checked.problems, checked.dateParts, { type: 'type', status: 'status' }),
      );
    const outcome = await services.leadersAdmin.saveDesignation(actorOf(request), leader.id, checked.value, mode);
    if (!outcome.ok)
      return render(reply.code(400), leader, values, type, leaderFormErrors(outcome.problems, {}, { type: 'type' }));
    const name = DESIGNATION_ABBREVIATIONS[checked.value.type];
    setFlash(reply, outcome.value ? `${leader.name}’s ${name} designation saved` : 'Nothing was changed');
    return reply.redirect(`/staff/leaders/${leader.id}`, 303);
  }

  async function again(request: FastifyRequest, reply: FastifyReply, problem: FormProblem, mode: 'add' | 'change') {
    const leader = await leaderFrom(services, request);
    const type = leader && mode === 'change' ? heldType(leader, request) : undefined;
    if (!leader || (mode === 'change' && !type)) {
      reply.callNotFound();
      return reply;
    }
    return render(
      reply.code(formProblemStatus(problem)),
      leader,
      designationValues(bodyOf(request)),
      type,
      expiredFormErrors(type ? 'status' : 'type'),
    );
  }

  return {
    async showAdd(request: FastifyRequest, reply: FastifyReply) {
      const leader = await leaderFrom(services, request);
      if (!leader) return notFound(reply);
      const blank = { day: '', month: '', year: '' };
      return render(reply, leader, { type: '', status: '', startDate: blank, reviewDate: blank }, undefined);
    },

    async showChange(request: WithType, reply: FastifyReply) {
      const leader = await leaderFrom(services, request);
      const type = leader ? heldType(leader, request) : undefined;
      const held = leader?.designations.find((designation) => designation.type === type);
      if (!leader || !type || !held) return reply.callNotFound();
      return render(
        reply,
        leader,
        { type, status: held.status, startDate: datePartsOf(held.startDate), reviewDate: datePartsOf(held.reviewDate) },
        type,
      );
    },

    submitAdd: (request: FastifyRequest, reply: FastifyReply) => submit(request, reply, 'add'),
    submitChange: (request: FastifyRequest, reply: FastifyReply) => submit(request, reply, 'change'),
    addAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      again(request, reply, problem, 'add'),
    changeAgain: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) =>
      again(request, reply, problem, 'change'),
  };
}
