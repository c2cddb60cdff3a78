import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The browser's hold on one application: the save-and-return link's token, in a signed, HttpOnly
 * cookie for the paths under /apply. It lasts as long as the link does; the applicant has no account.
 */
const APPLICATION_COOKIE = 'application';

export function setApplicationCookie(reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  reply.setCookie(APPLICATION_COOKIE, token, {
    path: '/apply',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.secureCookies,
    signed: true,
    maxAge: maxAgeSeconds,
  });
}

/** The token the cookie holds, if it is one the service signed. */
export function applicationToken(request: FastifyRequest): string | undefined {
  const raw = request.cookies[APPLICATION_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}
