import type { Database, Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { auditTrailFor, changedFields, recordAudit, type AuditTrailRow } from '../../platform/audit/audit.service.ts';
import {
  findSpecialism,
  findSpecialismNamed,
  insertSpecialism,
  listSpecialisms,
  updateSpecialism,
  type SpecialismRow,
} from './specialisms.repository.ts';
import type { SpecialismService } from './specialisms.service.ts';

export const SPECIALISM_LABELS: Record<string, string> = { name: 'Name', groupName: 'Group', retired: 'Retired' };
const SPECIALISM_ACTIONS: Record<string, string> = {
  created: 'Added',
  changed: 'Changed',
  retired: 'Retired',
  unretired: 'Brought back',
};

export type SpecialismDetails = { name: string; groupName: string };
type Outcome<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/**
 * What else must change, in the same transaction, when a specialism is renamed: the public directory
 * searches leaders by their specialisms' names (the leaders capability keeps it, and is told here).
 */
export type OnSpecialismRenamed = (tx: Executor, specialismId: number) => Promise<void>;

const nameTaken = (name: string): FieldProblem => ({
  field: 'name',
  message: `There is already a specialism called ‘${name}’`,
});

/**
 * The alliance's editable list of specialisms. Specialisms are retired, never deleted: enquiries
 * and leaders keep pointing at them, and a retired one can come back.
 */
export class SpecialismAdminService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly list: SpecialismService,
    private readonly clock: Clock,
    private readonly onRenamed: OnSpecialismRenamed,
  ) {}

  async all(): Promise<SpecialismRow[]> {
    return listSpecialisms(this.db, (await this.alliances.current()).id, { includeRetired: true });
  }

  async find(id: number): Promise<SpecialismRow | undefined> {
    return findSpecialism(this.db, (await this.alliances.current()).id, id);
  }

  /** The specialism's audit trail, for those who may read it. */
  async trail(user: CurrentUser, id: number): Promise<AuditTrailRow[] | undefined> {
    const alliance = await this.alliances.current();
    return auditTrailFor(this.db, user, {
      allianceId: alliance.id,
      entityType: 'specialism',
      entityId: id,
      labels: SPECIALISM_LABELS,
      actions: SPECIALISM_ACTIONS,
    });
  }

  async add(actor: CurrentUser, details: SpecialismDetails): Promise<Outcome<number>> {
    const alliance = await this.alliances.current();
    if (await findSpecialismNamed(this.db, alliance.id, details.name))
      return { ok: false, problems: [nameTaken(details.name)] };
    const id = await this.db.transaction(async (tx) => {
      const row = await insertSpecialism(tx, { allianceId: alliance.id, ...details });
      if (!row) return undefined;
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'specialism',
        entityId: row.id,
        action: 'created',
        after: { ...details, retired: false },
        at: this.clock.now(),
      });
      return row.id;
    });
    this.list.forget();
    return id === undefined ? { ok: false, problems: [nameTaken(details.name)] } : { ok: true, value: id };
  }

  async change(actor: CurrentUser, id: number, details: SpecialismDetails): Promise<Outcome<boolean>> {
    const alliance = await this.alliances.current();
    const specialism = await findSpecialism(this.db, alliance.id, id);
    if (!specialism) return { ok: false, problems: [{ field: 'name', message: 'There is no such specialism' }] };
    if (await findSpecialismNamed(this.db, alliance.id, details.name, id))
      return { ok: false, problems: [nameTaken(details.name)] };
    const changes = changedFields({ name: specialism.name, groupName: specialism.groupName }, details);
    if (!changes) return { ok: true, value: false };
    await this.db.transaction(async (tx) => {
      await updateSpecialism(tx, id, details);
      await this.onRenamed(tx, id);
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'specialism',
        entityId: id,
        action: 'changed',
        ...changes,
        at: this.clock.now(),
      });
    });
    this.list.forget();
    return { ok: true, value: true };
  }

  async setRetired(actor: CurrentUser, id: number, retired: boolean): Promise<SpecialismRow | undefined> {
    const alliance = await this.alliances.current();
    const specialism = await findSpecialism(this.db, alliance.id, id);
    if (!specialism || specialism.retired === retired) return specialism;
    await this.db.transaction(async (tx) => {
      await updateSpecialism(tx, id, { retired });
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'specialism',
        entityId: id,
        action: retired ? 'retired' : 'unretired',
        before: { retired: !retired },
        after: { retired },
        at: this.clock.now(),
      });
    });
    this.list.forget();
    return { ...specialism, retired };
  }
}
