import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/database.ts';
import type { CalendarDate } from '../calendar/calendar-date.ts';
import { londonDateTime, parseTimeOfDay } from '../calendar/london-time.ts';
import type { WorkingCalendar } from '../calendar/working-days.ts';
import type { Clock } from '../clock.ts';
import { claimJobRun, finishJobRun } from './jobs.repository.ts';

export type DailyJobOptions = {
  /** Names the job in job_runs: one run per job, alliance and day. */
  name: string;
  /** "HH:MM", London time: the job runs at the first check at or after it. */
  timeOfDay: string;
  /** Working days only, when set: the alliance's calendar (bank holidays and closure dates). Unset: every day. */
  calendar?: () => Promise<WorkingCalendar>;
  allianceId: () => Promise<number>;
  /** The work, in the transaction that claims the run; returns counts to keep with the run. */
  work: (tx: Executor, date: CalendarDate) => Promise<Record<string, number>>;
  /** Called after a run commits (to nudge the outbox, say). */
  afterRun?: () => void;
};

export type DailyJobResult = 'not-a-working-day' | 'too-early' | 'already-done' | 'done';

/**
 * A job that runs once a working day, inside the app, however many instances of the app are running:
 * each checks every few minutes, and the first to claim the day's run (a row in job_runs, in the same
 * transaction as the work) does it. A run that fails is rolled back, claim and all, so the next
 * check tries again.
 */
export class DailyJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    private readonly options: DailyJobOptions,
  ) {
    parseTimeOfDay(options.timeOfDay);
  }

  /** Runs today's work if it is due and no instance has done it yet. */
  async runIfDue(): Promise<DailyJobResult> {
    const now = this.clock.now();
    const { date, minutesAfterMidnight } = londonDateTime(now);
    if (this.options.calendar && !(await this.options.calendar()).isWorkingDay(date)) return 'not-a-working-day';
    if (minutesAfterMidnight < parseTimeOfDay(this.options.timeOfDay)) return 'too-early';
    const allianceId = await this.options.allianceId();
    const outcome = await this.db.transaction(async (tx) => {
      const runId = await claimJobRun(tx, { job: this.options.name, allianceId, runKey: date, startedAt: now });
      if (runId === undefined) return undefined;
      const counts = await this.options.work(tx, date);
      await finishJobRun(tx, runId, this.clock.now(), counts);
      return counts;
    });
    if (!outcome) return 'already-done';
    this.log.info({ job: this.options.name, date, outcome }, 'Daily job done');
    this.options.afterRun?.();
    return 'done';
  }

  /** Checks now and every `intervalMilliseconds` until stopped. */
  start(intervalMilliseconds: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), intervalMilliseconds);
    this.timer.unref();
    this.check();
  }

  private check(): void {
    if (this.running) return;
    this.running = this.runIfDue()
      .catch((error: unknown) =>
        this.log.error({ err: error, job: this.options.name }, 'Daily job failed; the next check tries again'),
      )
      .finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

/**
 * A daily job that writes emails for the alliance: it runs on the alliance's working days and nudges
 * the outbox after each run, so what it queued goes out at once.
 */
export function emailingDailyJob(
  db: Database,
  clock: Clock,
  log: FastifyBaseLogger,
  alliance: { calendar(): Promise<WorkingCalendar>; current(): Promise<{ id: number }> },
  outbox: { nudge(): void },
  options: Pick<DailyJobOptions, 'name' | 'timeOfDay' | 'work'>,
): DailyJob {
  return new DailyJob(db, clock, log, {
    ...options,
    calendar: () => alliance.calendar(),
    allianceId: async () => (await alliance.current()).id,
    afterRun: () => outbox.nudge(),
  });
}

/**
 * A capability whose daily work is a DailyJob: the server starts and stops it, and tests run it,
 * through the capability's service.
 */
export abstract class RunsDaily {
  protected abstract readonly job: DailyJob;

  /** Runs today's work if it is due and no instance has done it yet: what the timer calls. */
  runIfDue(): Promise<DailyJobResult> {
    return this.job.runIfDue();
  }

  start(intervalMilliseconds: number): void {
    this.job.start(intervalMilliseconds);
  }

  stop(): Promise<void> {
    return this.job.stop();
  }
}
