import type { FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';
import { forLog } from '../db/database-errors.ts';

/**
 * The app's logger. Whoever can read the logs must not be able to take over an account or read
 * what people wrote: no line holds a token, a password, an email's body or a query's values. The
 * serializers below keep them out of what the app logs itself; `redact` is the net under them, for
 * a field logged by mistake.
 */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'res.headers["set-cookie"]',
          'password',
          '*.password',
          'token',
          '*.token',
          'body',
          '*.body',
        ],
        censor: '[redacted]',
      },
      serializers: { req: describeRequestForLog, err: (error: unknown) => pino.stdSerializers.err(errorForLog(error)) },
    },
    options.destination,
  );
}

/**
 * A URL as the log records it: the path, and each query parameter's name without its value. Values
 * are the secret in an emailed link (`?token=...`) and what people search for (names, emails).
 */
export function urlForLog(url: string): string {
  const [rawPath, query] = url.split(/\?(.*)/s, 2);
  const path = withoutSecretSegments(rawPath!);
  if (query === undefined) return path;
  const names = query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => `${part.split('=')[0]}=[redacted]`);
  return `${path}?${names.join('&')}`;
}

/**
 * A path with any segment shaped like a secret token (secret-tokens.ts: 43 base64url characters)
 * left out: some emailed links carry the token in the path (`/application-requests/:token`).
 */
function withoutSecretSegments(path: string): string {
  return path
    .split('/')
    .map((segment) => (/^[A-Za-z0-9_-]{43}$/.test(segment) ? '[redacted]' : segment))
    .join('/');
}

/** A request as the log records it: Fastify's usual fields, with the URL's values left out. */
export function describeRequestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: urlForLog(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}

/**
 * An error as it may be logged: a failed query's parameters and PostgreSQL's quoted values are
 * removed wherever they are in the chain (pino appends every cause's message to the error's own).
 */
export function errorForLog(error: unknown, depth = 0): Error {
  const safe = forLog(error);
  if (!(safe instanceof Error)) return new Error(String(safe));
  if (safe !== error || depth > 8) return safe;
  const inner = (error as Error & { errors?: unknown }).errors;
  if (safe.cause === undefined && !Array.isArray(inner)) return safe;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(safe) as object) as Error, safe);
  Object.defineProperties(copy, {
    message: { value: safe.message, enumerable: false, writable: true },
    stack: { value: safe.stack, enumerable: false, writable: true },
    cause: { value: safe.cause === undefined ? undefined : errorForLog(safe.cause, depth + 1), enumerable: false },
  });
  if (Array.isArray(inner)) Object.assign(copy, { errors: inner.map((each) => errorForLog(each, depth + 1)) });
  return copy;
}
