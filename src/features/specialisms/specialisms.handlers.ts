import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../../platform/access.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { toFormErrors, type FormErrors } from '../../platform/forms.ts';
import type { Services } from '../../services.ts';
import { parseId } from '../accounts/accounts.schema.ts';
import { auditTrailFor } from '../audit/audit.service.ts';
import { SPECIALISM_LABELS } from './specialisms-admin.service.ts';
import type { SpecialismRow } from './specialisms.repository.ts';
import { parseSpecialism, specialismFormValues, type SpecialismFormValues } from './specialisms.schema.ts';
import { groupSpecialisms } from './specialisms.service.ts';

type Body = Record<string, unknown>;
const notFound = (reply: FastifyReply) => {
  reply.callNotFound();
  return reply;
};
type WithId = FastifyRequest<{ Params: { id: string } }>;
const bodyOf = (request: FastifyRequest): Body => (typeof request.body === 'object' && request.body !== null ? (request.body as Body) : {});
const EXPIRED_FORM = 'This form had expired, so nothing was saved. Check your answers and try again';
const ACTIONS: Record<string, string> = { created: 'Added', changed: 'Changed', retired: 'Retired', unretired: 'Brought back' };

export function specialismHandlers(services: Services) {
  const secure = services.config.environment === 'production';
  const actor = (request: FastifyRequest): CurrentUser => {
    if (!request.user) throw new Error('The access guard lets only signed-in administrators reach these pages');
    return request.user;
  };

  async function renderList(reply: FastifyReply, values: SpecialismFormValues, errors?: FormErrors) {
    const all = await services.specialisms.list();
    return reply.render('specialisms/views/list.njk', { groups: groupSpecialisms(all), groupNames: [...new Set(all.map((row) => row.groupName))], values, errors });
  }

  async function renderEdit(request: FastifyRequest, reply: FastifyReply, specialism: SpecialismRow, values: SpecialismFormValues, errors?: FormErrors) {
    const alliance = await services.alliances.current();
    return reply.render('specialisms/views/edit.njk', {
      specialism,
      values,
      errors,
      auditTrail: await auditTrailFor(services.db, request.user, { allianceId: alliance.id, entityType: 'specialism', entityId: specialism.id, labels: SPECIALISM_LABELS, actions: ACTIONS }),
    });
  }

  async function load(request: WithId): Promise<SpecialismRow | undefined> {
    const id = parseId(request.params.id);
    return id === undefined ? undefined : services.specialisms.find(id);
  }

  const toggle = (retired: boolean) => async (request: WithId, reply: FastifyReply) => {
    const specialism = await load(request);
    if (!specialism) return reply.callNotFound();
    await services.specialisms.setRetired(actor(request), specialism.id, retired);
    setFlash(reply, retired ? `${specialism.name} is retired: schools can no longer choose it` : `${specialism.name} is back on the list`, secure);
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
      const outcome = await services.specialisms.add(actor(request), parsed.details);
      if (!outcome.ok) return renderList(reply.code(400), values, toFormErrors(outcome.problems));
      setFlash(reply, `${parsed.details.name} added`, secure);
      return reply.redirect('/staff/specialisms', 303);
    },

    async addAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return renderList(reply.code(problem === 'csrf' ? 403 : 429), specialismFormValues(bodyOf(request)), { summary: [{ text: EXPIRED_FORM, href: '#name' }], fields: {} });
    },

    async show(request: WithId, reply: FastifyReply) {
      const specialism = await load(request);
      if (!specialism) return reply.callNotFound();
      return renderEdit(request, reply, specialism, { name: specialism.name, groupName: specialism.groupName });
    },

    async change(request: WithId, reply: FastifyReply) {
      const specialism = await load(request);
      if (!specialism) return reply.callNotFound();
      const values = specialismFormValues(bodyOf(request));
      const parsed = parseSpecialism(values);
      if (!parsed.ok) return renderEdit(request, reply.code(400), specialism, values, toFormErrors(parsed.problems));
      const outcome = await services.specialisms.change(actor(request), specialism.id, parsed.details);
      if (!outcome.ok) return renderEdit(request, reply.code(400), specialism, values, toFormErrors(outcome.problems));
      setFlash(reply, outcome.value ? `${parsed.details.name} saved` : 'Nothing was changed', secure);
      return reply.redirect(`/staff/specialisms/${specialism.id}`, 303);
    },

    async changeAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const specialism = await load(request as WithId);
      if (!specialism) return notFound(reply);
      return renderEdit(request, reply.code(problem === 'csrf' ? 403 : 429), specialism, specialismFormValues(bodyOf(request)), { summary: [{ text: EXPIRED_FORM, href: '#name' }], fields: {} });
    },

    retire: toggle(true),
    unretire: toggle(false),
  };
}
