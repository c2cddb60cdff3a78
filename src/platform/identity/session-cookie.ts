import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Identify } from '../access.ts';
import type { SessionService } from './sessions.service.ts';

export const SESSION_COOKIE = 'session';

/**
 * The cookie holds only the session's random token: signed (a tampered cookie is ignored before any
 * query), HttpOnly (no script can read it), SameSite=Lax (not sent on another site's form posts),
 * Secure in production, and with no expiry so it goes when the browser closes.
 */
export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.secureCookies,
    signed: true,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.secureCookies,
    signed: true,
  });
}

/** How the access guard learns who a request is from: the session cookie, checked against the database. */
export function identifyBySessionCookie(sessions: SessionService): Identify {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.cookies[SESSION_COOKIE];
    if (!raw) return { user: undefined, sessionEnded: false };
    const unsigned = request.unsignCookie(raw);
    const identity =
      unsigned.valid && unsigned.value
        ? await sessions.identify(unsigned.value)
        : { user: undefined, sessionEnded: false };
    if (!identity.user) clearSessionCookie(reply);
    return identity;
  };
}
