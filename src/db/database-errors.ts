import { DrizzleQueryError } from 'drizzle-orm';

/**
 * What a failed query means for whoever asked, and what of it may be written to a log. Drizzle puts
 * every parameter of a failed query in its error's message (names, email addresses, notes), and
 * PostgreSQL's `detail` repeats the values of a violated key: neither may reach a log.
 */

/**
 * SQLSTATEs of a server that cannot answer now but may soon: every connection exception (class 08),
 * a backend terminated by an administrator, a crash or a fail-over (57P01, 57P02), a server starting
 * or shutting down (57P03), and too many connections (53300).
 * https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Node's codes for a network that does not reach the server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);
/** node-postgres's messages for a connection lost, never made, or broken earlier (it gives them no code). */
const LOST_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /connection error and is not queryable$/,
  /^Connection ended unexpectedly$/,
];

type ErrorWithCode = Error & { code?: unknown; errors?: unknown };

/** The error and what caused it, outermost first: Drizzle wraps the driver's error, Node may aggregate several. */
function chainOf(error: unknown): ErrorWithCode[] {
  const chain: ErrorWithCode[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && chain.length < 10) {
    const next = queue.shift();
    if (!(next instanceof Error)) continue;
    chain.push(next);
    queue.push(next.cause);
    const inner = (next as ErrorWithCode).errors;
    if (Array.isArray(inner)) queue.push(...inner);
  }
  return chain;
}

/** True when the query failed because the database could not be reached, not because of the query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chainOf(error).some((link) => {
    const code = typeof link.code === 'string' ? link.code : '';
    return (
      code.startsWith('08') ||
      UNAVAILABLE_SQLSTATES.has(code) ||
      NETWORK_CODES.has(code) ||
      LOST_CONNECTION_MESSAGES.some((pattern) => pattern.test(link.message))
    );
  });
}

/** Why a connection failed, in one line: Node reports a refused `localhost` (IPv6 and IPv4) as an error with no message of its own. */
export function describeConnectionFailure(error: unknown): string {
  const chain = chainOf(error);
  const messages = chain.map((link) => link.message).filter((message) => message !== '');
  const codes = chain.map((link) => (typeof link.code === 'string' ? link.code : '')).filter((code) => code !== '');
  return [...new Set(messages.length > 0 ? messages : codes)].slice(0, 2).join('; ') || String(error);
}

/** PostgreSQL's fields that say what failed without quoting any value. */
const DATABASE_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'constraint', 'routine'] as const;

/** An error rewritten for the log: its type in the log says so, and its fields are only those allowed. */
class LoggedDatabaseError extends Error {}

function isDatabaseError(error: unknown): error is Error & Record<string, unknown> {
  const fields = error as { severity?: unknown; code?: unknown };
  return error instanceof Error && typeof fields.severity === 'string' && typeof fields.code === 'string';
}

/** Data exceptions (class 22) quote the value refused: `invalid input syntax for type integer: "..."`. */
function messageOf(error: Error & Record<string, unknown>): string {
  return typeof error.code === 'string' && error.code.startsWith('22')
    ? error.message.replace(/: ".*"$/s, ': "(value not logged)"')
    : error.message;
}

/** Everything after the first line of a stack: where it happened, without the message. */
function framesOf(stack: string | undefined): string {
  return (stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}

function rewritten(name: string, message: string, stack: string | undefined, fields: Record<string, unknown>): Error {
  const safe = new LoggedDatabaseError(message);
  safe.name = name;
  safe.stack = `${name}: ${message}\n${framesOf(stack)}`;
  for (const field of DATABASE_FIELDS) if (fields[field] !== undefined) Object.assign(safe, { [field]: fields[field] });
  return safe;
}

/**
 * The error as it may be logged: a failed query keeps its SQL (which holds no values: they are sent
 * as parameters), PostgreSQL's reason and its code, and loses its parameters and PostgreSQL's detail.
 * Anything else is returned as it is.
 */
export function forLog(error: unknown): unknown {
  if (error instanceof DrizzleQueryError) {
    const cause = error.cause;
    const reason = isDatabaseError(cause) ? messageOf(cause) : cause instanceof Error ? cause.message : undefined;
    const fields = isDatabaseError(cause) ? cause : {};
    return rewritten(
      'DrizzleQueryError',
      `Failed query: ${error.query}${reason ? `: ${reason}` : ''}`,
      error.stack,
      fields,
    );
  }
  if (isDatabaseError(error)) return rewritten(error.name, messageOf(error), error.stack, error);
  return error;
}
