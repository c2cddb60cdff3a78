import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { Alliance, AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit, type AuditFields } from '../../platform/audit/audit.service.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../platform/identity/secret-tokens.ts';
import { emailingDailyJob, type DailyJob, RunsDaily } from '../../platform/jobs/jobs.service.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import type { DesignationType } from '../leaders/leaders.model.ts';
import { requestEmail } from './application-requests.emails.ts';
import * as repository from './application-requests.repository.ts';
import type { ApplicationRequestRow, RequestAnswer, RequestPerson } from './application-requests.repository.ts';
import type { RequestKind } from './applications.model.ts';
import type { DesignationRulesService } from './designation-rules.service.ts';
import { findRules } from './designation.repository.ts';
import { DEFAULT_RULES, type Criterion } from './designation.model.ts';

export const REQUEST_REMINDER_JOB = 'application-request-reminders';
/** How long an emailed link works; a coordinator sends another after that. */
export const REQUEST_LINK_DAYS = 14;
export const APPLICATION_AUDIT_ENTITY = 'application';

export type RequestStatus = 'not-sent' | 'sent' | 'reminded' | 'answered' | 'expired';

/** A request as the application's page shows it: current or superseded, and where it stands. */
export type RequestSummary = RequestPerson &
  RequestAnswer & {
    id: number;
    kind: RequestKind;
    status: RequestStatus;
    superseded: boolean;
    sentAt: Date | null;
    remindedAt: Date | null;
    answeredAt: Date | null;
    tokenExpiresAt: Date | null;
  };

type Subject = NonNullable<Awaited<ReturnType<typeof repository.findRequestByTokenHash>>>;
export type LinkProblem = 'not-found' | 'expired' | 'answered';
export type LinkOutcome =
  | { ok: true; request: ApplicationRequestRow; application: Subject['application']; criteria: Criterion[] }
  | { ok: false; reason: LinkProblem };
export type ApplicationSubject = {
  id: number;
  reference: string;
  designationType: DesignationType;
  applicantName: string;
};
type Outcome = { ok: true } | { ok: false; message: string };

export const isConsent = (kind: RequestKind) => kind === 'head-consent' || kind === 'chair-consent';

/**
 * What an application asks of others, each by an emailed single-use link: two references and the
 * release consent of the head and the chair of governors. Links expire; each unanswered request is
 * reminded once by a daily job; coordinators resend a link or change the person asked.
 */
