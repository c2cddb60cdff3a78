import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/database.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import { newSecretToken } from '../../platform/identity/secret-tokens.ts';
import { emailingDailyJob, type DailyJob, RunsDaily } from '../../platform/jobs/jobs.service.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import type { SchoolService } from '../schools/schools.service.ts';
import { listConsentRequestsToRemind, markReminded } from './designation-reviews.repository.ts';
import { findRules } from './designation.repository.ts';
import { DEFAULT_RULES } from './designation.model.ts';
import { REVIEW_AUDIT_ENTITY } from './designation-reviews.model.ts';
import { reviewConsentEmail, ROLE_NAMES } from './review-consent.emails.ts';

export const CONSENT_REMINDER_JOB = 'review-consent-reminders';

/**
 * Once a working day: a head or chair who has not answered a review's consent request within the
 * alliance's reminder interval (`reminderDays`) is emailed once more, with a new link that replaces
 * the first (only a hash of a link is kept, so the first cannot be sent again). Once only: after that
 * the review's page shows the coordinator who has not answered.
 */
export class ReviewConsentReminders extends RunsDaily {
  protected readonly job: DailyJob;

  constructor(
    db: Database,
    private readonly alliances: AllianceService,
    private readonly schools: SchoolService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    log: FastifyBaseLogger,
    private readonly options: { timeOfDay: string; baseUrl: string },
  ) {
    super();
    this.job = emailingDailyJob(db, clock, log, alliances, outbox, {
      name: CONSENT_REMINDER_JOB,
      timeOfDay: options.timeOfDay,
      work: (tx) => this.remind(tx),
    });
  }

  private async remind(tx: Executor): Promise<Record<string, number>> {
    const alliance = await this.alliances.currentIn(tx);
    const now = this.clock.now();
    // The rules read in the job's own transaction: one connection, which runs one query at a time.
    const { reminderDays } = (await findRules(tx, alliance.id)) ?? DEFAULT_RULES;
    const sentBefore = new Date(now.getTime() - reminderDays * 86_400_000);
    let reminded = 0;
    for (const { request, review } of await listConsentRequestsToRemind(tx, {
      allianceId: alliance.id,
      sentBefore,
      now,
    })) {
      const { token, tokenHash } = newSecretToken();
      await markReminded(tx, request.id, { tokenHash, remindedAt: now });
      const school = await this.schools.find(request.schoolUrn, tx);
      await this.outbox.queue(
        tx,
        reviewConsentEmail(alliance, {
          to: request.email,
          name: request.name,
          role: request.role,
          leaderName: review.leaderName,
          schoolName: school?.name ?? review.homeSchoolName,
          designationType: review.designationType,
          movedSchool: review.reason === 'moved-school',
          link: `${this.options.baseUrl}/review-consent?token=${token}`,
          expiresOn: londonDate(request.tokenExpiresAt!),
          reminder: true,
        }),
      );
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: null,
        entityType: REVIEW_AUDIT_ENTITY,
        entityId: review.id,
        action: 'consent-reminded',
        after: { role: ROLE_NAMES[request.role], name: request.name, email: request.email },
        at: now,
      });
      reminded++;
    }
    return { reminded };
  }
}
