import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import type { SpecialismAdminService } from './specialisms-admin.service.ts';
import { parseSpecialism, specialismFormValues, type SpecialismFormValues } from './specialisms.schema.ts';
import { groupSpecialisms, type Specialism, type SpecialismService } from './specialisms.service.ts';

type WithId = FastifyRequest<{ Params: { id: string } }>;
const EXPIRED_FORM = 'This form had expired, so nothing was saved. Check your answers and try again';

export type SpecialismRouteServices = { specialismAdmin: SpecialismAdminService; specialisms: SpecialismService };

export function specialismHandlers({ specialismAdmin }: SpecialismRouteServices) {
  async function renderList(reply: FastifyReply, values: SpecialismFormValues, errors?: FormErrors) {
    const all = await specialismAdmin.all();
    return reply.render('specialisms/views/list.njk', {
      groups: groupSpecialisms(all),
      groupNames: [...new Set(all.map((row) => row.groupName))],
      values,
      errors,
    });
  }

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    specialism: Specialism,
    values: SpecialismFormValues,
    errors?: FormErrors,
  ) {
    const auditTrail = await specialismAdmin.trail(actorOf(request), specialism.id);
    return reply.render('specialisms/views/edit.njk', { specialism, values, errors, auditTrail });
  }

  async function load(request: WithId): Promise<Specialism | undefined> {
    const id = parseId(request.params.id);
    return id === undefined ? undefined : specialismAdmin.find(id);
  }

  const toggle = (retired: boolean) => async (request: WithId, reply: FastifyReply) => {
    const specialism = await load(request);
    if (!specialism) return notFound(reply);
    await specialismAdmin.setRetired(actorOf(request), specialism.id, retired);
    setFlash(
      reply,
      retired
        ? `${specialism.name} is retired: schools can no longer choose it`
        : `${specialism.name} is back on the list`,
    );
    return reply.redirect(`/staff/specialisms/${specialism.id}`, 303);
  };

  return {
    async list(_request: FastifyRequest, reply: FastifyReply) {
      return renderList(reply, { name: '', groupName: '' });
    },

    async add(request: FastifyRequest, reply: FastifyReply) {
      const values = specialismFormValues(bodyOf(request));
      const parsed = parseSpecialism(values);
      if (!parsed.ok) return renderList(reply.code(400), values, toFormErrors(parsed.problems));
      const outcome = await specialismAdmin.add(actorOf(request), parsed.details);
      if (!outcome.ok) return renderList(reply.code(400), values, toFormErrors(outcome.problems));
      setFlash(reply, `${parsed.details.name} added`);
      return reply.redirect('/staff/specialisms', 303);
    },

    async addAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return renderList(
        reply.code(formProblemStatus(problem)),
        specialismFormValues(bodyOf(request)),
        formError(EXPIRED_FORM, '#name'),
      );
    },

    async show(request: WithId, reply: FastifyReply) {
      const specialism = await load(request);
      if (!specialism) return notFound(reply);
      return renderEdit(request, reply, specialism, { name: specialism.name, groupName: specialism.groupName });
    },

    async change(request: WithId, reply: FastifyReply) {
      const specialism = await load(request);
      if (!specialism) return notFound(reply);
      const values = specialismFormValues(bodyOf(request));
      const parsed = parseSpecialism(values);
      if (!parsed.ok) return renderEdit(request, reply.code(400), specialism, values, toFormErrors(parsed.problems));
      const outcome = await specialismAdmin.change(actorOf(request), specialism.id, parsed.details);
      if (!outcome.ok) return renderEdit(request, reply.code(400), specialism, values, toFormErrors(outcome.problems));
      setFlash(reply, outcome.value ? `${parsed.details.name} saved` : 'Nothing was changed');
      return reply.redirect(`/staff/specialisms/${specialism.id}`, 303);
    },

    async changeAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const specialism = await load(request as WithId);
      if (!specialism) return notFound(reply);
      return renderEdit(
        request,
        reply.code(formProblemStatus(problem)),
        specialism,
        specialismFormValues(bodyOf(request)),
        formError(EXPIRED_FORM, '#name'),
      );
    },

    retire: toggle(true),
    unretire: toggle(false),
  };
}
