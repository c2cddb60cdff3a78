import type { Database, Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import {
  auditTrailFor,
  changedFields,
  recordAudit,
  type AuditFields,
  type AuditTrailRow,
} from '../../platform/audit/audit.service.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import { DESIGNATION_TYPES, type DesignationType } from '../leaders/leaders.model.ts';
import {
  appendCriteria,
  criterionAnswered,
  criterionTitleTaken,
  deleteCriterion,
  findCriterion,
  findRules,
  insertDefaultRules,
  listCriteria,
  updateCriterion,
  updateRules,
} from './designation.repository.ts';
import {
  DEFAULT_CRITERIA,
  RULE_LABELS,
  type Criterion,
  type CriterionDetails,
  type DesignationRules,
} from './designation.model.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const ACTIONS: Record<string, string> = {
  'rules-changed': 'Designation rules changed',
  'criterion-added': 'Criterion added',
  'criterion-changed': 'Criterion changed',
  'criterion-removed': 'Criterion removed',
};

const AUDITED = 'designation-rules';
const titleTaken = (title: string): FieldProblem => ({
  field: 'title',
  message: `There is already a criterion called ‘${title}’ for this designation`,
});

/**
 * The alliance's designation rules and criteria: the figures applications are checked against, and
 * the criteria applicants write to and panels score. Both begin as national guidance set them (made
 * the first time they are read) and are the alliance's to change; every change is on one audit trail.
 */
export class DesignationRulesService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
  ) {}

  async rules(): Promise<DesignationRules> {
    const alliance = await this.alliances.current();
    return (await findRules(this.db, alliance.id)) ?? this.madeWithDefaults(alliance.id);
  }

  /** Each type's criteria, in order. */
  async criteria(): Promise<Record<DesignationType, Criterion[]>> {
    const alliance = await this.alliances.current();
    await this.rules();
    const rows = await listCriteria(this.db, alliance.id);
    const ofType = (type: DesignationType) => rows.filter((row) => row.designationType === type);
    return { sle: ofType('sle'), lle: ofType('lle'), nle: ofType('nle') };
  }

  async criterion(id: number): Promise<Criterion | undefined> {
    return findCriterion(this.db, (await this.alliances.current()).id, id);
  }

  async changeRules(actor: CurrentUser, rules: DesignationRules): Promise<boolean> {
    const alliance = await this.alliances.current();
    const changes = changedFields(await this.rules(), rules);
    if (!changes) return false;
    await this.db.transaction(async (tx) => {
      const at = this.clock.now();
      await updateRules(tx, alliance.id, rules, at);
      await this.audit(tx, actor, 'rules-changed', changes);
    });
    return true;
  }

  async addCriterion(actor: CurrentUser, type: DesignationType, details: CriterionDetails): Promise<Outcome<number>> {
    const alliance = await this.alliances.current();
    await this.rules();
    if (await criterionTitleTaken(this.db, alliance.id, type, details.title))
      return { ok: false, problems: [titleTaken(details.title)] };
    const id = await this.db.transaction(async (tx) => {
      const [added] = await appendCriteria(tx, alliance.id, type, [details]);
      if (added !== undefined) await this.audit(tx, actor, 'criterion-added', { after: { type, ...details } });
      return added;
    });
    return id === undefined ? { ok: false, problems: [titleTaken(details.title)] } : { ok: true, value: id };
  }

  async changeCriterion(
    actor: CurrentUser,
    criterion: Criterion,
    details: CriterionDetails,
  ): Promise<Outcome<boolean>> {
    const alliance = await this.alliances.current();
    if (await criterionTitleTaken(this.db, alliance.id, criterion.designationType, details.title, criterion.id))
      return { ok: false, problems: [titleTaken(details.title)] };
    const changes = changedFields({ title: criterion.title, description: criterion.description }, details);
    if (!changes) return { ok: true, value: false };
    await this.db.transaction(async (tx) => {
      await updateCriterion(tx, criterion.id, details);
      await this.audit(tx, actor, 'criterion-changed', changes);
    });
    return { ok: true, value: true };
  }

  /** Removes a criterion; a type keeps at least one, or there would be nothing to apply or score against. */
  async removeCriterion(actor: CurrentUser, criterion: Criterion): Promise<Outcome<void>> {
    const sameType = (await this.criteria())[criterion.designationType];
    if (sameType.length <= 1)
      return { ok: false, problems: [{ field: 'remove', message: 'A designation needs at least one criterion' }] };
    if (await criterionAnswered(this.db, criterion.id))
      return {
        ok: false,
        problems: [
          {
            field: 'remove',
            message:
              'Applicants have written evidence against this criterion, so it is kept. You can change its wording',
          },
        ],
      };
    await this.db.transaction(async (tx) => {
      await deleteCriterion(tx, criterion.id);
      await this.audit(tx, actor, 'criterion-removed', {
        before: { type: criterion.designationType, title: criterion.title, description: criterion.description },
      });
    });
    return { ok: true, value: undefined };
  }

  async trail(user: CurrentUser): Promise<AuditTrailRow[] | undefined> {
    const alliance = await this.alliances.current();
    return auditTrailFor(this.db, user, {
      allianceId: alliance.id,
      entityType: AUDITED,
      entityId: alliance.id,
      labels: { ...RULE_LABELS, type: 'Designation', title: 'Title', description: 'Description' },
      actions: ACTIONS,
    });
  }

  private async madeWithDefaults(allianceId: number): Promise<DesignationRules> {
    await this.db.transaction(async (tx) => {
      if (!(await insertDefaultRules(tx, allianceId))) return;
      for (const type of DESIGNATION_TYPES) await appendCriteria(tx, allianceId, type, DEFAULT_CRITERIA[type]);
    });
    const rules = await findRules(this.db, allianceId);
    if (!rules) throw new Error('The designation rules were not made');
    return rules;
  }

  private async audit(
    tx: Executor,
    actor: CurrentUser,
    action: string,
    changes: { before?: AuditFields; after?: AuditFields },
  ): Promise<void> {
    const alliance = await this.alliances.currentIn(tx);
    await recordAudit(tx, {
      allianceId: alliance.id,
      actorUserId: actor.id,
      entityType: AUDITED,
      entityId: alliance.id,
      action,
      ...changes,
      at: this.clock.now(),
    });
  }
}
