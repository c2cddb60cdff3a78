import type { FastifyRequest } from 'fastify';
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
