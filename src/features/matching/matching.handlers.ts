import type { FastifyReply, FastifyRequest } from 'fastify';
import { field, problemsFromZod, toFormErrors } from '../../platform/forms.ts';
import { setFlash } from '../../platform/flash.ts';
import type { Services } from '../../services.ts';
import { DESIGNATION_ABBREVIATIONS } from '../leaders/leaders.schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { weightsFormSchema } from './matching.schema.ts';
import { COMPONENTS, COMPONENT_LABELS, DEFAULT_WEIGHTS } from './matching.weights.ts';

export function matchingHandlers(services: Services) {
  const secure = services.config.environment === 'production';
  const weightsPage = (reply: FastifyReply, context: Record<string, unknown>) =>
    reply.render('matching/views/weights.njk', { components: COMPONENTS, labels: COMPONENT_LABELS, defaults: DEFAULT_WEIGHTS, ...context });

  return {
    async showMatching(request: FastifyRequest<{ Params: { reference: string } }>, reply: FastifyReply) {
      const enquiry = await services.enquiries.findByReference(request.params.reference);
      const result = enquiry ? await services.matching.rankForEnquiry(enquiry.id) : undefined;
      if (!enquiry || !result) return reply.callNotFound();
      const proposals = await services.proposals.forEnquiry(enquiry.id);
      const proposed = new Set(proposals.filter((proposal) => proposal.status === 'proposed' || proposal.status === 'accepted').map((proposal) => proposal.leader.id));
      const firstOpenLeaderId = result.ranked.find((leader) => !proposed.has(leader.leaderId))?.leaderId;
      return reply.render('matching/views/matching.njk', { ...result, proposals, proposed: [...proposed], firstOpenLeaderId, abbreviations: DESIGNATION_ABBREVIATIONS });
    },

    async showWeights(request: FastifyRequest, reply: FastifyReply) {
      const weights = await services.matching.weights();
      return weightsPage(reply, { values: weights });
    },

    async saveWeights(request: FastifyRequest, reply: FastifyReply) {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries([...COMPONENTS, 'maxDistanceMiles'].map((name) => [name, field(body, name)]));
      const parsed = weightsFormSchema.safeParse(values);
      if (!parsed.success) return weightsPage(reply.code(400), { values, errors: toFormErrors(problemsFromZod(parsed.error)) });
      const before = await services.matching.weights();
      const alliance = await services.alliances.current();
      await services.db.transaction(async (tx) => {
        await services.matching.saveWeights(tx, parsed.data);
        await recordAudit(tx, { allianceId: alliance.id, actorUserId: request.user!.id, entityType: 'settings', entityId: alliance.id, action: 'matching weights changed', before, after: parsed.data, at: services.clock.now() });
      });
      setFlash(reply, 'Matching weights saved', secure);
      return reply.redirect('/staff/settings/matching', 303);
    },
  };
}
