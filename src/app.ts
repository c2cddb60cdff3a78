import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import { identifyBySessionCookie } from './platform/identity/session-cookie.ts';
import { sessionTimeoutView } from './platform/identity/session-timeout.ts';
import { ASSETS_PREFIX, enforceDeclaredAccess, type RouteSummary } from './platform/access.ts';
import { createLogger } from './platform/logging.ts';
import { registerErrorHandling } from './platform/errors.ts';
import { refuseControlCharacters } from './platform/http/text-input.ts';
import { registerHealthRoutes } from './platform/health/health.routes.ts';
import { registerSecurity, requireCsrfTokenOnWrites } from './platform/security.ts';
import { registerCors } from './platform/cors.ts';
import { PUBLIC_ASSETS_DIR, registerViews } from './platform/views.ts';
import { registerRoutes } from './routes.ts';
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
  const logger = createLogger({ level: config.logLevel, destination: dependencies.logDestination });
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });

  const services = buildServices(dependencies, app.log);
  const secureCookies = config.environment === 'production';
  app.decorate('services', services);

  await registerSecurity(app, { cookieSecret: config.sessionSecret, secureCookies });
  // After the cookie plugin (the guard reads the session cookie it parses), before any route.
  app.decorate('routeSummaries', enforceDeclaredAccess(app, identifyBySessionCookie(services.sessions)));
  requireCsrfTokenOnWrites(app);
  await registerCors(app, {
    allowedOrigins: async () => (await services.alliances.current()).apiAllowedOrigins,
  });
  refuseControlCharacters(app);
  await app.register(formbody);
  // Counted in the database, so every instance of the app shares each limit.
  // If the counters cannot be reached, the request goes on: the handler answers 503 if the database is
  // down, and a limiter must not turn a dropped connection into a failed request of its own.
  await app.register(rateLimit, { global: false, store: services.rateLimits.store, skipOnError: true });
  await app.register(fastifyStatic, {
    root: PUBLIC_ASSETS_DIR,
    prefix: ASSETS_PREFIX,
    maxAge: '365d',
    immutable: true,
    index: false,
  });

  registerViews(app, {
    layoutContext: async (request: FastifyRequest) => {
      const path = request.url.split('?')[0];
      const account = request.user ? { href: '/staff', text: 'Staff' } : { href: '/sign-in', text: 'Sign in' };
      return {
        alliance: await services.alliances.current(),
        sessionTimeout: sessionTimeoutView(request, dependencies.clock, services.sessions.idleMinutes),
        navigation: [...NAVIGATION, account].map((item) => ({
          ...item,
          current: item.href === path,
          active: item.href !== '/' && path?.startsWith(`${item.href}/`),
        })),
      };
    },
  });
  registerErrorHandling(app);

  registerHealthRoutes(app, { health: services.health });
  registerRoutes(app, services, config);

  app.addHook('onClose', async () => {
    await services.reminders.stop();
    await services.feedback.stop();
    await services.reviewConsentReminders.stop();
    await services.applicationRequests.stop();
    await services.retention.stop();
    await services.outbox.stop();
    await services.rateLimits.stop();
    await services.accountLinks.stop();
    // Uploaded files waiting for a confirmation are deleted, not left in the temporary directory.
    services.schoolRegister.pending.clear();
  });
  return app;
}
