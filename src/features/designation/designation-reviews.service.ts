import type { Database, Executor } from '../../db/database.ts';
import { hasAnyRole, type CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { auditTrailFor, recordAudit, type AuditTrailRow } from '../../platform/audit/audit.service.ts';
import { academicYearOf } from '../../platform/calendar/academic-year.ts';
import { formatDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import { changeDesignationState, findDesignation } from '../leaders/designation-state.service.ts';
import type { LeaderService } from '../leaders/leaders.service.ts';
import { ACTIVE_DESIGNATION_STATUSES } from '../leaders/leaders.model.ts';
import type { ReleaseService } from '../release/release.service.ts';
import type { DesignationRulesService } from './designation-rules.service.ts';
import {
  agreedReleaseDays,
  latestPerRole,
  REASON_LABELS,
  redesignatedReviewDate,
  reviewDateFor,
  reviewDueOn,
  reviewWindowEnd,
  type EarlyReason,
} from './designation-review-rules.ts';
import * as repository from './designation-reviews.repository.ts';
import { REVIEW_AUDIT_ENTITY, type ReviewOutcome, type ReviewReason } from './designation-reviews.model.ts';

export { REVIEW_AUDIT_ENTITY };

export type { DesignationForReview, ReviewWithSubject } from './designation-reviews.repository.ts';

/** Who reviews designations: the people who run the alliance. */
export const REVIEW_STAFF = ['administrator', 'coordinator'] as const;
/** Each list shows this many at most, with its count: a term's reviews are a handful, not hundreds. */
export const REVIEW_LIST_LIMIT = 50;

export const OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  redesignated: 'Re-designated',
  'de-designated': 'De-designated',
  resigned: 'Resigned',
};

export const REVIEW_ACTIONS: Record<string, string> = {
  opened: 'Review opened',
  'evidence-noted': 'Evidence note saved',
  'consent-requested': 'Release consent asked for',
  'consent-answered': 'Release consent answered',
  'consent-reminded': 'Reminded to answer about release consent',
  closed: 'Review closed',
  'appeal-lodged': 'Appeal against the de-designation lodged',
  'appeal-panel-chosen': 'Appeal put to a panel',
  'appeal-upheld': 'Appeal upheld: designation restored',
  'appeal-dismissed': 'Appeal dismissed',
};

export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** What withdraws a leader's standing proposals when they leave matching (a hook: proposals is a higher layer). */
export type WithdrawProposals = (
  tx: Executor,
  change: { allianceId: number; leaderId: number; actorUserId: number | null; at: Date; reason: string },
) => Promise<number>;

/** A review's outcome as the coordinator records it. */
export type OutcomeChoice = { outcome: ReviewOutcome; reason: string };

const problem = (field: string, message: string): Outcome<never> => ({ ok: false, problems: [{ field, message }] });

/**
 * Designation reviews: the lists of designations due and overdue (computed on read), opening a
 * review (at the end of the period, or early with a reason), and closing it with an outcome that the
 * designation, and so the directory and matching, follow in the same transaction.
 */
export class DesignationReviewService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly rules: DesignationRulesService,
    private readonly leaders: LeaderService,
    private readonly release: ReleaseService,
    private readonly clock: Clock,
    private readonly withdrawProposals: WithdrawProposals,
  ) {}

  today(): CalendarDate {
    return londonDate(this.clock.now());
  }

  mayReview(user: CurrentUser | undefined): boolean {
    return hasAnyRole(user, REVIEW_STAFF);
  }

  /** The three lists: due by the end of the next term, overdue, and open; undefined for anyone else. */
  async lists(user: CurrentUser) {
    if (!this.mayReview(user)) return undefined;
    const alliance = await this.alliances.current();
    const today = this.today();
    const terms = await this.alliances.termDates();
    const windowEnd = reviewWindowEnd(today, terms);
    const { designationYears } = await this.rules.rules();
    const query = { allianceId: alliance.id, designationYears, today, windowEnd, limit: REVIEW_LIST_LIMIT };
    return {
      today,
      windowEnd,
      byTerm: terms.some((term) => term.firstDay > today),
      due: await repository.listDesignationsForReview(this.db, { ...query, which: 'due' }),
      overdue: await repository.listDesignationsForReview(this.db, { ...query, which: 'overdue' }),
      open: await repository.listOpenReviews(this.db, alliance.id, REVIEW_LIST_LIMIT),
    };
  }

  /** A designation in force with its leader, to open a review of; undefined if there is none. */
  async designationToReview(user: CurrentUser, designationId: number) {
    if (!this.mayReview(user)) return undefined;
    const alliance = await this.alliances.current();
    const designation = await findDesignation(this.db, alliance.id, designationId);
    if (!designation || !ACTIVE_DESIGNATION_STATUSES.includes(designation.status)) return undefined;
    const leader = await this.leaders.find(alliance.id, designation.leaderId);
    return leader && { designation, leader, openReviewId: await repository.findOpenReviewOf(this.db, designationId) };
  }

  /** Opens the review at the end of a designation's period: once it is due (by the next term's end) or overdue. */
  startPeriodReview(actor: CurrentUser, designationId: number): Promise<Outcome<number>> {
    return this.open(actor, designationId, 'period-ended', '');
  }

  /** Opens an early review, for the criteria or misconduct, with the coordinator's note of why. */
  openEarlyReview(actor: CurrentUser, designationId: number, reason: EarlyReason, note: string) {
    return this.open(actor, designationId, reason, note);
  }

  private async open(
    actor: CurrentUser,
    designationId: number,
    reason: ReviewReason,
    note: string,
  ): Promise<Outcome<number>> {
    if (!this.mayReview(actor)) return problem('designation', 'There is no such designation');
    const alliance = await this.alliances.current();
    const { designationYears } = await this.rules.rules();
    const calendar = await this.alliances.calendar();
    const today = this.today();
    const windowEnd = reviewWindowEnd(today, await this.alliances.termDates());
    const now = this.clock.now();
    return this.db.transaction(async (tx): Promise<Outcome<number>> => {
      const designation = await findDesignation(tx, alliance.id, designationId);
      if (!designation || !ACTIVE_DESIGNATION_STATUSES.includes(designation.status))
        return problem('designation', 'Only a designation in force can be reviewed');
      const reviewDate = designation.reviewDate ?? reviewDateFor(designation.startDate, designationYears);
      if (reason === 'period-ended' && reviewDate > windowEnd)
        return problem(
          'designation',
          `This designation is not due for review until ${formatDate(reviewDate)}: open an early review if there is a reason to`,
        );
      const dueOn = reviewDueOn(reason, { openedOn: today, reviewDate, calendar });
      const id = await repository.insertReview(tx, {
        designationId,
        reason,
        reasonNote: note,
        openedOn: today,
        dueOn,
        openedByUserId: actor.id,
        createdAt: now,
      });
      if (id === undefined) return problem('designation', 'A review of this designation is already open');
      await changeDesignationState(tx, {
        allianceId: alliance.id,
        designationId,
        status: 'under-review',
        action: 'review-opened',
        actorUserId: actor.id,
        at: now,
      });
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: REVIEW_AUDIT_ENTITY,
        entityId: id,
        action: 'opened',
        after: { reason: REASON_LABELS[reason], ...(note ? { reasonNote: note } : {}), dueOn: formatDate(dueOn) },
        at: now,
      });
      return { ok: true, value: id };
    });
  }

  /** The review, for those who review; undefined otherwise or if it is not the alliance's. */
  async find(user: CurrentUser, id: number): Promise<repository.ReviewWithSubject | undefined> {
    if (!this.mayReview(user)) return undefined;
    return repository.findReview(this.db, (await this.alliances.current()).id, id);
  }

  /** The leader's reviews, newest first, for their page. */
  async ofLeader(user: CurrentUser, leaderId: number): Promise<repository.ReviewWithSubject[]> {
    if (!this.mayReview(user)) return [];
    return repository.listReviewsOfLeader(this.db, (await this.alliances.current()).id, leaderId);
  }

  /** Where the current period began: the start of the designation, or its last review's close. */
  async periodStart(review: repository.ReviewWithSubject): Promise<CalendarDate> {
    const closed = await repository.lastClosedOn(this.db, review.designationId);
    return closed && closed > review.designationStart ? closed : review.designationStart;
  }

  async saveEvidenceNote(actor: CurrentUser, id: number, note: string): Promise<Outcome<boolean>> {
    const review = await this.find(actor, id);
    if (!review) return problem('evidenceNote', 'There is no such review');
    if (review.outcome) return problem('evidenceNote', 'This review is closed: its evidence can no longer change');
    if (review.evidenceNote === note) return { ok: true, value: false };
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await repository.setEvidenceNote(tx, id, note);
      await recordAudit(tx, {
        allianceId: (await this.alliances.current()).id,
        actorUserId: actor.id,
        entityType: REVIEW_AUDIT_ENTITY,
        entityId: id,
        action: 'evidence-noted',
        before: { evidenceNote: review.evidenceNote },
        after: { evidenceNote: note },
        at: now,
      });
    });
    return { ok: true, value: true };
  }

  /**
   * Closes an open review. Re-designated: designated again for a new period from today and, for an
   * SLE, only with the head's and the chair's renewed consent, which becomes this year's release in the
   * ledger. De-designated (with the reason) or resigned: withdrawn, so the leader leaves the directory
   * and matching at once, and, with nothing else in force, their standing proposals are withdrawn.
   */
  async recordOutcome(actor: CurrentUser, id: number, choice: OutcomeChoice): Promise<Outcome<CalendarDate | null>> {
    const review = await this.find(actor, id);
    if (!review) return problem('outcome', 'There is no such review');
    const alliance = await this.alliances.current();
    const { designationYears } = await this.rules.rules();
    const now = this.clock.now();
    const today = this.today();
    return this.db.transaction(async (tx): Promise<Outcome<CalendarDate | null>> => {
      const consents = latestPerRole(await repository.listConsentRequests(tx, id));
      const days = agreedReleaseDays(consents);
      if (choice.outcome === 'redesignated' && review.designationType === 'sle' && days === undefined)
        return problem(
          'outcome',
          'To re-designate an SLE, the headteacher and the chair of governors must both have agreed to release them',
        );
      if (
        !(await repository.closeReview(tx, id, {
          outcome: choice.outcome,
          outcomeReason: choice.reason,
          closedOn: today,
          closedByUserId: actor.id,
        }))
      )
        return problem('outcome', 'This review has already been closed');
      const reviewDate =
        choice.outcome === 'redesignated' ? redesignatedReviewDate(today, designationYears) : undefined;
      await changeDesignationState(tx, {
        allianceId: alliance.id,
        designationId: review.designationId,
        status: choice.outcome === 'redesignated' ? 'designated' : 'withdrawn',
        reviewDate,
        action: choice.outcome,
        actorUserId: actor.id,
        at: now,
      });
      if (choice.outcome === 'redesignated' && review.designationType === 'sle') {
        const head = consents.find((consent) => consent.role === 'head')!;
        const chair = consents.find((consent) => consent.role === 'chair')!;
        const recorded = await this.release.recordConsentIn(tx, {
          allianceId: alliance.id,
          leaderId: review.leaderId,
          startYear: academicYearOf(today).startYear,
          fields: {
            releasedHalfDays: days! * 2,
            headName: head.name,
            headConsentedOn: londonDate(head.answeredAt!),
            chairName: chair.name,
            chairConsentedOn: londonDate(chair.answeredAt!),
          },
          actorUserId: actor.id,
          at: now,
        });
        if (!recorded.ok) throw new Error(`Release for leader ${review.leaderId} was not recorded`);
      }
      const leader = await this.leaders.find(alliance.id, review.leaderId, tx);
      if (leader && leader.activeTypes.length === 0)
        await this.withdrawProposals(tx, {
          allianceId: alliance.id,
          leaderId: review.leaderId,
          actorUserId: actor.id,
          at: now,
          reason: `${OUTCOME_LABELS[choice.outcome]} after a review of their designation`,
        });
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: REVIEW_AUDIT_ENTITY,
        entityId: id,
        action: 'closed',
        after: {
          outcome: OUTCOME_LABELS[choice.outcome],
          outcomeReason: choice.reason,
          ...(reviewDate ? { reviewDate: formatDate(reviewDate) } : {}),
        },
        at: now,
      });
      return { ok: true, value: reviewDate ?? null };
    });
  }

  async trail(user: CurrentUser, id: number): Promise<AuditTrailRow[] | undefined> {
    return auditTrailFor(this.db, user, {
      allianceId: (await this.alliances.current()).id,
      entityType: REVIEW_AUDIT_ENTITY,
      entityId: id,
      labels: {
        reason: 'Reason',
        reasonNote: 'Why it was opened early',
        dueOn: 'Due',
        evidenceNote: 'Evidence note',
        role: 'Asked',
        name: 'Name',
        email: 'Email address',
        supports: 'Agrees to release them',
        releaseDays: 'Days a year',
        outcome: 'Outcome',
        outcomeReason: 'Reason',
        reviewDate: 'Next review',
        lodgedOn: 'Appeal lodged',
        grounds: 'Grounds',
        panel: 'Appeal panel meeting',
        outcomeNotes: 'Panel’s notes',
      },
      actions: REVIEW_ACTIONS,
    });
  }
}
