import type { FastifyInstance } from 'fastify';
import type { HealthService } from './health.service.ts';

export const HEALTH_PREFIX = '/health';

/**
 * Two questions for whatever runs the service: `/health` (liveness) answers while the process can
 * answer at all, so it is restarted only when it cannot; `/health/ready` (readiness) is 503 while the
 * database does not answer, so a load balancer sends requests to other instances until it does. A
 * database outage must not make every instance's liveness fail and have them all restarted at once.
 */
export function registerHealthRoutes(app: FastifyInstance, services: { health: HealthService }): void {
  app.get(HEALTH_PREFIX, { config: { access: 'public' } }, async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
  app.get(`${HEALTH_PREFIX}/ready`, { config: { access: 'public' } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (await services.health.databaseAnswers()) return reply.send({ status: 'ready' });
    return reply.code(503).send({ status: 'unavailable', reason: 'The database does not answer' });
  });
}
