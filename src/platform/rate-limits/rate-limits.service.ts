import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../clock.ts';
import { PeriodicJob } from '../jobs/periodic-job.ts';
import { countRequest, deleteEndedCounters } from './rate-limits.repository.ts';

type Counted = { current: number; ttl: number };

/**
 * The rate limits of @fastify/rate-limit, counted in the database so that every instance of the app
 * shares one count: `store` is given to the plugin (`app.register(rateLimit, { store })`), which makes
 * one child per route that declares a limit, as its own in-memory store does.
 */
export class RateLimits {
  readonly store: FastifyRateLimitStoreCtor;
  private readonly cleanup: PeriodicJob;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    log: FastifyBaseLogger,
  ) {
    this.store = databaseStore(db, clock);
    this.cleanup = new PeriodicJob(log, { name: 'rate-limit-cleanup', work: () => this.removeEnded() });
  }

  /** Deletes the counters whose window has ended; returns how many. */
  removeEnded(): Promise<number> {
    return deleteEndedCounters(this.db, this.clock.now());
  }

  start(intervalMilliseconds: number): void {
    this.cleanup.start(intervalMilliseconds);
  }

  stop(): Promise<void> {
    return this.cleanup.stop();
  }
}

/** What the plugin passes to `child`: the route's limit, and the route it guards. */
type RouteLimit = { routeInfo?: { method?: string | string[]; url?: string } };

function databaseStore(db: Database, clock: Clock): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    /** Each route counts apart, as the plugin's own store does: `POST /sign-in`. */
    constructor(
      _options: unknown,
      private readonly route = '',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: Counted) => void, timeWindow: number): void {
      const now = clock.now();
      countRequest(db, `${this.route}|${key}`, now, timeWindow).then(
        ({ count, resetsAt }) =>
          callback(null, { current: count, ttl: Math.max(0, resetsAt.getTime() - now.getTime()) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const route = (routeOptions as RouteLimit).routeInfo;
      const method = [route?.method ?? ''].flat().join(',');
      return new DatabaseRateLimitStore(routeOptions, `${method} ${route?.url ?? ''}`);
    }
  }
  return DatabaseRateLimitStore;
}
