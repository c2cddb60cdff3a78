import type { FastifyInstance } from 'fastify';
import { refuseBodiesOtherThanJson } from '../../platform/http/requests.ts';
import { enquiryHandlers, type EnquiryRouteServices } from './enquiries.handlers.ts';

/** Form bodies are small: the longest field is 5,000 characters. */
const BODY_LIMIT_BYTES = 64 * 1024;

export function registerEnquiryRoutes(app: FastifyInstance, services: EnquiryRouteServices): void {
  const handlers = enquiryHandlers(services);
  // Generous, because every school behind one local-authority network shares an address.
  const rateLimit = { max: services.ratePerHour, timeWindow: '1 hour', hook: 'preHandler' as const };

  app.get('/request-support', { config: { access: 'public' } }, handlers.showForm);
  app.post(
    '/request-support',
    {
      bodyLimit: BODY_LIMIT_BYTES,
      config: { access: 'public', rateLimit, showFormAgain: handlers.showFormAgain, showsRefusedText: true },
    },
    handlers.submitForm,
  );
  app.get('/request-support/sent', { config: { access: 'public' } }, handlers.showSent);
  app.post(
    '/api/enquiries',
    {
      bodyLimit: BODY_LIMIT_BYTES,
      onRequest: refuseBodiesOtherThanJson,
      config: { access: 'public', csrf: false, rateLimit },
    },
    handlers.submitApi,
  );
}
