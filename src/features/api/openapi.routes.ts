import type { FastifyInstance } from 'fastify';
import { apiPage } from './api-page.ts';
import { openApiDocument } from './openapi.document.ts';

export function registerOpenApiRoutes(app: FastifyInstance, options: { baseUrl: string }): void {
  const document = openApiDocument(options.baseUrl);
  // Built once: the document changes only with the code.
  const page = apiPage(document);
  app.get('/api/openapi.json', { config: { access: 'public' } }, async (_request, reply) => reply.send(document));
  /** The same document for people: what an integrator reads before writing a line. */
  app.get('/api', { config: { access: 'public' } }, async (_request, reply) => reply.render('api/views/api.njk', page));
}
