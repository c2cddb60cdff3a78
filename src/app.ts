import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import pino from 'pino';
import { registerAccountRoutes } from './features/accounts/accounts.routes.ts';
import { identifyBySessionCookie } from './features/accounts/session-cookie.ts';
import { registerStaffRoutes } from './features/accounts/staff.routes.ts';
import { registerUserRoutes } from './features/accounts/users.routes.ts';
import { registerAgreementRoutes } from './features/agreements/agreements.routes.ts';
import { registerAllianceRoutes } from './features/alliance/alliance.routes.ts';
import { registerOpenApiRoutes } from './features/api/openapi.routes.ts';
import { registerDeskRoutes } from './features/desk/desk.routes.ts';
import { registerDirectoryRoutes } from './features/directory/directory.routes.ts';
import { registerProposalRoutes } from './features/proposals/proposals.routes.ts';
import { registerEnquiryRoutes } from './features/enquiries/enquiries.routes.ts';
import { registerLeaderAdminRoutes } from './features/leaders/leaders-admin.routes.ts';
import { registerSchoolUploadRoutes } from './features/schools/schools-upload.routes.ts';
import { registerSchoolRoutes } from './features/schools/schools.routes.ts';
import { registerReleaseRoutes } from './features/release/release.routes.ts';
import { registerReviewRoutes } from './features/reviews/reviews.routes.ts';
import { registerFeedbackRoutes } from './features/feedback/feedback.routes.ts';
import { registerSiteRoutes } from './features/site/site.routes.ts';
import { registerVisitRoutes } from './features/visits/visits.routes.ts';
import { registerSpecialismRoutes } from './features/specialisms/specialisms.routes.ts';
import { ASSETS_PREFIX, enforceDeclaredAccess, type RouteSummary } from './platform/access.ts';
import { registerErrorHandling } from './platform/errors.ts';
import { describeRequestForLog, registerSecurity, requireCsrfTokenOnWrites } from './platform/security.ts';
import { PUBLIC_ASSETS_DIR, registerViews } from './platform/views.ts';
import { buildServices, type AppDependencies, type Services } from './services.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    /** Every route with who may use it: what `npm run routes` prints and the permission tests walk. */
    routeSummaries: RouteSummary[];
  }
}

const NAVIGATION = [
  { href: '/', text: 'Home' },
  { href: '/specialist-leaders-of-education', text: 'Specialist leaders' },
  { href: '/local-leaders-of-education', text: 'Local leaders' },
  { href: '/system-leaders', text: 'Find a leader' },
  { href: '/request-support', text: 'Request support' },
  { href: '/contact', text: 'Contact' },
];

/** Builds the whole app from its dependencies; no I/O happens until it handles a request. */
export async function createApp(dependencies: AppDependencies): Promise<FastifyInstance> {
  const { config } = dependencies;
  const logger = pino({
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: { req: describeRequestForLog },
  });
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, trustProxy: config.trustProxy, bodyLimit: 1024 * 1024 });

  const services = buildServices(dependencies, app.log);
  const secureCookies = config.environment === 'production';
  app.decorate('services', services);

  await registerSecurity(app, { cookieSecret: config.sessionSecret, secureCookies });
  // After the cookie plugin (the guard reads the session cookie it parses), before any route.
  app.decorate('routeSummaries', enforceDeclaredAccess(app, identifyBySessionCookie(services.sessions, secureCookies)));
  requireCsrfTokenOnWrites(app);
  await app.register(formbody);
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, { root: PUBLIC_ASSETS_DIR, prefix: ASSETS_PREFIX, maxAge: '365d', immutable: true, index: false });

  registerViews(app, {
    layoutContext: async (request: FastifyRequest) => {
      const path = request.url.split('?')[0];
      const account = request.user ? { href: '/staff', text: 'Staff' } : { href: '/sign-in', text: 'Sign in' };
      return {
        alliance: await services.alliances.current(),
        navigation: [...NAVIGATION, account].map((item) => ({ ...item, current: item.href === path, active: item.href !== '/' && path?.startsWith(`${item.href}/`) })),
      };
    },
  });
  registerErrorHandling(app);

  registerSiteRoutes(app, services);
  registerEnquiryRoutes(app, services);
  registerSchoolRoutes(app, services);
  registerDirectoryRoutes(app, services);
  registerProposalRoutes(app, services);
  registerOpenApiRoutes(app, services);
  registerAccountRoutes(app, services);
  registerStaffRoutes(app, services);
  registerUserRoutes(app, services);
  registerAllianceRoutes(app, services);
  registerSpecialismRoutes(app, services);
  registerDeskRoutes(app, services);
  registerLeaderAdminRoutes(app, services);
  registerSchoolUploadRoutes(app, services);
  registerAgreementRoutes(app, services);
  registerReleaseRoutes(app, services);
  registerReviewRoutes(app, services);
  registerFeedbackRoutes(app, services);
  registerVisitRoutes(app, services);

  app.addHook('onClose', async () => {
    await services.reminders.stop();
    await services.feedback.stop();
    await services.outbox.stop();
    // Uploaded files waiting for a confirmation are deleted, not left in the temporary directory.
    services.schoolRegister.pending.clear();
  });
  return app;
}
