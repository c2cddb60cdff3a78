import type { FastifyReply, FastifyRequest } from 'fastify';

const FLASH_COOKIE = 'flash';

/** A message for the next page, and the section it belongs to (the page's fragment), if not the top. */
export type Flash = { text: string; at?: string };

/**
 * A one-off message for the page after a redirect ("Invitation sent"): Post/Redirect/Get without
 * a server-side store. The cookie is signed, so only the service can say what it shows. With `at`,
 * the message is shown in that section of the page (the one the redirect's fragment opens at), so
 * the confirmation is where the person lands, not off-screen at the top.
 */
export function setFlash(reply: FastifyReply, message: string, options: { at?: string } = {}): void {
  const flash: Flash = { text: message.slice(0, 300), ...(options.at ? { at: options.at } : {}) };
  reply.setCookie(FLASH_COOKIE, JSON.stringify(flash), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.secureCookies,
    signed: true,
    maxAge: 300,
  });
}

/** The message left by the previous response, once: reading it clears it. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | undefined {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const flash = JSON.parse(unsigned.value) as Partial<Flash>;
    return typeof flash.text === 'string'
      ? { text: flash.text, ...(typeof flash.at === 'string' ? { at: flash.at } : {}) }
      : undefined;
  } catch {
    return undefined;
  }
}
