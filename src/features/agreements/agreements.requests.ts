import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../../platform/access.ts';
import { parseId } from '../accounts/accounts.schema.ts';

/** What the agreement pages read from a request: the body, who is signed in, and the ids in the URL. */
export type AgreementRequest = FastifyRequest<{ Params: { id: string; objectiveId?: string; pairingId?: string; number?: string }; Querystring: Record<string, string | undefined> }>;

export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
}

export function actorOf(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new Error('The access guard lets only signed-in staff reach the agreement pages');
  return request.user;
}

export function agreementIdOf(request: AgreementRequest): number | undefined {
  return parseId(request.params.id);
}

export const EXPIRED_FORM = 'This form had expired, so nothing was saved. Check your answers and try again';

/** An edit refused outright (the version is signed, or the agreement withdrawn): what happened, and the way forward. */
export function renderRefusal(reply: FastifyReply, agreementId: number, message: string): Promise<FastifyReply> {
  return reply.code(409).render('agreements/views/refused.njk', { agreementId, message, offerVariation: /start a variation/.test(message) });
}

/** Answers "not found" (the page, or another's agreement the person may not see) and returns the reply. */
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
