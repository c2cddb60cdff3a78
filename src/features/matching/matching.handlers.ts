import type { FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../../platform/flash.ts';
import { field, problemsFromZod, toFormErrors } from '../../platform/forms.ts';
import { actorOf, bodyOf } from '../../platform/http/requests.ts';
import { weightsFormSchema } from './matching.schema.ts';
import type { MatchingService } from './matching.service.ts';
import { COMPONENTS, COMPONENT_LABELS, DEFAULT_WEIGHTS } from './matching.weights.ts';

/** Staff > Settings > How leaders are ranked: the weights of each reason in the ranking. */
export function matchingWeightsHandlers(services: { matching: MatchingService }) {
  const weightsPage = (reply: FastifyReply, context: Record<string, unknown>) =>
    reply.render('matching/views/weights.njk', {
      components: COMPONENTS,
      labels: COMPONENT_LABELS,
      defaults: DEFAULT_WEIGHTS,
      ...context,
    });

  return {
    async showWeights(request: FastifyRequest, reply: FastifyReply) {
      return weightsPage(reply, {
        values: await services.matching.weights(),
        editable: services.matching.mayChangeWeights(actorOf(request)),
      });
    },

    async saveWeights(request: FastifyRequest, reply: FastifyReply) {
      const body = bodyOf(request);
      const values = Object.fromEntries([...COMPONENTS, 'maxDistanceMiles'].map((name) => [name, field(body, name)]));
      const parsed = weightsFormSchema.safeParse(values);
      if (!parsed.success)
        return weightsPage(reply.code(400), {
          values,
          editable: true,
          errors: toFormErrors(problemsFromZod(parsed.error)),
        });
      await services.matching.changeWeights(actorOf(request), parsed.data);
      setFlash(reply, 'Matching weights saved');
      return reply.redirect('/staff/settings/matching', 303);
    },
  };
}
