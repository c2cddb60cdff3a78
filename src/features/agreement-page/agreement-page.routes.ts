import type { FastifyInstance } from 'fastify';
import { agreementPageHandlers, type AgreementPageServices } from './agreement-page.handlers.ts';

export function registerAgreementPageRoutes(app: FastifyInstance, services: AgreementPageServices): void {
  const handlers = agreementPageHandlers(services);
  // Everyone with a part in agreements (a panel member has none); the page then shows only an agreement that is theirs.
  const parties = ['administrator', 'coordinator', 'system-leader', 'school-contact'] as const;
  app.get('/staff/agreements/:id', { config: { access: parties } }, handlers.show);
}
