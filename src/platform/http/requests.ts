import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../access.ts';
import type { FormProblem } from '../errors.ts';

/** A form's fields as parsed: an object, whatever was (or was not) sent. */
export type FormBody = Record<string, unknown>;

export function bodyOf(request: FastifyRequest): FormBody {
  return typeof request.body === 'object' && request.body !== null ? (request.body as FormBody) : {};
}

/** A record's id from the URL (1 to PostgreSQL's largest integer): anything else is "not found", not an error. */
export { parseId } from '../ids.ts';

/**
 * The person signed in, on a route whose access declares roles: the guard (access.ts) has let only
 * signed-in people through, so a missing user is a route declared wrongly, not a visitor to handle.
 */
export function actorOf(request: FastifyRequest): CurrentUser {
  if (!request.user)
    throw new Error(`${request.method} ${request.routeOptions.url ?? request.url} is reached only by people signed in`);
  return request.user;
}

/** The status of a form refused before its handler ran: expired (CSRF), or too many requests. */
export function formProblemStatus(problem: FormProblem): 403 | 429 {
  return problem === 'csrf' ? 403 : 429;
}

/**
 * For a JSON API write: a body of any other type (a form post, text/plain) is refused with 415 before
 * it is read. Browsers send those without asking first (no CORS preflight), so accepting only JSON is
 * also what keeps pages on other websites from posting without the alliance's leave.
 */
export async function refuseBodiesOtherThanJson(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const mediaType = String(request.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (mediaType === 'application/json') return;
  await reply.code(415).send({ errors: [{ field: 'body', message: 'Send the body as application/json' }] });
}
