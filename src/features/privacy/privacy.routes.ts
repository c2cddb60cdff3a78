import type { FastifyInstance } from 'fastify';
import { retentionHandlers, type RetentionRouteServices } from './retention.handlers.ts';

export type PrivacyRouteServices = RetentionRouteServices;

/** Staff > Privacy, for administrators: the retention schedule, a person's records, and erasure. */
export function registerPrivacyRoutes(app: FastifyInstance, services: PrivacyRouteServices): void {
  const access = { access: ['administrator'] as const };
  const retention = retentionHandlers(services);
  app.get('/staff/privacy', { config: access }, retention.show);
  app.post(
    '/staff/privacy/retention',
    { config: { ...access, showFormAgain: retention.submitAgain } },
    retention.submit,
  );
}
