import type { Database, Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit, type AuditFields } from '../../platform/audit/audit.service.ts';
import { formatDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import { changeDesignationState } from '../leaders/designation-state.service.ts';
import { DESIGNATION_ABBREVIATIONS } from '../leaders/leaders.schema.ts';
import { appealTiming, lastDayToAppeal } from './appeal-window.ts';
import type { AppealOutcome } from './applications.model.ts';
import { reviewDateFor } from './designation-review-rules.ts';
import { reviewAppealEmail, type ReviewAppealStep } from './designation-review-appeals.emails.ts';
import * as repository from './designation-review-appeals.repository.ts';
import { REVIEW_AUDIT_ENTITY } from './designation-reviews.model.ts';
import type { DesignationReviewService, Outcome, ReviewWithSubject } from './designation-reviews.service.ts';
import type { DesignationRulesService } from './designation-rules.service.ts';
import { findPanel, listMembers, listPanels } from './panels.repository.ts';

export type ReviewAppealRow = repository.ReviewAppealRow;
export type NewReviewAppeal = { lodgedOn: CalendarDate; grounds: string };
export type ReviewAppealDecision = { outcome: AppealOutcome; notes: string };

/** What the review's page shows of an appeal: the appeal, if any, whether one may be lodged, and panels to hear it. */
export type ReviewAppealView = {
  appeal: ReviewAppealRow | undefined;
  lastDay: CalendarDate;
  mayLodge: boolean;
  panels: { id: number; meetsOn: CalendarDate }[];
};

const problem = (field: string, message: string): Outcome<never> => ({ ok: false, problems: [{ field, message }] });

/**
 * A leader's appeal against a review that de-designated them (re-designation is not a refusal, and a
 * resignation is the leader's own act, so neither is appealed). Recorded by a coordinator within the
 * alliance's appeal window, put to a panel for appeals that the coordinator who closed the review does
 * not sit on, and decided: upheld restores the designation for a new period, in the same transaction
 * as the directory, so the leader is back in the directory and matching at once; dismissed leaves it
 * withdrawn. The leader is emailed at each step; each is on the review's and the leader's trails.
 */
export class ReviewAppealService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly rules: DesignationRulesService,
    private readonly reviews: DesignationReviewService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async view(user: CurrentUser, review: ReviewWithSubject): Promise<ReviewAppealView | undefined> {
    if (!this.reviews.mayReview(user) || review.outcome !== 'de-designated' || !review.closedOn) return undefined;
    const { appealDays } = await this.rules.rules();
    const alliance = await this.alliances.current();
    const appeal = await repository.findReviewAppeal(this.db, review.id);
    const panels = (await listPanels(this.db, alliance.id)).filter((panel) => panel.hearing === 'appeal');
    return {
      appeal,
      lastDay: lastDayToAppeal(review.closedOn, appealDays),
      mayLodge: !appeal,
      panels: panels.map((panel) => ({ id: panel.id, meetsOn: panel.meetsOn })),
    };
  }

  async lodge(actor: CurrentUser, reviewId: number, appeal: NewReviewAppeal): Promise<Outcome<number>> {
    const review = await this.reviews.find(actor, reviewId);
    if (!review || review.outcome !== 'de-designated' || !review.closedOn)
      return problem('grounds', 'Only a de-designation can be appealed');
    const { appealDays } = await this.rules.rules();
    const today = londonDate(this.clock.now());
    const timing = appealTiming({ decidedOn: review.closedOn }, appeal.lodgedOn, appealDays, today);
    if (!timing.ok) return problem('lodgedOn', timing.reason);
    const now = this.clock.now();
    return this.sending(async (tx): Promise<Outcome<number>> => {
      const id = await repository.insertReviewAppeal(tx, { reviewId, ...appeal, recordedAt: now });
      if (id === undefined) return problem('grounds', 'An appeal against this review is recorded already');
      await this.step(tx, actor, review, 'appeal-lodged', {
        lodgedOn: formatDate(appeal.lodgedOn),
        grounds: appeal.grounds,
      });
      await this.email(tx, review, { step: 'lodged', lodgedOn: appeal.lodgedOn });
      return { ok: true, value: id };
    });
  }

  async choosePanel(actor: CurrentUser, reviewId: number, panelId: number): Promise<Outcome<CalendarDate>> {
    const review = await this.reviews.find(actor, reviewId);
    if (!review) return problem('panelId', 'There is no such review');
    const alliance = await this.alliances.current();
    const panel = await findPanel(this.db, alliance.id, panelId);
    if (!panel || panel.hearing !== 'appeal') return problem('panelId', 'Select a panel that hears appeals');
    const members = await listMembers(this.db, [panel.id]);
    if (review.closedByUserId !== null && members.some((member) => member.userId === review.closedByUserId))
      return problem(
        'panelId',
        'The person who recorded the review’s outcome sits on that panel: choose a panel they are not on',
      );
    return this.sending(async (tx): Promise<Outcome<CalendarDate>> => {
      if (!(await repository.setReviewAppealPanel(tx, reviewId, panel.id)))
        return problem('panelId', 'There is no undecided appeal against this review');
      await this.step(tx, actor, review, 'appeal-panel-chosen', { panel: formatDate(panel.meetsOn) });
      await this.email(tx, review, { step: 'panel', meetsOn: panel.meetsOn });
      return { ok: true, value: panel.meetsOn };
    });
  }

  async decide(
    actor: CurrentUser,
    reviewId: number,
    decision: ReviewAppealDecision,
  ): Promise<Outcome<CalendarDate | null>> {
    const review = await this.reviews.find(actor, reviewId);
    if (!review) return problem('appealOutcome', 'There is no such review');
    const appeal = await repository.findReviewAppeal(this.db, reviewId);
    if (!appeal || appeal.outcome) return problem('appealOutcome', 'There is no undecided appeal against this review');
    if (appeal.panelId === null) return problem('appealOutcome', 'Choose the panel hearing the appeal first');
    const alliance = await this.alliances.current();
    const { designationYears } = await this.rules.rules();
    const now = this.clock.now();
    const today = londonDate(now);
    return this.sending(async (tx): Promise<Outcome<CalendarDate | null>> => {
      const decided = await repository.decideReviewAppeal(tx, reviewId, {
        outcome: decision.outcome,
        outcomeNotes: decision.notes,
        decidedOn: today,
        recordedByUserId: actor.id,
        recordedAt: now,
      });
      if (!decided) return problem('appealOutcome', 'This appeal has already been decided');
      const reviewDate = decision.outcome === 'upheld' ? reviewDateFor(today, designationYears) : undefined;
      if (reviewDate)
        await changeDesignationState(tx, {
          allianceId: alliance.id,
          designationId: review.designationId,
          status: 'designated',
          reviewDate,
          action: 'appeal-upheld',
          actorUserId: actor.id,
          at: now,
        });
      await this.step(tx, actor, review, decision.outcome === 'upheld' ? 'appeal-upheld' : 'appeal-dismissed', {
        ...(decision.notes ? { outcomeNotes: decision.notes } : {}),
        ...(reviewDate ? { reviewDate: formatDate(reviewDate) } : {}),
      });
      await this.email(
        tx,
        review,
        reviewDate
          ? { step: 'upheld', reviewDate, notes: decision.notes }
          : { step: 'dismissed', notes: decision.notes },
      );
      return { ok: true, value: reviewDate ?? null };
    });
  }

  /**
   * One step on both trails. The leader's trail gets its own entry even for steps that change nothing
   * on the leader (an upheld appeal also adds the designation's change, through changeDesignationState).
   */
  private async step(tx: Executor, actor: CurrentUser, review: ReviewWithSubject, action: string, after: AuditFields) {
    const allianceId = (await this.alliances.current()).id;
    const at = this.clock.now();
    await recordAudit(tx, {
      allianceId,
      actorUserId: actor.id,
      entityType: REVIEW_AUDIT_ENTITY,
      entityId: review.id,
      action,
      after,
      at,
    });
    if (action !== 'appeal-upheld')
      await recordAudit(tx, {
        allianceId,
        actorUserId: actor.id,
        entityType: 'leader',
        entityId: review.leaderId,
        action,
        after,
        at,
      });
  }

  private async email(tx: Executor, review: ReviewWithSubject, step: ReviewAppealStep) {
    const alliance = await this.alliances.current();
    const to = { to: review.leaderEmail, leaderName: review.leaderName };
    const abbreviation = DESIGNATION_ABBREVIATIONS[review.designationType];
    await this.outbox.queue(tx, reviewAppealEmail(alliance, { ...to, abbreviation, ...step }));
  }

  /** A step in its transaction, then the outbox nudged: its email is sent only once the step is committed. */
  private async sending<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(work);
    this.outbox.nudge();
    return result;
  }
}
