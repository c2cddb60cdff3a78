import type { FastifyInstance, FastifyReply } from 'fastify';
import { groupSpecialisms, type SpecialismService } from '../specialisms/specialisms.service.ts';

/**
 * How long records are kept, as the administrators set it (Staff > Privacy). Described here rather than
 * imported: the privacy capability stands in this same top layer, and routes.ts hands it over.
 */
export type RetentionScheduleSource = {
  schedule(): Promise<{ closedEnquiryYears: number; agreementYears: number; outboxBodyDays: number }>;
};

export type SiteRouteServices = { specialisms: SpecialismService; retention: RetentionScheduleSource };

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
  app.get('/privacy', { config: { access: 'public' } }, async (_request, reply) => {
    return reply.render('site/views/privacy.njk', { retention: await services.retention.schedule() });
  });
}
