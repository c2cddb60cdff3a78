import crypto from 'node:crypto';
import pg from 'pg';
import type { Database } from './handle.ts';

/** A lock held until released, or until its holder's process (or its connection) ends, whichever is first. */
export type SessionLock = { release(): Promise<void> };

/**
 * Any fixed number: the first of the two keys of every session lock, so that these locks never meet
 * another use of advisory locks (the migration lock uses the single-key form, a space of its own).
 */
const SESSION_LOCK_NAMESPACE = 7_246_003;

/** The names each PGlite client's locks have taken, in this process. */
const pgliteLocks = new WeakMap<object, Set<string>>();

/**
 * Takes the lock called `name` if no one holds it; undefined if someone does. Nothing is written, so
 * nothing is left behind when a holder dies:
 * - on PostgreSQL, a session-level advisory lock on a pooled connection kept out of the pool for the
 *   lock's life. The server frees it when that connection ends, and it ends with its process (kill -9
 *   included: the operating system closes the socket) or when the server drops it;
 * - on PGlite, a name held in this process's memory: only one process can open the data directory
 *   (its lock), so every possible holder is in this process.
 */
export async function takeSessionLock(db: Database, name: string): Promise<SessionLock | undefined> {
  const client = (db as Database & { $client: unknown }).$client;
  if (client instanceof pg.Pool) return takeAdvisoryLock(client, name);
  const held = pgliteLocks.get(client as object) ?? new Set<string>();
  pgliteLocks.set(client as object, held);
  if (held.has(name)) return undefined;
  held.add(name);
  return { release: async () => void held.delete(name) };
}

async function takeAdvisoryLock(pool: pg.Pool, name: string): Promise<SessionLock | undefined> {
  const connection = await pool.connect();
  try {
    const { rows } = await connection.query<{ taken: boolean }>('select pg_try_advisory_lock($1, $2) as taken', [
      SESSION_LOCK_NAMESPACE,
      keyOf(name),
    ]);
    if (!rows[0]?.taken) {
      connection.release();
      return undefined;
    }
  } catch (error) {
    connection.release(error as Error);
    throw error;
  }
  return {
    async release() {
      try {
        await connection.query('select pg_advisory_unlock($1, $2)', [SESSION_LOCK_NAMESPACE, keyOf(name)]);
        connection.release();
      } catch (error) {
        // The connection is gone, and the lock with it; the broken connection is not reused.
        connection.release(error as Error);
      }
    },
  };
}

/** A name as the 32-bit key PostgreSQL's two-key advisory locks take: two names sharing one would only wait for each other. */
function keyOf(name: string): number {
  return crypto.createHash('sha256').update(name).digest().readInt32BE(0);
}
