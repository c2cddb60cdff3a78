import type { FastifyInstance, FastifyReply } from 'fastify';
import { groupSpecialisms, type SpecialismService } from '../specialisms/specialisms.service.ts';

export type SiteRouteServices = { specialisms: SpecialismService };

/** The public pages about the programmes and the alliance. Their facts come from the alliance's settings. */
export function registerSiteRoutes(app: FastifyInstance, services: SiteRouteServices): void {
  const page = (template: string) => async (_request: unknown, reply: FastifyReply) => reply.render(template);

  app.get('/', { config: { access: 'public' } }, page('site/views/home.njk'));
  app.get('/specialist-leaders-of-education', { config: { access: 'public' } }, async (_request, reply) => {
    return reply.render('site/views/specialist-leaders.njk', {
      specialismGroups: groupSpecialisms(await services.specialisms.active()),
    });
  });
  app.get('/local-leaders-of-education', { config: { access: 'public' } }, page('site/views/local-leaders.njk'));
  app.get('/contact', { config: { access: 'public' } }, page('site/views/contact.njk'));
  app.get('/accessibility', { config: { access: 'public' } }, page('site/views/accessibility.njk'));
  app.get('/privacy', { config: { access: 'public' } }, page('site/views/privacy.njk'));
}
