import type { FastifyInstance } from 'fastify';
import { DESK_ROLES } from '../enquiries/desk.types.ts';
import { matchingWeightsHandlers } from './matching.handlers.ts';
import type { MatchingService } from './matching.service.ts';

export function registerMatchingRoutes(app: FastifyInstance, services: { matching: MatchingService }): void {
  const weights = matchingWeightsHandlers(services);
  app.get('/staff/settings/matching', { config: { access: DESK_ROLES } }, weights.showWeights);
  app.post('/staff/settings/matching', { config: { access: ['administrator'] } }, weights.saveWeights);
}
