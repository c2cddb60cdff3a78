import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/database.ts';
import { hasAnyRole, type CurrentUser } from '../../platform/access.ts';
import { ALLIANCE_STAFF, type Agreement, type AgreementService } from '../agreements/agreements.service.ts';
import { addDays, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { londonDate, startOfLondonDay } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../platform/identity/secret-tokens.ts';
import type { Alliance, AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { emailingDailyJob, type DailyJob, RunsDaily } from '../../platform/jobs/jobs.service.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import type { UserService } from '../accounts/users.service.ts';
import type { ReviewService } from '../reviews/reviews.service.ts';
import { feedbackRequestEmail } from './feedback.emails.ts';
import * as repository from './feedback.repository.ts';
import type { FeedbackAnswer, FeedbackRequestRow, FeedbackResponseRow } from './feedback.repository.ts';

export const FEEDBACK_JOB = 'feedback-requests';
/** How long the emailed link works; after that the school asks the alliance, who can send a new one. */
export const FEEDBACK_LINK_DAYS = 30;
/**
 * Support that ended longer ago than this is not asked about by the job: when the service starts
 * (or this feature ships) it must not email every school whose support ended years ago. A coordinator
 * can still ask for any of them.
 */
export const FEEDBACK_LOOKBACK_DAYS = 60;
export const FEEDBACK_AUDIT_ENTITY = 'feedback-request';

/** An agreement's feedback as one reader sees it, and what they may do about it. */
export type AgreementFeedback = {
  request: FeedbackRequestRow | undefined;
  response: FeedbackResponseRow | undefined;
  /** The supported school's contacts answer (signed in, or from the emailed link). */
  mayAnswer: boolean;
  /** The alliance's staff ask (again). */
  mayRequest: boolean;
};

export type LinkProblem = 'not-found' | 'expired' | 'answered';
export type Subject = NonNullable<Awaited<ReturnType<typeof repository.findRequestSubject>>>;
export type LinkOutcome =
  { ok: true; request: FeedbackRequestRow; subject: Subject } | { ok: false; reason: LinkProblem };

/**
 * The supported school's feedback when the support has ended: asked for by email once (a daily
 * job), answered once, from the emailed link or signed in; coordinators can ask again.
 */
export class FeedbackService extends RunsDaily {
  protected readonly job: DailyJob;

  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly agreements: AgreementService,
    private readonly reviews: ReviewService,
    private readonly users: UserService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    log: FastifyBaseLogger,
    private readonly options: { timeOfDay: string; baseUrl: string },
  ) {
    super();
    this.job = emailingDailyJob(db, clock, log, alliances, outbox, {
      name: FEEDBACK_JOB,
      timeOfDay: options.timeOfDay,
      work: (tx, date) => this.requestForEnded(tx, date),
    });
  }

  /** Who to ask: the person who made the enquiry, when there was one; else the school's contacts with accounts. */
  private async recipientsFor(
    tx: Executor,
    allianceId: number,
    agreement: { enquiryId: number | null; supportedSchoolUrn: number },
  ): Promise<string[]> {
    const enquiryContact =
      agreement.enquiryId === null ? undefined : await repository.enquiryContactEmail(tx, agreement.enquiryId);
    return enquiryContact
      ? [enquiryContact]
      : this.users.schoolContactEmails(allianceId, agreement.supportedSchoolUrn, tx);
  }

  /** A new link, and an email with it to each recipient, in the caller's transaction. */
  private async sendLink(
    tx: Executor,
    alliance: Alliance,
    requestId: number,
    recipients: string[],
    token: string,
    expiresAt: Date,
  ): Promise<number> {
    const subject = (await repository.findRequestSubject(tx, requestId))!;
    const link = `${this.options.baseUrl}/feedback?token=${token}`;
    for (const to of recipients) {
      await this.outbox.queue(
        tx,
        feedbackRequestEmail(alliance, {
          to,
          agreementId: subject.agreementId,
          schoolName: subject.schoolName,
          leaderName: subject.leaderName,
          link,
          expiresOn: londonDate(expiresAt),
        }),
      );
    }
    return recipients.length;
  }

  private linkExpiry(now: Date): Date {
    return new Date(now.getTime() + FEEDBACK_LINK_DAYS * 86_400_000);
  }

  /** The job's work: each agreement that ended is claimed (its one request row) and its school emailed. */
  private async requestForEnded(tx: Executor, date: CalendarDate): Promise<Record<string, number>> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const counts = { requests: 0, emails: 0, noOneToAsk: 0 };
    for (const ended of await repository.listEndedWithoutRequest(
      tx,
      this.agreements.signedVersions(alliance.id),
      date,
      addDays(date, -FEEDBACK_LOOKBACK_DAYS),
    )) {
      const recipients = await this.recipientsFor(tx, alliance.id, ended);
      const link = recipients.length > 0 ? newSecretToken() : undefined;
      const expiresAt = this.linkExpiry(now);
      const requestId = await repository.claimFeedbackRequest(tx, {
        allianceId: alliance.id,
        agreementId: ended.agreementId,
        versionId: ended.versionId,
        recipients,
        linkTokenHash: link?.tokenHash ?? null,
        linkExpiresAt: link ? expiresAt : null,
        firstRequestedAt: now,
        lastRequestedAt: now,
      });
      if (requestId === undefined) continue;
      counts.requests++;
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: null,
        entityType: FEEDBACK_AUDIT_ENTITY,
        entityId: ended.agreementId,
        action: 'feedback-requested',
        after: { recipients },
        at: now,
      });
      if (link) counts.emails += await this.sendLink(tx, alliance, requestId, recipients, link.token, expiresAt);
      else counts.noOneToAsk++;
    }
    return counts;
  }

  /**
   * A coordinator asks (again): a new link replaces any earlier one, sent to whoever can be asked now.
   * From the end date on, and only until the school has answered.
   */
  async requestAgain(
    actor: CurrentUser,
    agreementId: number,
  ): Promise<{ ok: true; recipients: string[] } | { ok: false; message: string }> {
    const target = await this.reviews.signedAgreement(actor, agreementId);
    if (!target) return { ok: false, message: 'There is no such agreement' };
    if (!target.signed || !target.endDate)
      return { ok: false, message: 'Feedback can be asked for once the agreement is signed and its support has ended' };
    if (target.endDate > this.reviews.today())
      return { ok: false, message: 'Feedback can be asked for from the day the support ends' };
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (tx) => {
      const existing = await repository.findFeedbackForAgreement(tx, alliance.id, agreementId);
      if (existing?.response) return { ok: false as const, message: 'The school has already given its feedback' };
      const recipients = await this.recipientsFor(tx, alliance.id, {
        enquiryId: target.agreement.agreement.enquiryId,
        supportedSchoolUrn: target.agreement.supportedSchool.urn,
      });
      const link = recipients.length > 0 ? newSecretToken() : undefined;
      const expiresAt = this.linkExpiry(now);
      const change = {
        recipients,
        linkTokenHash: link?.tokenHash ?? null,
        linkExpiresAt: link ? expiresAt : null,
        at: now,
        byUserId: actor.id,
      };
      let requestId = existing?.request.id;
      if (requestId === undefined) {
        requestId = await repository.claimFeedbackRequest(tx, {
          allianceId: alliance.id,
          agreementId,
          versionId: target.agreement.version.id,
          recipients,
          linkTokenHash: change.linkTokenHash,
          linkExpiresAt: change.linkExpiresAt,
          firstRequestedAt: now,
          lastRequestedAt: now,
          lastRequestedByUserId: actor.id,
        });
        if (requestId === undefined)
          return {
            ok: false as const,
            message: 'Feedback has just been asked for by someone else. Reload the agreement to see it',
          };
      } else {
        await repository.renewFeedbackRequest(tx, requestId, change);
      }
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: FEEDBACK_AUDIT_ENTITY,
        entityId: agreementId,
        action: existing ? 'feedback-requested-again' : 'feedback-requested',
        after: { recipients },
        at: now,
      });
      if (link) await this.sendLink(tx, alliance, requestId, recipients, link.token, expiresAt);
      return { ok: true as const, recipients };
    });
    this.outbox.nudge();
    return outcome;
  }

  /** The request behind an emailed link, if the link still works. */
  async findByLink(token: unknown): Promise<LinkOutcome> {
    if (!looksLikeSecretToken(token)) return { ok: false, reason: 'not-found' };
    const request = await repository.findFeedbackRequestByLinkHash(this.db, hashSecretToken(token));
    if (!request) return { ok: false, reason: 'not-found' };
    if (await repository.findFeedbackResponse(this.db, request.id)) return { ok: false, reason: 'answered' };
    if (!request.linkExpiresAt || request.linkExpiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, request, subject: (await repository.findRequestSubject(this.db, request.id))! };
  }

  async answerByLink(token: unknown, answer: FeedbackAnswer): Promise<LinkOutcome> {
    const found = await this.findByLink(token);
    if (!found.ok) return found;
    return (await this.answer(found.request, answer, null)) ? found : { ok: false, reason: 'answered' };
  }

  /** A signed-in school contact of the supported school answers the open request; false if there is none (or it was answered). */
  async answerSignedIn(user: CurrentUser, agreementId: number, answer: FeedbackAnswer): Promise<boolean> {
    const open = await this.openRequestFor(user, agreementId);
    return open ? this.answer(open, answer, user.id) : false;
  }

  /** The request this person may answer signed in: they work at the supported school, and it is unanswered. */
  async openRequestFor(user: CurrentUser, agreementId: number): Promise<FeedbackRequestRow | undefined> {
    const alliance = await this.alliances.current();
    const found = await repository.findFeedbackForAgreement(this.db, alliance.id, agreementId);
    if (!found || found.response || !user.roles.includes('school-contact')) return undefined;
    const subject = await this.reviews.signedAgreement(user, agreementId);
    return subject && subject.agreement.supportedSchool.urn === user.schoolUrn ? found.request : undefined;
  }

  subjectOf(requestId: number): Promise<Subject | undefined> {
    return repository.findRequestSubject(this.db, requestId);
  }

  today(): CalendarDate {
    return londonDate(this.clock.now());
  }

  /**
   * The supported school's feedback on an agreement, and where asking for it stands, for those who
   * may read it: the alliance's staff, and the supported school's own contacts. Not the leader, nor
   * the home school: it is the school's view of the leader's work. Undefined for anyone else.
   */
  async forAgreement(user: CurrentUser, agreement: Agreement): Promise<AgreementFeedback | undefined> {
    const isStaff = hasAnyRole(user, ALLIANCE_STAFF);
    const ofSupportedSchool =
      user.roles.includes('school-contact') &&
      user.schoolUrn !== null &&
      user.schoolUrn === agreement.supportedSchool.urn;
    if (!isStaff && !ofSupportedSchool) return undefined;
    const found = await repository.findFeedbackForAgreement(
      this.db,
      agreement.agreement.allianceId,
      agreement.agreement.id,
    );
    return {
      request: found?.request,
      response: found?.response ?? undefined,
      mayAnswer: ofSupportedSchool,
      mayRequest: isStaff,
    };
  }

  private async answer(request: FeedbackRequestRow, answer: FeedbackAnswer, userId: number | null): Promise<boolean> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const inserted = await repository.insertFeedbackResponse(tx, {
        requestId: request.id,
        ...answer,
        answeredAt: now,
        answeredVia: userId === null ? 'email-link' : 'signed-in',
        answeredByUserId: userId,
      });
      if (inserted) {
        await recordAudit(tx, {
          allianceId: request.allianceId,
          actorUserId: userId,
          entityType: FEEDBACK_AUDIT_ENTITY,
          entityId: request.agreementId,
          action: 'feedback-received',
          after: { quality: answer.quality, wouldRecommend: answer.wouldRecommend },
          at: now,
        });
      }
      return inserted;
    });
  }

  /**
   * The supported schools' ratings of a leader's support since a day, with their average: evidence for
   * the alliance's staff reviewing the leader's designation (the school's view is theirs to read); nothing for anyone else.
   */
  async ratingsForLeader(
    user: CurrentUser,
    leaderId: number,
    since: CalendarDate,
  ): Promise<{ rows: repository.LeaderFeedbackRow[]; averageQuality: number | null }> {
    if (!hasAnyRole(user, ALLIANCE_STAFF)) return { rows: [], averageQuality: null };
    const alliance = await this.alliances.current();
    const rows = await repository.listLeaderFeedback(this.db, {
      allianceId: alliance.id,
      leaderId,
      since: startOfLondonDay(since),
      limit: 50,
    });
    const averageQuality = rows.length ? rows.reduce((sum, row) => sum + row.quality, 0) / rows.length : null;
    return { rows, averageQuality };
  }

  async listReceived(page: { limit: number; offset: number }) {
    return repository.listFeedbackReceived(this.db, { allianceId: (await this.alliances.current()).id, ...page });
  }

  async listNoOneToAsk(page: { limit: number; offset: number }) {
    return repository.listNoOneToAsk(this.db, { allianceId: (await this.alliances.current()).id, ...page });
  }
}
