import type { FastifyInstance } from 'fastify';
import { releaseHandlers, type ReleaseRouteServices } from './release.handlers.ts';

const staff = { access: ['administrator', 'coordinator'] as const };
/** System leaders see their own ledger; the handlers check whose. */
const readers = { access: ['administrator', 'coordinator', 'system-leader'] as const };

export function registerReleaseRoutes(app: FastifyInstance, services: ReleaseRouteServices): void {
  const handlers = releaseHandlers(services);
  app.get('/staff/release-ledger', { config: readers }, handlers.overview);
  app.get('/staff/release-ledger/:leaderId', { config: readers }, handlers.show);
  app.get('/staff/release-ledger/:leaderId/consent/:startYear', { config: staff }, handlers.showConsent);
  app.post(
    '/staff/release-ledger/:leaderId/consent/:startYear',
    { config: { ...staff, showFormAgain: handlers.consentAgain } },
    handlers.submitConsent,
  );
}
