import type { FastifyInstance } from 'fastify';
import { ROLES } from '../../platform/access.ts';
import { agreementPageHandlers, type AgreementPageServices } from './agreement-page.handlers.ts';

export function registerAgreementPageRoutes(app: FastifyInstance, services: AgreementPageServices): void {
  const handlers = agreementPageHandlers(services);
  // Everyone with a part in agreements; the page then shows only an agreement that is theirs.
  app.get('/staff/agreements/:id', { config: { access: ROLES } }, handlers.show);
}
