import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/database-errors.ts';

export type FormProblem = 'csrf' | 'rate-limit';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * For a form: shows the form again with what the person entered and a message, when the request
     * was refused before its handler ran (an expired form, too many requests), so nothing is lost.
     */
    showFormAgain?: (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) => Promise<FastifyReply>;
  }
}

const CSRF_ERROR_CODES = new Set(['FST_CSRF_INVALID_TOKEN', 'FST_CSRF_MISSING_SECRET']);

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

const PAGES: Record<number, { heading: string; paragraphs: string[] }> = {
  400: {
    heading: 'Sorry, there is a problem with that request',
    paragraphs: ['Check the address or go back and try again.'],
  },
  403: {
    heading: 'This form has expired',
    paragraphs: [
      'For your security, forms stop working after a while or when cookies are blocked. Go back, reload the page and try again.',
    ],
  },
  404: {
    heading: 'Page not found',
    paragraphs: [
      'If you typed the web address, check it is correct.',
      'If you pasted the web address, check you copied the entire address.',
    ],
  },
  413: { heading: 'That was too much to send', paragraphs: ['Go back and shorten your answers, then try again.'] },
  429: { heading: 'Too many requests', paragraphs: ['Wait a few minutes, then try again.'] },
  500: {
    heading: 'Sorry, there is a problem with the service',
    paragraphs: ['Try again later. Nothing you sent has been lost if you saw a confirmation.'],
  },
  503: {
    heading: 'Sorry, the service is unavailable',
    paragraphs: [
      'Try again in a few minutes.',
      'If you were sending something and did not see a confirmation, send it again then.',
    ],
  },
};

/** Seconds a client is asked to wait before trying again while the database does not answer. */
const RETRY_AFTER_SECONDS = 30;

/** The error page for a status, or with its own words (a refusal that names what was wrong). */
export async function renderProblemPage(
  reply: FastifyReply,
  status: number,
  words?: { heading: string; paragraphs: string[] },
): Promise<FastifyReply> {
  const page = words ?? PAGES[status] ?? PAGES[status >= 500 ? 500 : 400]!;
  reply.code(status);
  try {
    return await reply.render('errors/problem.njk', page);
  } catch (error) {
    // The page could not be rendered (the database is down, say): still tell the person something.
    reply.log.error({ err: error }, 'Could not render the error page');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!DOCTYPE html><html lang="en"><title>${page.heading}</title><h1>${page.heading}</h1><p>${page.paragraphs.join(' ')}</p></html>`,
      );
  }
}

/** The message an API client gets for a request refused as a whole. */
function apiMessage(error: FastifyError, status: number): string {
  if (status === 404) return 'There is no such resource';
  if (status === 413) return 'The request body is too large';
  if (status === 415) return 'Send the body as application/json';
  if (status === 429) return 'Too many requests: wait and try again';
  if (status === 503) return 'The service is unavailable just now; try again in a few minutes';
  if (status >= 500) return 'The service could not handle the request; try again later';
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError)
    return 'The body is not valid JSON';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The body is empty; send a JSON object';
  return error.message;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler(async (request, reply) => {
    if (isApiRequest(request))
      return reply.code(404).send({ errors: [{ field: 'url', message: apiMessage({} as FastifyError, 404) }] });
    return renderProblemPage(reply, 404);
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const csrfFailure = CSRF_ERROR_CODES.has(error.code);
    let status = csrfFailure ? 403 : (error.statusCode ?? 500);
    // An unparsable body is the client's mistake, whatever status the parser chose.
    if (status === 500 && error instanceof SyntaxError) status = 400;
    // The database is down, restarting or failing over: not this request's fault, and worth trying
    // again soon (a 500 would say the service is broken). What the request had begun in a
    // transaction was rolled back by PostgreSQL when the transaction's connection was lost.
    const unavailable = status >= 500 && isDatabaseUnavailable(error);
    if (unavailable) {
      status = 503;
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    }

    const showFormAgain = request.routeOptions.config?.showFormAgain;
    if (showFormAgain && (csrfFailure || status === 429)) {
      return showFormAgain(request, reply, csrfFailure ? 'csrf' : 'rate-limit');
    }

    if (unavailable) request.log.warn({ err: error }, 'Request failed: the database does not answer');
    else if (status >= 500) request.log.error({ err: error }, 'Request failed');
    // A JSON parser's message quotes the body it could not read.
    else
      request.log.info(
        {
          statusCode: status,
          code: error.code,
          message: error instanceof SyntaxError ? 'Unparsable body' : error.message,
        },
        'Request refused',
      );

    if (isApiRequest(request)) {
      reply.code(status);
      const headers = (error as FastifyError & { headers?: Record<string, string> }).headers;
      if (headers) reply.headers(headers);
      return reply.send({ errors: [{ field: 'body', message: apiMessage(error, status) }] });
    }
    return renderProblemPage(reply, status);
  });
}