export class ApplicationRequestsService extends RunsDaily {
  protected readonly job: DailyJob;

  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly designationRules: DesignationRulesService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    log: FastifyBaseLogger,
    private readonly options: { timeOfDay: string; baseUrl: string },
  ) {
    super();
    this.job = emailingDailyJob(db, clock, log, alliances, outbox, {
      name: REQUEST_REMINDER_JOB,
      timeOfDay: options.timeOfDay,
      work: (tx) => this.remindDue(tx),
    });
  }

  /** Sends every request the applicant named, in the caller's transaction (sending the application). */
  async sendAll(
    tx: Executor,
    alliance: Alliance,
    application: ApplicationSubject,
    kinds: readonly RequestKind[],
  ): Promise<number> {
    const unsent = (await repository.listCurrentRequests(tx, application.id)).filter(
      (request) => !request.sentAt && kinds.includes(request.kind),
    );
    for (const request of unsent) await this.sendLink(tx, alliance, application, request, { first: true });
    return unsent.length;
  }

  /** A new link on the request and an email with it; the old link stops working. */
  private async sendLink(
    tx: Executor,
    alliance: Alliance,
    application: ApplicationSubject,
    request: Pick<ApplicationRequestRow, 'id' | 'kind' | 'name' | 'email'>,
    how: { first?: boolean; reminder?: boolean },
  ): Promise<boolean> {
    const now = this.clock.now();
    const link = newSecretToken();
    const tokenExpiresAt = new Date(now.getTime() + REQUEST_LINK_DAYS * 86_400_000);
    if (how.reminder) {
      if (!(await repository.claimReminder(tx, request.id, { tokenHash: link.tokenHash, tokenExpiresAt }, now)))
        return false;
    } else await repository.issueLink(tx, request.id, { tokenHash: link.tokenHash, tokenExpiresAt, sentAt: now });
    await this.outbox.queue(
      tx,
      requestEmail(alliance, {
        to: request.email,
        name: request.name,
        kind: request.kind,
        applicantName: application.applicantName,
        type: application.designationType,
        reference: application.reference,
        link: `${this.options.baseUrl}/application-requests/${link.token}`,
        expiresOn: londonDate(tokenExpiresAt),
        reminder: how.reminder ?? false,
      }),
    );
    return true;
  }

  /** The job's work: each request unanswered `reminderDays` after it was sent is reminded, once, with a new link. */
  private async remindDue(tx: Executor): Promise<Record<string, number>> {
    const alliance = await this.alliances.currentIn(tx);
    // In the job's transaction: the rules service reads outside it, which would wait on this transaction.
    const rules = (await findRules(tx, alliance.id)) ?? DEFAULT_RULES;
    const sentBy = new Date(this.clock.now().getTime() - rules.reminderDays * 86_400_000);
    let reminded = 0;
    for (const due of await repository.listDueReminders(tx, alliance.id, sentBy)) {
      const subject = { ...due.application, id: due.request.applicationId, reference: due.application.reference! };
      if (!(await this.sendLink(tx, alliance, subject, due.request, { reminder: true }))) continue;
      await this.audit(tx, alliance.id, null, subject.id, 'request-reminded', { kind: due.request.kind });
      reminded++;
    }
    return { reminded };
  }

  /** The request behind an emailed link, if the link still works, with the criteria a referee writes to. */
  async byLink(token: unknown): Promise<LinkOutcome> {
    if (!looksLikeSecretToken(token)) return { ok: false, reason: 'not-found' };
    const found = await repository.findRequestByTokenHash(this.db, hashSecretToken(token));
    const alliance = await this.alliances.current();
    if (!found || found.application.allianceId !== alliance.id || found.request.supersededAt)
      return { ok: false, reason: 'not-found' };
    if (found.request.answeredAt) return { ok: false, reason: 'answered' };
    if (!found.request.tokenExpiresAt || found.request.tokenExpiresAt <= this.clock.now())
      return { ok: false, reason: 'expired' };
    const criteria = (await this.designationRules.criteria())[found.application.designationType];
    return { ok: true, ...found, criteria };
  }

  /** The referee's or consenter's answer, once; the link says it has been used from then on. */
  async answerByLink(token: unknown, answer: RequestAnswer): Promise<LinkOutcome> {
    const found = await this.byLink(token);
    if (!found.ok) return found;
    const now = this.clock.now();
    const answered = await this.db.transaction(async (tx) => {
      if (!(await repository.answerRequest(tx, found.request.id, answer, now))) return false;
      await this.audit(tx, found.application.allianceId, null, found.request.applicationId, 'request-answered', {
        kind: found.request.kind,
        supports: answer.supports,
        releaseDays: answer.releaseDays,
      });
      return true;
    });
    return answered ? found : { ok: false, reason: 'answered' };
  }

  /** Every request of an application, current and superseded, for its page. */
  async requestsFor(applicationId: number): Promise<RequestSummary[]> {
    const now = this.clock.now();
    const alliance = await this.alliances.current();
    return (await repository.listAllRequests(this.db, alliance.id, applicationId)).map((row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name,
      email: row.email,
      jobTitle: row.jobTitle,
      organisation: row.organisation,
      answerText: row.answerText,
      supports: row.supports,
      releaseDays: row.releaseDays,
      superseded: row.supersededAt !== null,
      sentAt: row.sentAt,
      remindedAt: row.remindedAt,
      answeredAt: row.answeredAt,
      tokenExpiresAt: row.tokenExpiresAt,
      status: statusOf(row, now),
    }));
  }

  /** The current request a coordinator acts on, or undefined (not this application's, superseded, or not sent). */
  async staffRequest(applicationId: number, requestId: number) {
    const alliance = await this.alliances.current();
    const found = await repository.findRequestOf(this.db, alliance.id, applicationId, requestId);
    if (!found || found.request.supersededAt || !found.request.sentAt || !found.application.reference) return undefined;
    return found;
  }

  /** A new link by email, when the last one expired or went astray; not once it is answered. */
  async resend(actor: CurrentUser, applicationId: number, requestId: number): Promise<Outcome> {
    const found = await this.staffRequest(applicationId, requestId);
    if (!found) return { ok: false, message: 'There is no such request' };
    if (found.request.answeredAt) return { ok: false, message: `${found.request.name} has already answered` };
    const alliance = await this.alliances.current();
    await this.db.transaction(async (tx) => {
      await this.sendLink(tx, alliance, subjectOf(found), found.request, {});
      await this.audit(tx, alliance.id, actor.id, applicationId, 'request-resent', {
        kind: found.request.kind,
        email: found.request.email,
      });
    });
    this.outbox.nudge();
    return { ok: true };
  }

  /** Asks someone else: the request is superseded (kept, with any answer) and a new one sent. */
  async change(actor: CurrentUser, applicationId: number, requestId: number, person: RequestPerson): Promise<Outcome> {
    const found = await this.staffRequest(applicationId, requestId);
    if (!found) return { ok: false, message: 'There is no such request' };
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const changed = await this.db.transaction(async (tx) => {
      if (!(await repository.supersedeRequest(tx, found.request.id, now, actor.id))) return false;
      const id = await repository.insertRequest(tx, { applicationId, kind: found.request.kind, ...person });
      await this.sendLink(tx, alliance, subjectOf(found), { id, kind: found.request.kind, ...person }, {});
      await this.audit(
        tx,
        alliance.id,
        actor.id,
        applicationId,
        'request-changed',
        {
          kind: found.request.kind,
          name: person.name,
          email: person.email,
          jobTitle: person.jobTitle,
          organisation: person.organisation,
        },
        { name: found.request.name, email: found.request.email },
      );
      return true;
    });
    if (!changed) return { ok: false, message: 'Someone else changed this request meanwhile. Reload the application' };
    this.outbox.nudge();
    return { ok: true };
  }

  private async audit(
    tx: Executor,
    allianceId: number,
    actorUserId: number | null,
    applicationId: number,
    action: string,
    after: AuditFields,
    before?: AuditFields,
  ): Promise<void> {
    await recordAudit(tx, {
      allianceId,
      actorUserId,
      entityType: APPLICATION_AUDIT_ENTITY,
      entityId: applicationId,
      action,
      after,
      ...(before ? { before } : {}),
      at: this.clock.now(),
    });
  }
}

function subjectOf(found: { request: ApplicationRequestRow; application: Subject['application'] }): ApplicationSubject {
  return {
    id: found.request.applicationId,
    reference: found.application.reference!,
    designationType: found.application.designationType,
    applicantName: found.application.applicantName,
  };
}

export function statusOf(row: ApplicationRequestRow, now: Date): RequestStatus {
  if (row.answeredAt) return 'answered';
  if (!row.sentAt) return 'not-sent';
  if (!row.tokenExpiresAt || row.tokenExpiresAt <= now) return 'expired';
  return row.remindedAt ? 'reminded' : 'sent';
}
