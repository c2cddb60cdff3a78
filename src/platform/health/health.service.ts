import type { Database } from '../../db/database.ts';
import { askDatabase } from './health.repository.ts';

/**
 * A load balancer asks every few seconds: an answer slower than this is as good as none, and a
 * server that has gone quiet (no refusal, no reply) must not hold the check open.
 */
const READINESS_TIMEOUT_MILLISECONDS = 2_000;

/** Whether this instance can serve requests now: the process is alive, and its database answers. */
export class HealthService {
  constructor(private readonly db: Database) {}

  async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>(
      (resolve) => (timer = setTimeout(() => resolve(false), READINESS_TIMEOUT_MILLISECONDS)),
    );
    const answered = askDatabase(this.db).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
