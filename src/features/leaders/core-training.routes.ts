import type { FastifyInstance } from 'fastify';
import { coreTrainingHandlers, type CoreTrainingRouteServices } from './core-training.handlers.ts';

/** Those who keep the register record a designated leader's core training. */
const registerKeepers = ['administrator', 'coordinator'] as const;

export function registerCoreTrainingRoutes(app: FastifyInstance, services: CoreTrainingRouteServices): void {
  const handlers = coreTrainingHandlers(services);
  const path = '/staff/leaders/:id/designations/:designationId/core-training';
  app.get(path, { config: { access: registerKeepers } }, handlers.show);
  app.post(
    path,
    { config: { access: registerKeepers, showsRefusedText: true, showFormAgain: handlers.again } },
    handlers.submit,
  );
}
