import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeSchool, type SchoolService } from './schools.service.ts';

const searchQuery = z.object({ q: z.string().max(100, 'q must be 100 characters or fewer').default('') });

export function registerSchoolRoutes(app: FastifyInstance, services: { schools: SchoolService }): void {
  /** The type-ahead behind "School name or URN": open schools matching a name, town, postcode or URN. */
  app.get('/api/schools', { config: { access: 'public' } }, async (request, reply) => {
    const parsed = searchQuery.safeParse(request.query);
    if (!parsed.success)
      return reply.code(400).send({ errors: [{ field: 'q', message: parsed.error.issues[0]!.message }] });
    const schools = await services.schools.search(parsed.data.q);
    return reply.header('cache-control', 'public, max-age=300').send({
      results: schools.map((school) => ({
        urn: school.urn,
        name: school.name,
        town: school.town,
        postcode: school.postcode,
        phase: school.phase,
        label: describeSchool(school),
      })),
    });
  });
}
