import type { FastifyInstance, RouteOptions } from 'fastify';

export const ROLES = ['administrator', 'coordinator', 'system-leader', 'school-contact'] as const;
export type Role = (typeof ROLES)[number];

/** Who may use a route: anyone, or people signed in with one of the roles. */
export type Access = 'public' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares who may use it; a route without it fails at start-up. */
    access?: Access;
  }
}

export type RouteSummary = { method: string; path: string; access: Access };

/** The built stylesheet, scripts and icons: served to anyone, by @fastify/static, which takes no route config. */
export const ASSETS_PREFIX = '/assets/';

/**
 * The one place permissions are enforced: every route must say who may use it, and the list of
 * routes (for `npm run routes` and the permission tests) is read from the same declarations.
 */
export function enforceDeclaredAccess(app: FastifyInstance): RouteSummary[] {
  const routes: RouteSummary[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access ?? (route.url.startsWith(ASSETS_PREFIX) ? 'public' : undefined);
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} does not declare its access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, path: route.url, access });
    }
    if (access !== 'public') throw new Error(`Route ${route.url}: signed-in access needs the accounts capability`);
  });
  return routes;
}

export function describeAccess(access: Access): string {
  return access === 'public' ? 'public' : access.join(',');
}
