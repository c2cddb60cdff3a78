import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DesignationRulesService } from './designation-rules.service.ts';
import type { Criterion } from './designation.model.ts';
import { conflictOf, type Conflict } from './panel-conflicts.ts';
import {
  findDecisionOfPanel,
  insertDeclaredConflict,
  listDeclaredConflicts,
  listScores,
  upsertScores,
  type ScoreRow,
} from './panels.repository.ts';
import type { Outcome, PanelMember, PanelService, PanelView } from './panels.service.ts';
import type { ApplicationDetail, StaffApplicationsService } from './staff-applications.service.ts';

export type CriterionScore = { criterionId: number; score: number; notes: string };

/** One member's scores, with whether they may score at all. */
export type MemberScores = { member: PanelMember; conflict: Conflict | undefined; scores: Map<number, ScoreRow> };

/** Each criterion's scores across the panel: how many scored it, their total and mean. */
export type CriterionSummary = { criterion: Criterion; count: number; total: number; mean: number | undefined };

/** An application as one person on its panel sees it, with the scores they may see. */
export type ScoreSheet = {
  view: PanelView;
  item: PanelView['applications'][number];
  detail: ApplicationDetail;
  criteria: Criterion[];
  /** The person's own conflict with the applicant, if they sit on the panel. */
  conflict: Conflict | undefined;
  mine: Map<number, ScoreRow>;
  /** Everyone's scores: for the chair and those who run panels only (members see their own). */
  everyone: MemberScores[] | undefined;
  summaries: CriterionSummary[] | undefined;
  decision: Awaited<ReturnType<typeof findDecisionOfPanel>>;
  /** Today in London: the decision's date defaults to it once the panel has met. */
  today: string;
  /** Still open to scores and a decision: not yet decided by this panel, nor withdrawn. */
  open: boolean;
  canScore: boolean;
  /** The chair, or someone who runs panels recording the decision on the chair's behalf. */
  canDecide: boolean;
};

const refused = (field: string, message: string): Outcome<never> => ({ ok: false, problems: [{ field, message }] });

/**
 * What a panel member does with an application: read it, score each criterion 1 to 4 with notes, or
 * declare a conflict. A member from the applicant's school or trust, or who declared a conflict, does
 * not score that applicant: the page says why, and the service refuses scores sent anyway.
 */
export class PanelScoringService {
  constructor(
    private readonly db: Database,
    private readonly panels: PanelService,
    private readonly applications: StaffApplicationsService,
    private readonly rules: DesignationRulesService,
    private readonly clock: Clock,
  ) {}

  async sheet(user: CurrentUser, panelId: number, applicationId: number): Promise<ScoreSheet | undefined> {
    const view = await this.panels.view(user, panelId);
    const item = view?.applications.find((application) => application.id === applicationId);
    const detail = item ? await this.applications.detail(applicationId) : undefined;
    if (!view || !item || !detail) return undefined;
    const criteria = (await this.rules.criteria())[detail.application.designationType];
    const scores = await listScores(this.db, panelId, applicationId);
    const declared = await listDeclaredConflicts(this.db, panelId, applicationId);
    const scoresOf = (userId: number) =>
      new Map(scores.filter((row) => row.userId === userId).map((row) => [row.criterionId, row]));
    const seesAll = view.viewer.chair || view.viewer.manages;
    const everyone = seesAll
      ? view.members.map((member) => ({
          member,
          conflict: conflictOf({
            member: member.school ?? null,
            applicant: item.school ?? null,
            declared: declared.find((row) => row.userId === member.userId),
          }),
          scores: scoresOf(member.userId),
        }))
      : undefined;
    const decision = await findDecisionOfPanel(this.db, panelId, applicationId);
    const heard = view.panel.hearing === 'appeal' ? item.appeal?.appeal.outcome === null : decision === undefined;
    const open = heard && detail.application.status === 'sent';
    return {
      view,
      item,
      detail,
      criteria,
      conflict: item.conflict,
      mine: scoresOf(user.id),
      today: londonDate(this.clock.now()),
      everyone,
      summaries: everyone ? summarise(criteria, everyone) : undefined,
      decision,
      open,
      canScore: open && view.viewer.member && item.conflict === undefined,
      // A chair (or coordinator on the panel) in conflict with the applicant does not decide on them either.
      canDecide: open && (view.viewer.chair || view.viewer.manages) && item.conflict === undefined,
    };
  }

  /** Saves the member's score for every criterion at once; a second save replaces the first. */
  async saveScores(actor: CurrentUser, sheet: ScoreSheet, scores: CriterionScore[]): Promise<Outcome> {
    if (!sheet.view.viewer.member) return refused('scores', 'Only the panel’s members score applications');
    if (sheet.conflict) return refused('scores', `You cannot score this applicant. ${sheet.conflict.explanation}`);
    if (!sheet.open) return refused('scores', 'This application has been decided, so its scores cannot change');
    const known = new Set(sheet.criteria.map((criterion) => criterion.id));
    if (scores.length !== known.size || scores.some((score) => !known.has(score.criterionId)))
      return refused('scores', 'Score every criterion');
    const at = this.clock.now();
    await this.db.transaction(async (tx) => {
      await upsertScores(
        tx,
        scores.map((score) => ({
          panelId: sheet.view.panel.id,
          applicationId: sheet.item.id,
          userId: actor.id,
          criterionId: score.criterionId,
          score: score.score,
          notes: score.notes,
          scoredAt: at,
        })),
      );
      const title = (id: number) => sheet.criteria.find((criterion) => criterion.id === id)?.title ?? String(id);
      await this.panels.audit(tx, actor, sheet.view.panel.id, 'scores-saved', {
        application: sheet.item.reference,
        ...Object.fromEntries(scores.map((score) => [title(score.criterionId), score.score])),
      });
    });
    return { ok: true, value: undefined };
  }

  /** A member declares a conflict with the applicant (they coached them, say): they then do not score them. */
  async declareConflict(actor: CurrentUser, sheet: ScoreSheet, reason: string): Promise<Outcome> {
    if (!sheet.view.viewer.member) return refused('reason', 'Only the panel’s members declare conflicts');
    if (sheet.conflict) return refused('reason', `You have a conflict already. ${sheet.conflict.explanation}`);
    const at = this.clock.now();
    await this.db.transaction(async (tx) => {
      const declared = await insertDeclaredConflict(tx, {
        panelId: sheet.view.panel.id,
        userId: actor.id,
        applicationId: sheet.item.id,
        reason,
        declaredAt: at,
      });
      if (declared)
        await this.panels.audit(tx, actor, sheet.view.panel.id, 'conflict-declared', {
          application: sheet.item.reference,
          reason,
        });
    });
    return { ok: true, value: undefined };
  }
}

/** Totals and means per criterion, over the members who scored it. */
export function summarise(criteria: Criterion[], everyone: MemberScores[]): CriterionSummary[] {
  return criteria.map((criterion) => {
    const given = everyone
      .map((member) => member.scores.get(criterion.id)?.score)
      .filter((score): score is number => score !== undefined);
    const total = given.reduce((sum, score) => sum + score, 0);
    return { criterion, count: given.length, total, mean: given.length > 0 ? total / given.length : undefined };
  });
}
