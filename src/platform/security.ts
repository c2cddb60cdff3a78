import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether cookies carry Secure: in production, served over HTTPS. Every cookie the service sets reads it. */
    secureCookies: boolean;
  }
  interface FastifyContextConfig {
    /** False for JSON API routes that no browser session can reach; every other write needs a CSRF token. */
    csrf?: boolean;
  }
}

export async function registerSecurity(
  app: FastifyInstance,
  options: { cookieSecret: string; secureCookies: boolean },
): Promise<void> {
  app.decorate('secureCookies', options.secureCookies);
  await app.register(cookie, { secret: options.cookieSecret });

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // 'self' must stay beside the nonce helmet adds, or the stylesheet itself is blocked.
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: options.secureCookies ? [] : null,
      },
    },
    // The Referer goes to this site only (helmet's default sends none): a form sent after the session
    // ended brings its page back after signing in (pageToReturnTo), and no address goes to another site.
    referrerPolicy: { policy: 'same-origin' },
    // Only on HTTPS deployments: on a laptop over http it would stick the browser to https://localhost.
    strictTransportSecurity: options.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });

  // Double-submit CSRF: a secret in a signed, HttpOnly cookie and a token derived from it in each form.
  // Tokens are bound to the session (getUserInfo), so a token from one session, or from before
  // signing in, is refused in another; signed out, every visitor shares one binding.
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: options.secureCookies },
    getUserInfo: csrfUserInfo,
    csrfOpts: { hmacKey: crypto.createHmac('sha256', options.cookieSecret).update('csrf-token-binding').digest() },
  });
}

/** What a request's CSRF tokens are bound to: its session, or the shared signed-out state. */
export function csrfUserInfo(request: FastifyRequest): string {
  return request.user ? `session:${request.user.sessionId}` : 'signed-out';
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every route that changes something checks the CSRF token, unless it opts out. As a preHandler,
 * after the body (which carries the token) has been parsed.
 */
export function requireCsrfTokenOnWrites(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((method) => WRITE_METHODS.has(method)) || route.config?.csrf === false) return;
    const existing = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [app.csrfProtection, ...existing];
  });
}
