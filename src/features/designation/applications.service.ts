import type { Database, Executor } from '../../db/database.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import type { CurrentUser } from '../../platform/access.ts';
import {
  auditTrailFor,
  recordAudit,
  type AuditFields,
  type AuditTrailRow,
} from '../../platform/audit/audit.service.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../platform/identity/secret-tokens.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import type { DesignationType } from '../leaders/leaders.model.ts';
import type { SpecialismService } from '../specialisms/specialisms.service.ts';
import { applicationProblems, requestKindsFor, type AnswerProblem } from './application-answers.ts';
import { newApplicationReference } from './application-reference.ts';
import { applicationSentEmail, resumeLinkEmail } from './application-requests.emails.ts';
import * as requestsRepository from './application-requests.repository.ts';
import type { RequestPerson } from './application-requests.repository.ts';
import { APPLICATION_AUDIT_ENTITY, type ApplicationRequestsService } from './application-requests.service.ts';
import * as repository from './applications.repository.ts';
import type { ApplicationAnswers, ApplicationRow } from './applications.repository.ts';
import { REQUEST_KINDS, type RequestKind } from './applications.model.ts';
import type { DesignationRulesService } from './designation-rules.service.ts';
import type { RecruitmentRoundService } from './recruitment-rounds.service.ts';

const TRAIL_ACTIONS: Record<string, string> = {
  started: 'Application started',
  answered: 'Answers saved by the applicant',
  'resume-link-sent': 'A new link sent to the applicant',
  sent: 'Application sent',
  'request-answered': 'Reference or consent given',
  'request-reminded': 'Reminder sent',
  'request-resent': 'Link sent again',
  'request-changed': 'Referee or consenter changed',
};
const TRAIL_LABELS: Record<string, string> = {
  type: 'Designation',
  roundId: 'Round',
  reference: 'Reference',
  requests: 'Requests sent',
  fields: 'Answers',
  kind: 'Request',
  supports: 'Supports it',
  releaseDays: 'Days a year',
  name: 'Name',
  email: 'Email',
};

/** How long a save-and-return link works; the applicant can ask for a new one by email. */
export const RESUME_LINK_DAYS = 30;

/** An application as its applicant fills it in: the row, its specialisms, its evidence and whom it names. */
export type Application = ApplicationRow & {
  specialismIds: number[];
  evidence: Record<number, string>;
  requests: requestsRepository.ApplicationRequestRow[];
};

/** Every application answers a round open now, which is for one designation. */
export type NewApplication = { roundId: number; name: string; email: string };
export type SendOutcome = { ok: true; reference: string } | { ok: false; problems: AnswerProblem[] };

/**
 * The applicant's side of designation: an application saved page by page, come back to by an
 * emailed link (never an account), and sent once every answer is given and the rules still allow it.
 */
