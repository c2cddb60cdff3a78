import type { FastifyInstance } from 'fastify';
import { peopleHandlers, type PeopleRouteServices } from './people.handlers.ts';
import { retentionHandlers, type RetentionRouteServices } from './retention.handlers.ts';

export type PrivacyRouteServices = RetentionRouteServices & PeopleRouteServices;

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
  const people = peopleHandlers(services);
  app.get('/staff/privacy/people', { config: access }, people.show);
  app.get('/staff/privacy/people/export.json', { config: access }, people.exportJson);
  app.get('/staff/privacy/people/erase', { config: access }, people.confirm);
  app.post('/staff/privacy/people/erase', { config: { ...access, showFormAgain: people.eraseAgain } }, people.erase);
}
