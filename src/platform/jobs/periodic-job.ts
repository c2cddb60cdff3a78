import type { FastifyBaseLogger } from 'fastify';

export type PeriodicJobOptions = {
  /** Names the job in the log. */
  name: string;
  /**
   * One batch of the work; returns how many things it did (0 when there was nothing to do). Several
   * instances run it at once, so the work must claim what it does in the database (a row deleted or
   * locked in the transaction that does the work), never assume it is alone.
   */
  work: () => Promise<number>;
};

/**
 * Work that each instance of the app repeats every few seconds or minutes (unlike a DailyJob, with no
 * record of runs): draining a queue, removing what has expired.
 */
export class PeriodicJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly options: PeriodicJobOptions,
  ) {}

  /**
   * Runs batches until one finds nothing to do, after any run in progress: what tests call to see a
   * run's effect, and what start() runs on each tick. Returns how many things were done.
   */
  async drain(): Promise<number> {
    while (this.running) await this.running;
    let total = 0;
    const run = (async () => {
      for (let done = await this.options.work(); done > 0; done = await this.options.work()) total += done;
    })();
    // `running` is only for waiting on: it must never reject, or a failed run that nobody else
    // waits for becomes an unhandled rejection and stops the process.
    this.running = run.then(
      () => (this.running = undefined),
      () => (this.running = undefined),
    );
    await run;
    return total;
  }

  /** Runs now and every `intervalMilliseconds` until stopped. */
  start(intervalMilliseconds: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), intervalMilliseconds);
    this.timer.unref();
    this.tick();
  }

  private tick(): void {
    if (this.running) return;
    this.drain().catch((error: unknown) =>
      this.log.error({ err: error, job: this.options.name }, 'Periodic job failed; the next tick tries again'),
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
  }
}
