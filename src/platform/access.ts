import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { isApiRequest } from './errors.ts';
import { HEALTH_PREFIX } from './health/health.routes.ts';

export const ROLES = ['administrator', 'coordinator', 'system-leader', 'school-contact', 'panel-member'] as const;
export type Role = (typeof ROLES)[number];

/** Who may use a route: anyone, or people signed in with one of the roles. */
export type Access = 'public' | readonly Role[];

/** The person signed in, as every handler and page sees them (`request.user`). */
export type CurrentUser = {
  id: number;
  email: string;
  name: string;
  jobTitle: string;
  /** Their roles in the alliance this installation serves. */
  roles: Role[];
  schoolUrn: number | null;
  leaderId: number | null;
  /** The session this request came with: CSRF tokens are bound to it. */
  sessionId: number;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares who may use it; a route without it fails at start-up. */
    access?: Access;
  }
  interface FastifyRequest {
    /** The person signed in, or undefined. Set before any handler or CSRF check runs. */
    user: CurrentUser | undefined;
    /** True when the request brought a session that has ended (idle too long, or past its limit). */
    sessionEnded: boolean;
    /** For a signed-in request, when its session ends if no other request comes. */
    sessionIdleEndsAt: Date | undefined;
  }
}

export type RouteSummary = { method: string; path: string; access: Access };

/** The built stylesheet, scripts and icons: served to anyone, by @fastify/static, which takes no route config. */
export const ASSETS_PREFIX = '/assets/';

/** What the guard needs from the accounts capability: who, if anyone, a request is signed in as. */
export type Identify = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<{ user: CurrentUser | undefined; sessionEnded: boolean; idleEndsAt?: Date }>;

export function hasAnyRole(user: CurrentUser | undefined, roles: readonly Role[]): boolean {
  return user !== undefined && user.roles.some((role) => roles.includes(role));
}

export const SIGN_IN_PATH = '/sign-in';

/**
 * The one place permissions are enforced: every route must say who may use it, the list of routes
 * (for `npm run routes` and the permission tests) is read from the same declarations, and one hook
 * checks each request against them before its body is read or its handler runs.
 */
export function enforceDeclaredAccess(app: FastifyInstance, identify: Identify): RouteSummary[] {
  const routes: RouteSummary[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const access =
      route.config?.access ?? (route.url.startsWith(ASSETS_PREFIX) || isCorsPreflight(route) ? 'public' : undefined);
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} does not declare its access`);
    if (access !== 'public' && (access.length === 0 || access.some((role) => !ROLES.includes(role)))) {
      throw new Error(`Route ${route.url} declares roles that do not exist: ${access.join(', ')}`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, path: route.url, access });
    }
  });

  app.decorateRequest('user', undefined);
  app.decorateRequest('sessionEnded', false);
  app.decorateRequest('sessionIdleEndsAt', undefined);
  app.addHook('onRequest', async (request, reply) => {
    // Static files and health checks never need to know who is asking: skip the session look-up for
    // them, so a health check answers even while the database (which holds sessions) does not.
    if (request.url.startsWith(ASSETS_PREFIX) || isHealthCheck(request)) return;
    const identity = await identify(request, reply);
    request.user = identity.user;
    request.sessionEnded = identity.sessionEnded;
    request.sessionIdleEndsAt = identity.user ? identity.idleEndsAt : undefined;

    // Not-found requests have no route, so no declaration: they get the public 404 page.
    const access = request.routeOptions.config?.access ?? 'public';
    if (access === 'public' || hasAnyRole(request.user, access)) return;
    return refuse(request, reply);
  });
  return routes;
}

/**
 * The route @fastify/cors adds so that preflights (OPTIONS) are accepted: its hook answers them with
 * the CORS headers alone, before any route's handler, and the route takes no config.
 */
function isCorsPreflight(route: RouteOptions): boolean {
  return route.method === 'OPTIONS' && route.url === '*';
}

function isHealthCheck(request: FastifyRequest): boolean {
  const path = request.routeOptions.url;
  return path === HEALTH_PREFIX || (path?.startsWith(`${HEALTH_PREFIX}/`) ?? false);
}

async function refuse(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const signedIn = request.user !== undefined;
  reply.header('cache-control', 'no-store');
  if (isApiRequest(request)) {
    return reply.code(signedIn ? 403 : 401).send({
      errors: [
        {
          field: 'session',
          message: signedIn ? 'Your account does not have permission to do this' : 'Sign in to use this',
        },
      ],
    });
  }
  if (!signedIn) {
    // After signing in, the person comes back to the page they asked for, or to the form they sent:
    // what they sent cannot be replayed, and the sign-in page says it was not saved.
    const returnTo = pageToReturnTo(request);
    const query = new URLSearchParams();
    if (returnTo) query.set('returnTo', returnTo);
    if (request.sessionEnded) query.set('signedOut', 'inactive');
    if (request.method !== 'GET') query.set('unsaved', 'true');
    const search = query.toString();
    return reply.redirect(search ? `${SIGN_IN_PATH}?${search}` : SIGN_IN_PATH, 303);
  }
  reply.code(403);
  return reply.render('errors/forbidden.njk', { roles: request.user?.roles ?? [] });
}

/**
 * Where to go after signing in: only a path on this site, so a link cannot send someone elsewhere
 * (`//evil.example` and `/\evil.example` are other sites to a browser, and a path has no scheme).
 * Printable ASCII only, as a browser sends a path (anything else percent-encoded): a control
 * character or a character past Latin-1 cannot go in a Location header, and was a 500 after the
 * session had been made.
 */
export function safeReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(value)) return fallback;
  if (value.startsWith(SIGN_IN_PATH)) return fallback;
  return value;
}

/**
 * The page to come back to after signing in again: the page asked for, or for anything else (a form
 * sent), the page it was sent from, as the browser's Referer names it (same-origin only, see
 * security.ts). A form's action is often not a page at all (`/staff/enquiries/:reference/notes`).
 */
export function pageToReturnTo(request: FastifyRequest): string | undefined {
  if (request.method === 'GET') return safeReturnPath(request.url, '') || undefined;
  const referer = request.headers.referer;
  if (!referer || referer.length > 2000) return undefined;
  let from: URL;
  try {
    from = new URL(referer);
  } catch {
    return undefined;
  }
  if (from.hostname !== request.hostname) return undefined;
  return safeReturnPath(from.pathname + from.search, '') || undefined;
}

export function describeAccess(access: Access): string {
  return access === 'public' ? 'public' : access.join(',');
}

/** The route table as `npm run routes` prints it and routes.txt keeps it: `METHOD PATH ROLES`, sorted. */
export function formatRouteTable(routes: RouteSummary[]): string {
  // By code point, not locale, so the order is the same on every machine.
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const lines = [...routes]
    .sort((a, b) => compare(a.path, b.path) || compare(a.method, b.method))
    .map((route) => `${route.method} ${route.path} ${describeAccess(route.access)}`);
  return `${lines.join('\n')}\n`;
}
