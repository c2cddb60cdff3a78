import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Mailer } from '../../src/platform/outbox/mailer.ts';
import { FixedClock } from '../../src/platform/clock.ts';
import { csrfTokenOf } from './html.ts';
import { freshTestDatabase, TEST_ALLIANCE, type TestDatabase } from './test-database.ts';

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  clock: FixedClock;
  config: Config;
  close(): Promise<void>;
};

/** Monday 23 November 2026, 10:00 in London: a plain working morning. */
export const A_WORKING_MORNING = '2026-11-23T10:00:00Z';

/** The real app on a fresh database of its own, with a clock the test controls. */
export async function buildTestApp(
  options: { now?: string; mailer?: Mailer; env?: Record<string, string>; logDestination?: DestinationStream } = {},
): Promise<TestApp> {
  const database = await freshTestDatabase();
  const clock = new FixedClock(new Date(options.now ?? A_WORKING_MORNING));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ALLIANCE: TEST_ALLIANCE, ...options.env });
  const app = await createApp({
    config,
    db: database.db,
    clock,
    mailer: options.mailer,
    logDestination: options.logDestination,
  });
  return {
    app,
    database,
    clock,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A browser's visit to a form: the page, and the cookie and token a real submission carries. */
export async function openForm(
  app: FastifyInstance,
  url: string,
  cookies: Record<string, string> = {},
): Promise<{ page: LightMyRequestResponse; csrfToken: string; cookies: Record<string, string> }> {
  const page = await app.inject({ method: 'GET', url, cookies });
  const csrfToken = csrfTokenOf(page.body);
  if (!csrfToken) throw new Error(`No CSRF token on ${url} (status ${page.statusCode})`);
  return { page, csrfToken, cookies: { ...cookies, ...cookiesFrom(page) } };
}

export function cookiesFrom(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(response.cookies.map((cookie) => [cookie.name, cookie.value]));
}

/** Posts a form as a browser would: URL-encoded, repeated names for several values. */
export async function submitForm(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string | string[]>,
  session: { csrfToken: string; cookies: Record<string, string> },
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  body.append('_csrf', session.csrfToken);
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    cookies: session.cookies,
    payload: body.toString(),
  });
}