export class ApplicationsService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly designationRules: DesignationRulesService,
    private readonly rounds: RecruitmentRoundService,
    private readonly specialisms: SpecialismService,
    private readonly requests: ApplicationRequestsService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly baseUrl: string,
  ) {}

  /** The application's audit trail, for the alliance's staff (undefined for anyone else). */
  async trail(user: CurrentUser, applicationId: number): Promise<AuditTrailRow[] | undefined> {
    const alliance = await this.alliances.current();
    return auditTrailFor(this.db, user, {
      allianceId: alliance.id,
      entityType: APPLICATION_AUDIT_ENTITY,
      entityId: applicationId,
      labels: TRAIL_LABELS,
      actions: TRAIL_ACTIONS,
    });
  }

  /** Makes the application and emails its save-and-return link; the token is the browser's cookie too. */
  async start(details: NewApplication): Promise<{ ok: true; token: string } | { ok: false; message: string }> {
    const round = await this.rounds.find(details.roundId);
    if (!round?.open)
      return { ok: false, message: 'That recruitment round is no longer taking applications. Choose another' };
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const link = newSecretToken();
    const expiresAt = this.resumeExpiry(now);
    await this.db.transaction(async (tx) => {
      const id = await repository.insertApplication(tx, {
        allianceId: alliance.id,
        designationType: round.designationType,
        roundId: round.id,
        applicantName: details.name,
        applicantEmail: details.email,
        resumeTokenHash: link.tokenHash,
        resumeTokenExpiresAt: expiresAt,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit(tx, alliance.id, id, 'started', { type: round.designationType, roundId: round.id });
      const recipient = { designationType: round.designationType, name: details.name, email: details.email };
      await this.outbox.queue(tx, this.resumeEmail(alliance, recipient, link.token, expiresAt));
    });
    this.outbox.nudge();
    return { ok: true, token: link.token };
  }

  /** The application a save-and-return link (or the browser's cookie holding it) opens, while it works. */
  async byToken(token: unknown): Promise<Application | undefined> {
    if (!looksLikeSecretToken(token)) return undefined;
    const row = await repository.findApplicationByResumeHash(this.db, hashSecretToken(token));
    const alliance = await this.alliances.current();
    if (!row || row.allianceId !== alliance.id) return undefined;
    if (!row.resumeTokenExpiresAt || row.resumeTokenExpiresAt <= this.clock.now()) return undefined;
    return this.withParts(row);
  }

  /**
   * A new link to each application not yet sent under the address. Whether there is one is not said
   * (to the page): that would tell anyone who applies with which address.
   */
  async sendNewLinks(email: string): Promise<number> {
    const alliance = await this.alliances.current();
    const started = await repository.listStartedByEmail(this.db, alliance.id, email);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      for (const row of started) {
        const link = newSecretToken();
        const expiresAt = this.resumeExpiry(now);
        await repository.setResumeToken(tx, row.id, link.tokenHash, expiresAt);
        await this.audit(tx, alliance.id, row.id, 'resume-link-sent', {});
        const details = { designationType: row.designationType, name: row.applicantName, email: row.applicantEmail };
        await this.outbox.queue(tx, this.resumeEmail(alliance, details, link.token, expiresAt));
      }
    });
    this.outbox.nudge();
    return started.length;
  }

  /** Saves a page's answers (only while the application is unsent), on its audit trail by the fields' names. */
  async answer(application: Application, answers: ApplicationAnswers): Promise<void> {
    await this.db.transaction(async (tx) => {
      await repository.updateAnswers(tx, application.id, answers, this.clock.now());
      await this.audit(tx, application.allianceId, application.id, 'answered', { fields: Object.keys(answers) });
    });
  }

  async chooseSpecialisms(application: Application, specialismIds: number[], phases: ApplicationRow['phases']) {
    await this.db.transaction(async (tx) => {
      await repository.replaceSpecialisms(tx, application.id, specialismIds);
      await repository.updateAnswers(tx, application.id, { phases }, this.clock.now());
      await this.audit(tx, application.allianceId, application.id, 'answered', { fields: ['specialisms', 'phases'] });
    });
  }

  async saveEvidence(application: Application, criterionId: number, evidence: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await repository.saveEvidence(tx, application.id, criterionId, evidence);
      await this.audit(tx, application.allianceId, application.id, 'answered', { fields: [`evidence-${criterionId}`] });
    });
  }

  /** Whom the applicant names for each request; a kind given as null is not asked (an LLE's own consent). */
  async namePeople(application: Application, people: Partial<Record<RequestKind, RequestPerson | null>>) {
    await this.db.transaction(async (tx) => {
      for (const [kind, person] of Object.entries(people) as Array<[RequestKind, RequestPerson | null]>) {
        if (person) await requestsRepository.nameRequestPerson(tx, application.id, kind, person);
        else await requestsRepository.removeUnsentRequest(tx, application.id, kind);
      }
      await this.audit(tx, application.allianceId, application.id, 'answered', { fields: Object.keys(people) });
    });
  }

  /** What is missing or no longer allowed, for the check-your-answers page; empty when it can be sent. */
  async problems(application: Application): Promise<AnswerProblem[]> {
    const [rules, criteria, active] = await Promise.all([
      this.designationRules.rules(),
      this.designationRules.criteria(),
      this.specialisms.active(),
    ]);
    const round = application.roundId === null ? undefined : await this.rounds.find(application.roundId);
    return applicationProblems(application, {
      rules,
      criteria: criteria[application.designationType],
      specialismIds: new Set(active.map((specialism) => specialism.id)),
      roundOpen: application.roundId === null || (round?.open ?? false),
    });
  }

  /** Sends it: a reference, the requests' emails and the applicant's confirmation, all in one transaction. */
  async send(application: Application): Promise<SendOutcome> {
    const problems = await this.problems(application);
    if (problems.length > 0) return { ok: false, problems };
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const reference = await this.db.transaction(async (tx) => {
      const reference = await this.unusedReference(tx, application.designationType);
      if (!(await repository.markSent(tx, application.id, reference, now))) return undefined;
      const subject = { ...application, reference };
      const kinds = requestKindsFor(application.designationType);
      // Someone named for a designation applied for before (a head's consent, say) is not asked.
      for (const kind of REQUEST_KINDS.filter((each) => !kinds.includes(each)))
        await requestsRepository.removeUnsentRequest(tx, application.id, kind);
      const requests = await this.requests.sendAll(tx, alliance, subject, kinds);
      await this.audit(tx, alliance.id, application.id, 'sent', { reference, requests });
      await this.outbox.queue(
        tx,
        applicationSentEmail(alliance, {
          to: application.applicantEmail,
          name: application.applicantName,
          type: application.designationType,
          reference,
        }),
      );
      return reference;
    });
    this.outbox.nudge();
    return reference
      ? { ok: true, reference }
      : { ok: false, problems: [{ text: 'This application has already been sent', href: '#send' }] };
  }

  /**
   * A reference no application has. Six random characters clash about once in a billion, so a clash
   * is looked for before it is given rather than left to the unique index (which would end the transaction).
   */
  private async unusedReference(tx: Executor, type: DesignationType): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const reference = newApplicationReference(type);
      if (!(await repository.referenceTaken(tx, reference))) return reference;
    }
    throw new Error('No unused application reference after 5 attempts');
  }

  private async withParts(row: ApplicationRow): Promise<Application> {
    const [specialismIds, evidence, requests] = await Promise.all([
      repository.listSpecialismIds(this.db, row.id),
      repository.listEvidence(this.db, row.id),
      requestsRepository.listCurrentRequests(this.db, row.id),
    ]);
    return {
      ...row,
      specialismIds,
      evidence: Object.fromEntries(evidence.map((each) => [each.criterionId, each.evidence])),
      requests,
    };
  }

  private resumeExpiry(now: Date): Date {
    return new Date(now.getTime() + RESUME_LINK_DAYS * 86_400_000);
  }

  private resumeEmail(
    alliance: Awaited<ReturnType<AllianceService['current']>>,
    details: { designationType: DesignationType; name: string; email: string },
    token: string,
    expiresAt: Date,
  ) {
    return resumeLinkEmail(alliance, {
      to: details.email,
      name: details.name,
      type: details.designationType,
      link: `${this.baseUrl}/apply/resume/${token}`,
      expiresOn: londonDate(expiresAt),
    });
  }

  private async audit(tx: Executor, allianceId: number, id: number, action: string, after: AuditFields) {
    await recordAudit(tx, {
      allianceId,
      actorUserId: null,
      entityType: APPLICATION_AUDIT_ENTITY,
      entityId: id,
      action,
      after,
      at: this.clock.now(),
    });
  }
}
