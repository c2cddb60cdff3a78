import type { FastifyInstance } from 'fastify';
import { directoryHandlers, type DirectoryRouteServices } from './directory.handlers.ts';

/** The public directory of system leaders, as pages and as JSON for alliance websites to embed. */
export function registerDirectoryRoutes(app: FastifyInstance, services: DirectoryRouteServices): void {
  const handlers = directoryHandlers(services);
  app.get('/system-leaders', { config: { access: 'public' } }, handlers.showDirectory);
  app.get('/system-leaders/:id', { config: { access: 'public' } }, handlers.showProfile);
  app.get('/api/system-leaders', { config: { access: 'public' } }, handlers.searchApi);
  app.get('/api/system-leaders/:id', { config: { access: 'public' } }, handlers.profileApi);
}
