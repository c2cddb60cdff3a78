import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { describeConnectionFailure, isDatabaseUnavailable } from './database-errors.ts';
import { MIGRATIONS_FOLDER, type DatabaseHandle } from './handle.ts';

/** Any fixed number: it names the advisory lock instances hold while one of them migrates. */
const MIGRATION_LOCK_KEY = 7_246_001;
/** The first pause before asking an unreachable server again; each pause doubles, up to the longest. */
const FIRST_RETRY_MILLISECONDS = 250;
const LONGEST_RETRY_MILLISECONDS = 4_000;
/**
 * The longest a request waits for a connection, new or from the pool, before it fails (503): a
 * server that has gone silent (no refusal) must not hold requests open until TCP gives up.
 */
const CONNECT_TIMEOUT_MILLISECONDS = 5_000;

export type PostgresOptions = {
  databaseUrl: string;
  poolSize?: number;
  /** How long to keep trying a server that does not answer before giving up (0: ask once). */
  waitSeconds?: number;
  /** Where to say that the server is not answering yet, or that a connection was lost (standard error unless told). */
  log?: (message: string) => void;
};

/** The database could not be used at all: the message is one line for a person, with no password in it. */
export class DatabaseUnavailableError extends Error {}

export async function openPostgres(options: PostgresOptions): Promise<DatabaseHandle> {
  const server = describeServer(options.databaseUrl);
  const log = options.log ?? ((message: string) => console.error(message));
  // keepAlive: a connection a fail-over or a proxy has silently dropped is found out, not written to for minutes.
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MILLISECONDS,
    keepAlive: true,
  });
  survive(pool, server, log);
  try {
    await waitUntilAnswering(pool, server, options.waitSeconds ?? 0, log);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const db = drizzle({ client: pool, casing: 'snake_case' });
  /**
   * Several instances may start at once: a session-level advisory lock, on a connection held for its
   * whole life, lets one migrate and seed while the others wait. Seeding under the same lock matters as
   * much as migrating: each step of the seed adds what it finds missing, and two instances finding the
   * same thing missing both add it (a duplicate key) or each add half.
   */
  const migrateAndSeed = async <T>(seed: () => Promise<T>): Promise<T> => {
    const connection = await pool.connect();
    let lost: Error | undefined;
    try {
      await connection.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migrate(drizzle({ client: connection, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_FOLDER });
      return await seed();
    } catch (error) {
      lost = error as Error;
      throw error;
    } finally {
      await connection.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
      // After a failure the connection is closed, not reused: whatever the failure left on it (the
      // lock, if unlocking failed; a broken socket) goes with it.
      connection.release(lost);
    }
  };
  return {
    db,
    kind: 'postgres',
    migrate: () => migrateAndSeed(async () => {}),
    migrateAndSeed,
    close: () => pool.end(),
  };
}

/**
 * node-postgres emits 'error' on a connection the server closes (a restart, a fail-over,
 * pg_terminate_backend, a proxy closing idle connections), and an 'error' event with no listener
 * ends the process. The pool itself listens only while a connection is idle: it drops the connection
 * and emits the error again, here noted; the next request opens a new connection. While a connection
 * is checked out (a transaction), its query fails with the same error and its caller answers 503,
 * so its own listener need not say more.
 */
function survive(pool: pg.Pool, server: string, log: (message: string) => void): void {
  pool.on('error', (error) =>
    log(`Lost an idle connection to ${server}: ${describeConnectionFailure(error)}. A new one is opened when needed`),
  );
  pool.on('connect', (client) => client.on('error', () => {}));
}

/** "PostgreSQL at db.internal:5432 (database s2s)": where, never who or with what password. */
function describeServer(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const database = decodeURIComponent(url.pathname.slice(1));
  return `PostgreSQL at ${host}:${url.port || '5432'}${database ? ` (database ${database})` : ''}`;
}

/**
 * A server restarting, failing over or still starting (a container started beside the app) answers
 * within seconds: ask again, each pause twice the last, until `waitSeconds` have passed. A server
 * that answers and refuses (a wrong password, no such database) will not change its mind: stop at once.
 */
async function waitUntilAnswering(
  pool: pg.Pool,
  server: string,
  waitSeconds: number,
  log: (message: string) => void,
): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  let pause = FIRST_RETRY_MILLISECONDS;
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query('select 1');
      return;
    } catch (error) {
      const cause = describeConnectionFailure(error);
      if (!isDatabaseUnavailable(error))
        throw new DatabaseUnavailableError(`${server} refused the connection: ${cause}`);
      if (Date.now() >= deadline) {
        throw new DatabaseUnavailableError(
          `Could not reach ${server} within ${waitSeconds} s: ${cause}. Check that the server is running and that DATABASE_URL names it; DATABASE_WAIT_SECONDS sets how long to wait.`,
        );
      }
      if (attempt === 1) log(`${server} is not answering (${cause}); trying again for up to ${waitSeconds} s`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, deadline - Date.now())));
      pause = Math.min(pause * 2, LONGEST_RETRY_MILLISECONDS);
    }
  }
}
