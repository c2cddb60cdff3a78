import type { FastifyReply } from 'fastify';

/** Answers "not found" (the page, or another's record the person may not see) and returns the reply. */
export function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/**
 * For a form refused as expired (CSRF) whose record has gone since it was opened: the error page for
 * an expired form (403), rather than "not found", so a forged or stale request always reads as refused.
 */
export function formExpiredError(): Error {
  return Object.assign(new Error('The form had expired and what it changed no longer exists'), { statusCode: 403 });
}
