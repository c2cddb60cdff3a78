import type { Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';

/** Deactivation and reactivation, in the account's audit trail. */
export function recordStatusChange(
  tx: Executor,
  change: { allianceId: number; actor: CurrentUser; userId: number; at: Date; active: boolean },
) {
  const [was, is] = change.active ? ['Deactivated', 'Active'] : ['Active', 'Deactivated'];
  return recordAudit(tx, {
    allianceId: change.allianceId,
    actorUserId: change.actor.id,
    entityType: 'user',
    entityId: change.userId,
    action: change.active ? 'reactivated' : 'deactivated',
    before: { status: was },
    after: { status: is },
    at: change.at,
  });
}
