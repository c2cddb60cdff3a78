import type { FastifyInstance } from 'fastify';
import { EMAILS_PATH, outboxHandlers, type OutboxRouteServices } from './outbox.handlers.ts';

/** Staff > Emails: administrators only, since the bodies are personal data (outbox-admin.service.ts). */
export function registerOutboxRoutes(app: FastifyInstance, services: OutboxRouteServices): void {
  const handlers = outboxHandlers(services);
  const access = { access: ['administrator'] as const };
  app.get(EMAILS_PATH, { config: access }, handlers.list);
  app.get(`${EMAILS_PATH}/:id`, { config: access }, handlers.show);
  app.post(`${EMAILS_PATH}/:id/resend`, { config: access }, handlers.resend);
}
