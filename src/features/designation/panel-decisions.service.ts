import type { Database, Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import { lastDayToAppeal } from './appeal-window.ts';
import type { AppealOutcome, DecisionOutcome } from './applications.model.ts';
import { APPEAL_OUTCOME_NAMES, OUTCOME_NAMES } from './decision-names.ts';
import { appealOutcomeEmail, decisionEmail } from './decisions.emails.ts';
import type { DesignationRulesService } from './designation-rules.service.ts';
import type { Conflict } from './panel-conflicts.ts';
import type { ScoreSheet } from './panel-scoring.service.ts';
import { insertDecision, recordAppealOutcome } from './panels.repository.ts';
import type { Outcome, PanelService } from './panels.service.ts';

/**
 * What designating someone sets going (the leader, their designation, the release consent, the ask to
 * be listed), called inside the decision's transaction so that a decision to designate and the
 * designation are made together or not at all.
 */
export type OnDesignated = (
  tx: Executor,
  designation: { applicationId: number; decidedOn: string; byUserId: number },
) => Promise<void>;

export type DecisionEntry = { outcome: DecisionOutcome; feedback: string; decidedOn: string };
export type AppealOutcomeEntry = {
  outcome: AppealOutcome;
  notes: string;
  decidedOn: string;
  /** An upheld appeal's new decision, made by the panel that heard it. */
  newDecision: Omit<DecisionEntry, 'decidedOn'> | undefined;
};

/** What a chair in conflict with the applicant is told, on the page and when they send a decision anyway. */
export const conflictedDecider = (conflict: Conflict) =>
  `You cannot record the decision on this applicant. ${conflict.explanation}. ` +
  'A coordinator records it on the panel’s behalf, or another member is made chair';

type Refusal = Extract<Outcome<never>, { ok: false }>;
const refused = (field: string, message: string): Refusal => ({ ok: false, problems: [{ field, message }] });

/**
 * A panel's decisions: the chair (or a coordinator for them) records the outcome of each application,
 * and for a panel hearing appeals, the outcome of each appeal. The applicant is told by email.
 */
export class PanelDecisionService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly panels: PanelService,
    private readonly rules: DesignationRulesService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly onDesignated: OnDesignated,
  ) {}

  async decide(actor: CurrentUser, sheet: ScoreSheet, entry: DecisionEntry): Promise<Outcome> {
    const problem = this.refusal(sheet, entry.decidedOn);
    if (problem) return problem;
    if (sheet.view.panel.hearing !== 'application')
      return refused('outcome', 'A panel hearing appeals records each appeal’s outcome');
    if (entry.outcome === 'not-designated' && !entry.feedback)
      return refused('feedback', 'Give the applicant feedback on why they were not designated');
    const alliance = await this.alliances.current();
    const rules = await this.rules.rules();
    const recorded = await this.db.transaction(async (tx) => {
      if (!(await this.record(tx, actor, sheet, entry))) return false;
      const appealBy =
        entry.outcome === 'not-designated' ? lastDayToAppeal(entry.decidedOn, rules.appealDays) : undefined;
      await this.outbox.queue(
        tx,
        decisionEmail(alliance, { application: sheet.detail.application, ...entry, appealBy }),
      );
      return true;
    });
    if (!recorded) return refused('outcome', 'This panel has already recorded its decision on this application');
    this.outbox.nudge();
    return { ok: true, value: undefined };
  }

  /** The appeal panel's outcome: upheld (with the new decision it makes) or dismissed (the first decision stands). */
  async decideAppeal(actor: CurrentUser, sheet: ScoreSheet, entry: AppealOutcomeEntry): Promise<Outcome> {
    const problem = this.refusal(sheet, entry.decidedOn);
    if (problem) return problem;
    const appeal = sheet.item.appeal;
    if (sheet.view.panel.hearing !== 'appeal' || !appeal)
      return refused('outcome', 'Only the panel hearing the appeal records its outcome');
    if (entry.outcome === 'upheld' && !entry.newDecision)
      return refused('newOutcome', 'Select the panel’s new decision');
    if (entry.newDecision?.outcome === 'not-designated' && !entry.newDecision.feedback)
      return refused('newFeedback', 'Give the applicant feedback on why they were not designated');
    const alliance = await this.alliances.current();
    const recorded = await this.db.transaction(async (tx) => {
      const saved = await recordAppealOutcome(tx, appeal.appeal.id, {
        outcome: entry.outcome,
        outcomeNotes: entry.notes,
        decidedOn: entry.decidedOn,
        recordedByUserId: actor.id,
      });
      if (!saved) return false;
      await this.panels.auditApplication(tx, actor, sheet.item.id, 'appeal-decided', {
        outcome: APPEAL_OUTCOME_NAMES[entry.outcome],
        notes: entry.notes,
        decidedOn: entry.decidedOn,
      });
      const newDecision = entry.outcome === 'upheld' ? entry.newDecision : undefined;
      if (newDecision && !(await this.record(tx, actor, sheet, { ...newDecision, decidedOn: entry.decidedOn })))
        return false;
      await this.outbox.queue(
        tx,
        appealOutcomeEmail(alliance, { application: sheet.detail.application, ...entry, newDecision }),
      );
      return true;
    });
    if (!recorded) return refused('outcome', 'The outcome of this appeal has already been recorded');
    this.outbox.nudge();
    return { ok: true, value: undefined };
  }

  /** The decision row, its audit and, for a designation, the hook; false when the panel had decided already. */
  private async record(tx: Executor, actor: CurrentUser, sheet: ScoreSheet, entry: DecisionEntry): Promise<boolean> {
    const id = await insertDecision(tx, {
      applicationId: sheet.item.id,
      panelId: sheet.view.panel.id,
      ...entry,
      decidedByUserId: actor.id,
      recordedAt: this.clock.now(),
    });
    if (id === undefined) return false;
    await this.panels.auditApplication(tx, actor, sheet.item.id, 'decided', {
      panel: sheet.view.panel.meetsOn,
      outcome: OUTCOME_NAMES[entry.outcome],
      feedback: entry.feedback,
      decidedOn: entry.decidedOn,
    });
    if (entry.outcome === 'designated')
      await this.onDesignated(tx, { applicationId: sheet.item.id, decidedOn: entry.decidedOn, byUserId: actor.id });
    return true;
  }

  /**
   * Why this person may not record the decision, if they may not. A chair in conflict with the applicant
   * (their school or trust, or declared) takes no part in deciding on them, as they take none in scoring:
   * a coordinator records it on the panel's behalf, or another member is made chair. Checked before the
   * form is read, so the reason is what they are told, whatever they sent.
   */
  refusal(sheet: ScoreSheet, decidedOn?: string): Refusal | undefined {
    if (!(sheet.view.viewer.chair || sheet.view.viewer.manages))
      return refused('outcome', 'Only the panel’s chair records its decisions');
    if (sheet.conflict) return refused('outcome', conflictedDecider(sheet.conflict));
    if (!sheet.open) return refused('outcome', 'This has been decided already');
    if (decidedOn !== undefined && decidedOn > londonDate(this.clock.now()))
      return refused('decidedOn', 'The date of the decision must be today or in the past');
    return undefined;
  }
}
