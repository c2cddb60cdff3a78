import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Where the API's routes live: only they answer other origins. */
export const API_PREFIX = '/api/';

/** Browsers may keep a preflight's answer this long: a change to the allow-list is seen within it. */
const PREFLIGHT_CACHE_SECONDS = 600;

const READS = new Set(['GET', 'HEAD']);

/** The method a request is for: a preflight (OPTIONS) asks on behalf of the one it names. */
function intendedMethod(request: FastifyRequest): string {
  if (request.method !== 'OPTIONS') return request.method;
  const asked = request.headers['access-control-request-method'];
  return typeof asked === 'string' ? asked.toUpperCase() : '';
}

/**
 * Lets pages on other websites use the API from a visitor's browser (CORS):
 *
 * - the reads (GET) are public data, so any origin may use them;
 * - a write (`POST /api/enquiries`) only from the origins the alliance lists in its settings, so a page
 *   elsewhere cannot post enquiries in its visitors' names. The API accepts only `application/json`
 *   bodies, which a browser always sends with a preflight, so a page from an origin not listed cannot
 *   even send one (a "simple" text/plain or form post is refused with 415).
 *
 * No credentials are ever allowed: the API uses no cookies. Pages outside /api/ answer no other origin.
 * The policy goes by method rather than by URL, so each URL stays written once, in its routes file.
 */
export async function registerCors(
  app: FastifyInstance,
  options: { allowedOrigins: () => Promise<readonly string[]> },
): Promise<void> {
  await app.register(cors, {
    hideOptionsRoute: true,
    delegator: async (request: FastifyRequest) => {
      if (!request.url.startsWith(API_PREFIX)) return { origin: false };
      if (READS.has(intendedMethod(request)))
        return { origin: '*', methods: ['GET', 'HEAD'], maxAge: PREFLIGHT_CACHE_SECONDS };
      return {
        origin: [...(await options.allowedOrigins())],
        methods: ['POST'],
        allowedHeaders: ['Content-Type'],
        maxAge: PREFLIGHT_CACHE_SECONDS,
      };
    },
  });

  // Helmet's default (same-origin) would stop other sites embedding the API's answers; the pages keep it.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(API_PREFIX)) reply.header('cross-origin-resource-policy', 'cross-origin');
  });
}
