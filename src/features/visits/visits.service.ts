import type { Term } from '../../platform/calendar/term-weeks.ts';
import type { Database, Executor } from '../../db/database.ts';
import { hasAnyRole, type CurrentUser } from '../../platform/access.ts';
import { formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import { loadVersionContent, type Terms, type VersionContent } from '../agreements/agreement-versions.service.ts';
import {
  ALLIANCE_STAFF,
  type Agreement,
  type AgreementService,
  type Outcome,
} from '../agreements/agreements.service.ts';
import {
  auditTrailFor,
  recordAudit,
  type AuditFields,
  type AuditTrailRow,
} from '../../platform/audit/audit.service.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { maySeeNote } from '../agreements/note-sharing.ts';
import { logAuditFields, visitAuditFields } from './delivery-audit-fields.ts';
import { listDeliveryOverview, type DeliveryOverviewRow } from './delivery-overview.repository.ts';
import { listLeaderDelivery, type LeaderDeliveryRow } from './leader-delivery.repository.ts';
import { DELIVERY_ACTIONS, DELIVERY_FIELD_LABELS } from './visits.labels.ts';
import * as repository from './visits.repository.ts';
import type { LogInput, PlannedVisitInput } from './visits.schema.ts';

/** The version of an agreement that delivery is measured against: the last one every party signed. */
export type SignedVersion = VersionContent & { terms: Terms };

/** An agreement as the delivery pages see it, for one person. */
export type DeliveryAgreement = {
  agreement: Agreement;
  /** Undefined until every party has signed a version: nothing can be planned or logged before then. */
  signed: SignedVersion | undefined;
  /** The alliance's staff, and the agreement's own leader, plan visits and log delivery. */
  canManage: boolean;
};

/** Where visits and delivery are recorded in the audit trail: one trail per agreement. */
export const DELIVERY_ENTITY = 'agreement-delivery';

/** A delivery log with what was done and the progress on each objective. */
export type DeliveryLog = repository.DeliveryLogWithProgress;
export type PlannedVisit = repository.PlannedVisitRow;

export const NOT_SIGNED = 'Visits can be planned and delivery logged once every party has signed the agreement';

export class DeliveryService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly agreements: AgreementService,
    private readonly clock: Clock,
  ) {}

  today(): CalendarDate {
    return londonDate(this.clock.now());
  }

  /** The weeks without a log after which a running agreement counts as quiet: the alliance's setting. */
  async quietWeeks(): Promise<number> {
    return (await this.alliances.current()).quietWeeks;
  }

  /**
   * A leader's signed agreements running in a period, with the days they delivered in it (at most
   * `limit`): evidence for the alliance's staff reviewing the leader's designation; nothing for anyone else.
   */
  async leaderDelivery(
    user: CurrentUser,
    leaderId: number,
    period: { from: CalendarDate; to: CalendarDate },
    limit = 50,
  ): Promise<LeaderDeliveryRow[]> {
    if (!hasAnyRole(user, ALLIANCE_STAFF)) return [];
    const alliance = await this.alliances.current();
    return listLeaderDelivery(this.db, { allianceId: alliance.id, leaderId, ...period, limit });
  }

  /** Delivered against agreed for the alliance's signed agreements, a page at a time; `quietSince` keeps those with no log since. */
  async overview(query: {
    quietSince: CalendarDate | undefined;
    limit: number;
    offset: number;
  }): Promise<{ rows: DeliveryOverviewRow[]; total: number }> {
    return listDeliveryOverview(this.db, { allianceId: (await this.alliances.current()).id, ...query });
  }

  /** The agreement's planned visits, for someone who may see it (`context` comes from open or contextFor). */
  plannedVisits(context: DeliveryAgreement): Promise<repository.PlannedVisitRow[]> {
    return repository.listPlannedVisits(this.db, context.agreement.agreement.id);
  }

  plannedVisit(context: DeliveryAgreement, visitId: number): Promise<repository.PlannedVisitRow | undefined> {
    return repository.findPlannedVisit(this.db, context.agreement.agreement.id, visitId);
  }

  /**
   * The agreement's delivery logs that `user` may read (each is shared as its writer chose), with what
   * was done and the progress on each objective. The days still count in `delivered` whoever reads.
   */
  async logs(user: CurrentUser, context: DeliveryAgreement): Promise<repository.DeliveryLogWithProgress[]> {
    const logs = await repository.listDeliveryLogs(this.db, context.agreement.agreement.id);
    return logs.filter((log) => this.maySeeLog(user, context, log));
  }

  async log(
    user: CurrentUser,
    context: DeliveryAgreement,
    logId: number,
  ): Promise<repository.DeliveryLogWithProgress | undefined> {
    const log = await repository.findDeliveryLog(this.db, context.agreement.agreement.id, logId);
    return log && this.maySeeLog(user, context, log) ? log : undefined;
  }

  private maySeeLog(user: CurrentUser, context: DeliveryAgreement, log: repository.DeliveryLogRow): boolean {
    return maySeeNote(user, context.agreement.agreement, { ...log, writtenByUserId: log.loggedByUserId });
  }

  /** The days delivered so far (in half days), the leader's share, and the last day logged. */
  delivered(context: DeliveryAgreement): Promise<{ total: number; byLeader: number; lastDate: string | null }> {
    return repository.deliveredOn(this.db, context.agreement.agreement.id);
  }

  /** The trail of the agreement's visits and delivery, for those who may read it. */
  trail(user: CurrentUser, context: DeliveryAgreement): Promise<AuditTrailRow[] | undefined> {
    const { id, allianceId } = context.agreement.agreement;
    return auditTrailFor(this.db, user, {
      allianceId,
      entityType: DELIVERY_ENTITY,
      entityId: id,
      labels: DELIVERY_FIELD_LABELS,
      actions: DELIVERY_ACTIONS,
    });
  }

  /** The alliance's term dates, over which LLE placements' agreed days are counted (agreed-days.ts). */
  async termDates(): Promise<Term[]> {
    return this.alliances.termDates();
  }

  /** The agreement, if `user` may see it (undefined otherwise, so pages answer "not found"), with its signed version. */
  async open(user: CurrentUser, agreementId: number): Promise<DeliveryAgreement | undefined> {
    const agreement = await this.agreements.find(user, agreementId);
    return agreement ? this.contextFor(user, agreement) : undefined;
  }

  /** The same, for an agreement already found for `user` (the agreement page has it). */
  async contextFor(user: CurrentUser, agreement: Agreement): Promise<DeliveryAgreement> {
    const { status, leaderId, kind } = agreement.agreement;
    let signed: SignedVersion | undefined;
    if (status === 'signed' || status === 'varying') {
      // While a variation is being agreed, the version before it still holds.
      const row = agreement.versions.filter((version) => version.lockedAt !== null).at(-1);
      const content =
        row && (row.id === agreement.version.id ? agreement.version : await loadVersionContent(this.db, kind, row));
      if (content?.terms) signed = content as SignedVersion;
    }
    const isLeader = user.roles.includes('system-leader') && user.leaderId === leaderId;
    return { agreement, signed, canManage: hasAnyRole(user, ALLIANCE_STAFF) || isLeader };
  }

  /** Leaders change the logs they made; the alliance's staff change any. */
  mayChangeLog(user: CurrentUser, context: DeliveryAgreement, log: repository.DeliveryLogRow): boolean {
    return context.canManage && (hasAnyRole(user, ALLIANCE_STAFF) || log.loggedByUserId === user.id);
  }

  async planVisit(
    actor: CurrentUser,
    context: DeliveryAgreement & { signed: SignedVersion },
    input: PlannedVisitInput,
  ): Promise<Outcome<number>> {
    const problems: FieldProblem[] = [];
    const { startDate, endDate } = context.signed.terms;
    if (input.date < startDate || input.date > endDate) {
      problems.push({
        field: 'date',
        message: `The date of the visit must be between ${formatLongDate(startDate)} and ${formatLongDate(endDate)}, the agreement’s start and end dates`,
      });
    }
    const attendee = this.attendeeProblem(context.signed, input.pairingId, 'Select who attends the visit');
    if (attendee) problems.push(attendee);
    if (problems.length > 0) return { ok: false, problems };
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const id = await repository.insertPlannedVisit(tx, {
        allianceId: context.agreement.agreement.allianceId,
        agreementId: context.agreement.agreement.id,
        ...input,
        createdAt: now,
        createdByUserId: actor.id,
      });
      await this.audit(tx, actor, context, 'visit-planned', {
        after: visitAuditFields(context.signed, { id, ...input }),
      });
      return { ok: true, value: id };
    });
  }

  async removeVisit(
    actor: CurrentUser,
    context: DeliveryAgreement & { signed: SignedVersion },
    visitId: number,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const visit = await repository.findPlannedVisit(tx, context.agreement.agreement.id, visitId);
      if (!visit) return false;
      await repository.deletePlannedVisit(tx, visitId);
      await this.audit(tx, actor, context, 'visit-removed', { before: visitAuditFields(context.signed, visit) });
      return true;
    });
  }

  async logDelivery(
    actor: CurrentUser,
    context: DeliveryAgreement & { signed: SignedVersion },
    input: LogInput,
  ): Promise<Outcome<number>> {
    const problems = this.logProblems(context.signed, input);
    if (problems.length > 0) return { ok: false, problems };
    const now = this.clock.now();
    const { progress, ...fields } = input;
    return this.db.transaction(async (tx) => {
      const id = await repository.insertDeliveryLog(
        tx,
        {
          allianceId: context.agreement.agreement.allianceId,
          agreementId: context.agreement.agreement.id,
          ...fields,
          loggedAt: now,
          loggedByUserId: actor.id,
        },
        progress,
      );
      await this.audit(tx, actor, context, 'delivery-logged', { after: logAuditFields(context.signed, id, input) });
      return { ok: true, value: id };
    });
  }

  async changeLog(
    actor: CurrentUser,
    context: DeliveryAgreement & { signed: SignedVersion },
    log: repository.DeliveryLogWithProgress,
    input: LogInput,
  ): Promise<Outcome> {
    const problems = this.logProblems(context.signed, input);
    if (problems.length > 0) return { ok: false, problems };
    const now = this.clock.now();
    const { progress, ...fields } = input;
    return this.db.transaction(async (tx) => {
      await repository.updateDeliveryLog(
        tx,
        log.id,
        { ...fields, changedAt: now, changedByUserId: actor.id },
        progress,
      );
      const before = logAuditFields(context.signed, log.id, log);
      const after = logAuditFields(context.signed, log.id, input);
      const changed = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
      const pick = (values: AuditFields) =>
        Object.fromEntries(['log', ...changed].map((key) => [key, values[key] ?? null]));
      await this.audit(tx, actor, context, 'delivery-changed', { before: pick(before), after: pick(after) });
      return { ok: true, value: undefined };
    });
  }

  async deleteLog(
    actor: CurrentUser,
    context: DeliveryAgreement & { signed: SignedVersion },
    log: repository.DeliveryLogWithProgress,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await repository.deleteDeliveryLog(tx, log.id);
      await this.audit(tx, actor, context, 'delivery-deleted', { before: logAuditFields(context.signed, log.id, log) });
    });
  }

  /**
   * What is wrong with a delivery log's date for this agreement, if anything: checked with the form's
   * other problems, so a person hears of every problem at once rather than in two rounds.
   */
  logDateProblem(signed: SignedVersion, date: CalendarDate): FieldProblem | undefined {
    if (date > this.today())
      return { field: 'date', message: 'The date of the visit or session must be today or in the past' };
    if (date < signed.terms.startDate)
      return {
        field: 'date',
        message: `The date of the visit or session must be on or after ${formatLongDate(signed.terms.startDate)}, when the agreement started`,
      };
    return undefined;
  }

  private logProblems(signed: SignedVersion, input: LogInput): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const dateProblem = this.logDateProblem(signed, input.date);
    if (dateProblem) problems.push(dateProblem);
    const attendee = this.attendeeProblem(signed, input.pairingId, 'Select who delivered the support');
    if (attendee) problems.push(attendee);
    if (input.progress.some((item) => !signed.objectives.some((objective) => objective.id === item.objectiveId))) {
      problems.push({
        field: 'notes',
        message: 'The agreement’s objectives have changed since you opened this page. Check your answers and try again',
      });
    }
    return problems;
  }

  /** A pairing named must be one of the signed version's (so a deployment, with none, takes only its leader). */
  private attendeeProblem(signed: SignedVersion, pairingId: number | null, message: string): FieldProblem | undefined {
    return pairingId === null || signed.pairings.some((pairing) => pairing.id === pairingId)
      ? undefined
      : { field: 'attendee', message };
  }

  private async audit(
    tx: Executor,
    actor: CurrentUser,
    context: DeliveryAgreement,
    action: string,
    change: { before?: AuditFields; after?: AuditFields },
  ): Promise<void> {
    // The agreement's alliance, not a look-up: this runs inside the caller's transaction.
    await recordAudit(tx, {
      allianceId: context.agreement.agreement.allianceId,
      actorUserId: actor.id,
      entityType: DELIVERY_ENTITY,
      entityId: context.agreement.agreement.id,
      action,
      ...change,
      at: this.clock.now(),
    });
  }
}
