import type { FastifyReply, FastifyRequest } from 'fastify';

const FLASH_COOKIE = 'flash';

/**
 * A one-off message for the page after a redirect ("Invitation sent"): Post/Redirect/Get without
 * a server-side store. The cookie is signed, so only the service can say what it shows.
 */
export function setFlash(reply: FastifyReply, message: string): void {
  reply.setCookie(FLASH_COOKIE, message.slice(0, 300), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.secureCookies,
    signed: true,
    maxAge: 300,
  });
}

/** The message left by the previous response, once: reading it clears it. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): string | undefined {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}
