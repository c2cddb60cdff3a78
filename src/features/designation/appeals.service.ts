import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import { appealTiming, lastDayToAppeal } from './appeal-window.ts';
import type { DesignationRulesService } from './designation-rules.service.ts';
import { insertAppeal } from './panels.repository.ts';
import type { Outcome } from './panels.service.ts';
import type { DecisionRow } from './staff-applications.repository.ts';
import { APPLICATION_AUDIT, type ApplicationDetail } from './staff-applications.service.ts';

export type NewAppeal = { lodgedOn: string; grounds: string };

/** The decision an appeal may be lodged against, and the last day it may be. */
export type Appealable = { decision: DecisionRow; lastDay: string };

/**
 * Appeals against a panel's decision, recorded by a coordinator (the applicant writes in) within the
 * alliance's appeal window, and then heard by a different panel (PanelService). Only a first panel's
 * decision not to designate, or to defer, can be appealed: an appeal panel's decision is final.
 */
export class AppealService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly rules: DesignationRulesService,
    private readonly clock: Clock,
  ) {}

  /** The decision that can be appealed now, if any (its window may have closed: recording says so). */
  async appealable(detail: ApplicationDetail): Promise<Appealable | undefined> {
    const { standing } = detail;
    const decision = standing.decisions.at(-1);
    if (!decision || decision.outcome === 'designated' || detail.application.status !== 'sent') return undefined;
    const panel = standing.panels.find((item) => item.panelId === decision.panelId);
    if (panel?.hearing !== 'application') return undefined;
    if (standing.appeals.some((appeal) => appeal.decisionId === decision.id)) return undefined;
    const rules = await this.rules.rules();
    return { decision, lastDay: lastDayToAppeal(decision.decidedOn, rules.appealDays) };
  }

  async record(actor: CurrentUser, detail: ApplicationDetail, appeal: NewAppeal): Promise<Outcome<number>> {
    const appealable = await this.appealable(detail);
    if (!appealable)
      return {
        ok: false,
        problems: [{ field: 'grounds', message: 'There is no decision on this application to appeal' }],
      };
    const rules = await this.rules.rules();
    const timing = appealTiming(appealable.decision, appeal.lodgedOn, rules.appealDays, londonDate(this.clock.now()));
    if (!timing.ok) return { ok: false, problems: [{ field: 'lodgedOn', message: timing.reason }] };
    const alliance = await this.alliances.current();
    const id = await this.db.transaction(async (tx) => {
      const id = await insertAppeal(tx, { decisionId: appealable.decision.id, ...appeal });
      if (id === undefined) return undefined;
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: APPLICATION_AUDIT,
        entityId: detail.application.id,
        action: 'appeal-lodged',
        after: { lodgedOn: appeal.lodgedOn, grounds: appeal.grounds },
        at: this.clock.now(),
      });
      return id;
    });
    return id === undefined
      ? { ok: false, problems: [{ field: 'grounds', message: 'An appeal against this decision is recorded already' }] }
      : { ok: true, value: id };
  }
}
