import type { FastifyInstance } from 'fastify';
import { specialismHandlers, type SpecialismRouteServices } from './specialisms.handlers.ts';

/** Administrators' pages for the alliance's list of specialisms. */
export function registerSpecialismRoutes(app: FastifyInstance, services: SpecialismRouteServices): void {
  const handlers = specialismHandlers(services);
  const access = { access: ['administrator'] as const };

  app.get('/staff/specialisms', { config: access }, handlers.list);
  app.post('/staff/specialisms', { config: { ...access, showFormAgain: handlers.addAgain } }, handlers.add);
  app.get('/staff/specialisms/:id', { config: access }, handlers.show);
  app.post('/staff/specialisms/:id', { config: { ...access, showFormAgain: handlers.changeAgain } }, handlers.change);
  app.post('/staff/specialisms/:id/retire', { config: access }, handlers.retire);
  app.post('/staff/specialisms/:id/unretire', { config: access }, handlers.unretire);

  /** The names `POST /api/enquiries` accepts, for an alliance website's own form. */
  app.get('/api/specialisms', { config: { access: 'public' } }, async (_request, reply) => {
    const active = await services.specialisms.active();
    return reply.header('cache-control', 'public, max-age=300').send({
      results: active.map((specialism) => ({ name: specialism.name, group: specialism.groupName })),
    });
  });
}
