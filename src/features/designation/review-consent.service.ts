import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../platform/identity/secret-tokens.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import type { SchoolService } from '../schools/schools.service.ts';
import * as repository from './designation-reviews.repository.ts';
import { CONSENT_ROLES, type ConsentRole } from './designation-reviews.model.ts';
import type { DesignationReviewService } from './designation-reviews.service.ts';
import { REVIEW_AUDIT_ENTITY } from './designation-reviews.model.ts';
import { reviewConsentEmail, ROLE_NAMES } from './review-consent.emails.ts';
import { latestPerRole } from './designation-review-rules.ts';

/** How long an emailed link works; after that the coordinator sends a new one. */
export const CONSENT_LINK_DAYS = 30;

export type ConsentRequest = repository.ConsentRequestRow;
export type ConsentPeople = Record<ConsentRole, { name: string; email: string }>;
export type ConsentAnswer = { supports: boolean; releaseDays: number | null; comment: string };
export type ConsentLinkProblem = 'not-found' | 'expired' | 'answered' | 'closed';

/** What the person answering by the link is asked about. */
export type ConsentSubject = {
  request: ConsentRequest;
  leaderName: string;
  schoolName: string;
  designationType: repository.ReviewWithSubject['designationType'];
  movedSchool: boolean;
};
export type ConsentLinkOutcome = { ok: true; subject: ConsentSubject } | { ok: false; reason: ConsentLinkProblem };

/**
 * The renewed release consent a review asks of the head and the chair of governors of the leader's
 * school (after a move, the new school's): entered by a coordinator, asked by an emailed single-use
 * link, answered once, without signing in.
 */
export class ReviewConsentService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly reviews: DesignationReviewService,
    private readonly schools: SchoolService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly baseUrl: string,
  ) {}

  /** The newest request for each role of a review. */
  async requestsFor(reviewId: number): Promise<ConsentRequest[]> {
    return latestPerRole(await repository.listConsentRequests(this.db, reviewId));
  }

  /** Emails the head and the chair a link each, replacing any earlier unanswered link for the role. */
  async ask(
    actor: CurrentUser,
    reviewId: number,
    people: ConsentPeople,
  ): Promise<{ ok: true } | { ok: false; problems: FieldProblem[] }> {
    const review = await this.reviews.find(actor, reviewId);
    if (!review) return { ok: false, problems: [{ field: 'headName', message: 'There is no such review' }] };
    if (review.outcome)
      return {
        ok: false,
        problems: [{ field: 'headName', message: 'This review is closed: no consent is needed now' }],
      };
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + CONSENT_LINK_DAYS * 86_400_000);
    await this.db.transaction(async (tx) => {
      for (const role of CONSENT_ROLES) {
        const { token, tokenHash } = newSecretToken();
        await repository.supersedeConsentRequests(tx, reviewId, role);
        await repository.insertConsentRequest(tx, {
          reviewId,
          role,
          schoolUrn: review.homeSchoolUrn,
          name: people[role].name,
          email: people[role].email,
          tokenHash,
          tokenExpiresAt: expiresAt,
          sentAt: now,
        });
        await this.outbox.queue(
          tx,
          reviewConsentEmail(alliance, {
            to: people[role].email,
            name: people[role].name,
            role,
            leaderName: review.leaderName,
            schoolName: review.homeSchoolName,
            designationType: review.designationType,
            movedSchool: review.reason === 'moved-school',
            link: `${this.baseUrl}/review-consent?token=${token}`,
            expiresOn: londonDate(expiresAt),
          }),
        );
        await recordAudit(tx, {
          allianceId: alliance.id,
          actorUserId: actor.id,
          entityType: REVIEW_AUDIT_ENTITY,
          entityId: reviewId,
          action: 'consent-requested',
          after: { role: ROLE_NAMES[role], name: people[role].name, email: people[role].email },
          at: now,
        });
      }
    });
    this.outbox.nudge();
    return { ok: true };
  }

  /** The request behind an emailed link, if it still works (and its review is still open). */
  async byLink(token: unknown): Promise<ConsentLinkOutcome> {
    if (!looksLikeSecretToken(token)) return { ok: false, reason: 'not-found' };
    const request = await repository.findConsentRequestByTokenHash(this.db, hashSecretToken(token));
    if (!request) return { ok: false, reason: 'not-found' };
    if (request.answeredAt) return { ok: false, reason: 'answered' };
    if (!request.tokenExpiresAt || request.tokenExpiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    const review = await repository.findReview(this.db, (await this.alliances.current()).id, request.reviewId);
    if (!review) return { ok: false, reason: 'not-found' };
    if (review.outcome) return { ok: false, reason: 'closed' };
    const school = await this.schools.find(request.schoolUrn);
    return {
      ok: true,
      subject: {
        request,
        leaderName: review.leaderName,
        schoolName: school?.name ?? review.homeSchoolName,
        designationType: review.designationType,
        movedSchool: review.reason === 'moved-school',
      },
    };
  }

  /** Records the answer from the link, once; on the review's trail. */
  async answerByLink(token: unknown, answer: ConsentAnswer): Promise<ConsentLinkOutcome> {
    const found = await this.byLink(token);
    if (!found.ok) return found;
    const { request } = found.subject;
    const now = this.clock.now();
    const answered = await this.db.transaction(async (tx) => {
      if (!(await repository.answerConsentRequest(tx, request.id, { ...answer, answeredAt: now }))) return false;
      await recordAudit(tx, {
        allianceId: (await this.alliances.current()).id,
        actorUserId: null,
        entityType: REVIEW_AUDIT_ENTITY,
        entityId: request.reviewId,
        action: 'consent-answered',
        after: {
          role: ROLE_NAMES[request.role],
          name: request.name,
          supports: answer.supports,
          releaseDays: answer.releaseDays,
        },
        at: now,
      });
      return true;
    });
    return answered ? found : { ok: false, reason: 'answered' };
  }
}
