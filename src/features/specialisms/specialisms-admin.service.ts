import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { AllianceService } from '../alliance/alliance.service.ts';
import { changedFields, recordAudit } from '../audit/audit.service.ts';
import { refreshDirectoryEntriesHolding } from '../leaders/leaders.repository.ts';
import { findSpecialism, findSpecialismNamed, insertSpecialism, listSpecialisms, updateSpecialism, type SpecialismRow } from './specialisms.repository.ts';

export const SPECIALISM_LABELS: Record<string, string> = { name: 'Name', groupName: 'Group', retired: 'Retired' };

export type SpecialismDetails = { name: string; groupName: string };
type Outcome<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const nameTaken = (name: string): FieldProblem => ({ field: 'name', message: `There is already a specialism called ‘${name}’` });

/**
 * The alliance's editable list of specialisms. Specialisms are retired, never deleted: enquiries
 * and leaders keep pointing at them, and a retired one can come back.
 */
export class SpecialismAdminService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<SpecialismRow[]> {
    return listSpecialisms(this.db, (await this.alliances.current()).id, { includeRetired: true });
  }

  async find(id: number): Promise<SpecialismRow | undefined> {
    return findSpecialism(this.db, (await this.alliances.current()).id, id);
  }

  async add(actor: CurrentUser, details: SpecialismDetails): Promise<Outcome<number>> {
    const alliance = await this.alliances.current();
    if (await findSpecialismNamed(this.db, alliance.id, details.name)) return { ok: false, problems: [nameTaken(details.name)] };
    const id = await this.db.transaction(async (tx) => {
      const row = await insertSpecialism(tx, { allianceId: alliance.id, ...details });
      if (!row) return undefined;
      await recordAudit(tx, { allianceId: alliance.id, actorUserId: actor.id, entityType: 'specialism', entityId: row.id, action: 'created', after: { ...details, retired: false }, at: this.clock.now() });
      return row.id;
    });
    this.alliances.forget();
    return id === undefined ? { ok: false, problems: [nameTaken(details.name)] } : { ok: true, value: id };
  }

  async change(actor: CurrentUser, id: number, details: SpecialismDetails): Promise<Outcome<boolean>> {
    const alliance = await this.alliances.current();
    const specialism = await findSpecialism(this.db, alliance.id, id);
    if (!specialism) return { ok: false, problems: [{ field: 'name', message: 'There is no such specialism' }] };
    if (await findSpecialismNamed(this.db, alliance.id, details.name, id)) return { ok: false, problems: [nameTaken(details.name)] };
    const changes = changedFields({ name: specialism.name, groupName: specialism.groupName }, details);
    if (!changes) return { ok: true, value: false };
    await this.db.transaction(async (tx) => {
      await updateSpecialism(tx, id, details);
      // The directory searches leaders by their specialisms' names: a new name must find them.
      await refreshDirectoryEntriesHolding(tx, id);
      await recordAudit(tx, { allianceId: alliance.id, actorUserId: actor.id, entityType: 'specialism', entityId: id, action: 'changed', ...changes, at: this.clock.now() });
    });
    this.alliances.forget();
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
    this.alliances.forget();
    return { ...specialism, retired };
  }
}
