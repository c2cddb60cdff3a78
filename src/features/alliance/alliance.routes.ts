import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { allianceHandlers } from './alliance.handlers.ts';

/** The alliance's settings, for its administrators. */
export function registerAllianceRoutes(app: FastifyInstance, services: Services): void {
  const handlers = allianceHandlers(services);
  const access = { access: ['administrator'] as const };

  app.get('/staff/settings', { config: access }, handlers.show);
  app.post('/staff/settings', { config: { ...access, showFormAgain: handlers.submitAgain } }, handlers.submit);
  app.post('/staff/settings/closure-dates', { config: { ...access, showFormAgain: handlers.addClosureAgain } }, handlers.addClosure);
  app.post('/staff/settings/closure-dates/:date/remove', { config: access }, handlers.removeClosure);
}
