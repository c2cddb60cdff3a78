import type { Executor } from '../../db/database.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { auditLeaderChange } from './leader-audit.ts';
import { findAllianceDesignation, setDesignationState } from './designation-state.repository.ts';
import { refreshDirectoryEntries, type DesignationRow } from './leaders.repository.ts';
import { loadLeader } from './leaders.service.ts';
import type { DesignationStatus } from './leaders.model.ts';

export type { DesignationRow };

/** What a review does to a designation, as the leader's trail names it (leader-audit.ts LEADER_ACTIONS). */
export type DesignationStateAction = 'review-opened' | 'redesignated' | 'de-designated' | 'resigned' | 'appeal-upheld';

/**
 * What a change of a leader's home school sets off, in its transaction: designation opens the
 * 18-month review (a hook passed to LeaderAdminService: designation is a higher layer).
 */
export type HomeSchoolChanged = (
  tx: Executor,
  move: { allianceId: number; leaderId: number; movedOn: CalendarDate; actorUserId: number; at: Date },
) => Promise<unknown>;

/** The designation, if one of the alliance's leaders holds it. */
export function findDesignation(
  db: Executor,
  allianceId: number,
  designationId: number,
): Promise<DesignationRow | undefined> {
  return findAllianceDesignation(db, allianceId, designationId);
}

/**
 * Changes a designation's status (and review date) in the caller's transaction, as a review does:
 * the leader's directory entry is rewritten in the same transaction, so the directory and matching
 * follow at once (a withdrawn designation takes the leader out of both when it was their last in
 * force), and the change is on the leader's trail. False when the designation is not the alliance's.
 */
export async function changeDesignationState(
  tx: Executor,
  change: {
    allianceId: number;
    designationId: number;
    status: DesignationStatus;
    reviewDate?: CalendarDate;
    action: DesignationStateAction;
    actorUserId: number | null;
    at: Date;
  },
): Promise<boolean> {
  const designation = await findAllianceDesignation(tx, change.allianceId, change.designationId);
  if (!designation) return false;
  const before = await loadLeader(tx, change.allianceId, designation.leaderId);
  await setDesignationState(tx, designation.id, { status: change.status, reviewDate: change.reviewDate });
  await refreshDirectoryEntries(tx, [designation.leaderId]);
  await auditLeaderChange(tx, {
    allianceId: change.allianceId,
    actorUserId: change.actorUserId,
    leaderId: designation.leaderId,
    action: change.action,
    before,
    at: change.at,
  });
  return true;
}
