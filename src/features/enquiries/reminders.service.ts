import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/database.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { Clock } from '../../platform/clock.ts';
import type { UserDirectory } from '../../platform/identity/users.service.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { emailingDailyJob, type DailyJob, RunsDaily } from '../../platform/jobs/jobs.service.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import { listAwaitingDueBy } from './desk.repository.ts';
import { clockState } from './enquiry-clock.ts';
import { queueEscalations } from './escalations.ts';
import { reminderEmail, type ReminderItem } from './reminders.emails.ts';

export const REMINDER_JOB = 'enquiry-reminders';

/**
 * The coordinators' morning email: each gets the enquiries due today or overdue that are assigned
 * to them or to no one (another coordinator's are left to them). Sent once a working day, after
 * `timeOfDay` London time, through the outbox; coordinators with nothing due get nothing. The same
 * run tells administrators, once, of enquiries overdue past the alliance's setting (escalations.ts).
 */
export class EnquiryReminders extends RunsDaily {
  protected readonly job: DailyJob;

  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly users: UserDirectory,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    log: FastifyBaseLogger,
    private readonly options: { timeOfDay: string; baseUrl: string },
  ) {
    super();
    this.job = emailingDailyJob(db, clock, log, alliances, outbox, {
      name: REMINDER_JOB,
      timeOfDay: options.timeOfDay,
      work: (tx, date) => this.queueReminders(tx, date),
    });
  }

  private async queueReminders(tx: Executor, date: CalendarDate): Promise<Record<string, number>> {
    const alliance = await this.alliances.current();
    const calendar = await this.alliances.calendar();
    const due: Array<ReminderItem & { coordinatorUserId: number | null }> = (
      await listAwaitingDueBy(tx, alliance.id, date)
    ).map((row) => ({
      ...row,
      clock: clockState(
        { status: 'new', respondBy: row.respondBy, firstContactAt: null, respondedOnTime: null },
        date,
        calendar,
      ),
    }));
    // People who can act on it: those who have set a password and are not deactivated.
    const staff = (await this.users.inAlliance(alliance.id, tx)).filter(
      (user) => user.deactivatedAt === null && user.passwordHash !== null,
    );
    const escalated = await queueEscalations(tx, {
      alliance,
      calendar,
      date,
      now: this.clock.now(),
      baseUrl: this.options.baseUrl,
      administrators: staff.filter((user) => user.roles.includes('administrator')),
      queue: (queueTx, email) => this.outbox.queue(queueTx, email),
    });
    if (due.length === 0) return { emails: 0, enquiries: 0, escalated };
    const coordinators = staff.filter((user) => user.roles.includes('coordinator'));
    const unassigned = due.filter((item) => item.coordinatorUserId === null);
    let emails = 0;
    for (const coordinator of coordinators) {
      const mine = due.filter((item) => item.coordinatorUserId === coordinator.id);
      if (mine.length === 0 && unassigned.length === 0) continue;
      const email = reminderEmail(alliance, { date, baseUrl: this.options.baseUrl, coordinator, mine, unassigned });
      if (await this.outbox.queue(tx, email)) emails++;
    }
    return { emails, enquiries: due.length, escalated };
  }
}
