import type { FastifyInstance } from 'fastify';
import { createApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { systemClock } from '../src/platform/clock.ts';
import { csrfTokenOf } from '../test/support/html.ts';
import { percentile } from './load.ts';

const REQUESTS = 200;
const KNOWN_EMAIL = 'bench.forgot-password@south-liverpool-schools.example';

export type ForgotPasswordFigures = { known: { p50: number; p95: number }; unknown: { p50: number; p95: number } };

/**
 * How long the forgot-password form takes to answer for an address with an account and for one
 * without, in process (app.inject), REQUESTS of each, interleaved: the two should not differ, or the
 * time would tell who has an account. Each request comes from its own address, as the form is
 * rate-limited per address. A figure, not a test.
 */
export async function benchForgotPassword(database: DatabaseHandle, config: Config): Promise<ForgotPasswordFigures> {
  const app = await createApp({ config, db: database.db, clock: systemClock, mailer: undefined });
  try {
    const alliance = await app.services.alliances.current();
    await database.db.transaction((tx) =>
      app.services.users.ensureUser(tx, alliance, {
        email: KNOWN_EMAIL,
        name: 'Bench Coordinator',
        jobTitle: 'Coordinator',
        roles: ['coordinator'],
      }),
    );
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let index = 0; index < REQUESTS * 2 + 40; index++) {
      const kind = index % 2 === 0 ? 'known' : 'unknown';
      const elapsed = await timeOneRequest(
        app,
        kind === 'known' ? KNOWN_EMAIL : `nobody-${index}@example.org`,
        `10.9.${index >> 8}.${index & 255}`,
      );
      // The first 40 warm the templates and the JIT.
      if (index >= 40) times[kind].push(elapsed);
    }
    await app.services.accountLinks.drainResetRequests();
    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
    };
    return { known: summary(times.known), unknown: summary(times.unknown) };
  } finally {
    await app.close();
  }
}

async function timeOneRequest(app: FastifyInstance, email: string, remoteAddress: string): Promise<number> {
  const form = await app.inject({ url: '/forgot-password', remoteAddress });
  const cookies = Object.fromEntries(form.cookies.map((cookie) => [cookie.name, cookie.value]));
  const payload = new URLSearchParams({ _csrf: csrfTokenOf(form.body) ?? '', email }).toString();
  const before = performance.now();
  const response = await app.inject({
    method: 'POST',
    url: '/forgot-password',
    remoteAddress,
    cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload,
  });
  const elapsed = performance.now() - before;
  if (response.statusCode !== 303) throw new Error(`The forgot-password form answered ${response.statusCode}`);
  return elapsed;
}
