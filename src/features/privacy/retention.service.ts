import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { changedFields, recordAudit } from '../../platform/audit/audit.service.ts';
import type { Clock } from '../../platform/clock.ts';
import { SESSION_IDLE_MILLISECONDS } from '../../platform/identity/sessions.service.ts';
import { DailyJob, type DailyJobResult } from '../../platform/jobs/jobs.service.ts';
import { RETENTION_JOB, RETENTION_TIME_OF_DAY, type RetentionCounts, type RetentionSchedule } from './privacy.model.ts';
import { countDue, loadSchedule, removeDue, saveSchedule, type DueScope } from './retention.repository.ts';

/**
 * The retention schedule and the daily run that keeps it: once a day (once across every instance, by
 * the job's claim in job_runs) what is past its time is anonymised or deleted, in one transaction with
 * one audit event holding the counts. Rows reports count are kept, their personal fields emptied.
 */
export class RetentionService {
  private readonly job: DailyJob;

  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
    log: FastifyBaseLogger,
  ) {
    this.job = new DailyJob(db, clock, log, {
      name: RETENTION_JOB,
      timeOfDay: RETENTION_TIME_OF_DAY,
      allianceId: async () => (await this.alliances.current()).id,
      work: (tx) => this.removeDue(tx),
    });
  }

  async schedule(): Promise<RetentionSchedule> {
    return loadSchedule(this.db, (await this.alliances.current()).id);
  }

  async changeSchedule(actor: CurrentUser, schedule: RetentionSchedule): Promise<boolean> {
    const alliance = await this.alliances.current();
    const changes = changedFields(await loadSchedule(this.db, alliance.id), schedule);
    if (!changes) return false;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await saveSchedule(tx, alliance.id, schedule, actor.id, now);
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'privacy',
        entityId: alliance.id,
        action: 'retention-changed',
        ...changes,
        at: now,
      });
    });
    return true;
  }

  /** What the next run would remove if it ran now. */
  async preview(): Promise<RetentionCounts> {
    const scope = await this.scope(this.db);
    return countDue(this.db, scope, this.idleSince(scope.now));
  }

  runIfDue(): Promise<DailyJobResult> {
    return this.job.runIfDue();
  }

  start(intervalMilliseconds: number): void {
    this.job.start(intervalMilliseconds);
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  private async removeDue(tx: Executor): Promise<RetentionCounts> {
    const scope = await this.scope(tx);
    const counts = await removeDue(tx, scope, this.idleSince(scope.now));
    await recordAudit(tx, {
      allianceId: scope.allianceId,
      actorUserId: null,
      entityType: 'privacy',
      entityId: scope.allianceId,
      action: 'retention-run',
      after: counts,
      at: scope.now,
    });
    return counts;
  }

  private async scope(db: Executor): Promise<DueScope> {
    const allianceId = (await this.alliances.current()).id;
    return { allianceId, now: this.clock.now(), schedule: await loadSchedule(db, allianceId) };
  }

  private idleSince(now: Date): Date {
    return new Date(now.getTime() - SESSION_IDLE_MILLISECONDS);
  }
}
