import type { Executor } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { formatDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { changeDesignationState } from '../leaders/designation-state.service.ts';
import { loadLeader } from '../leaders/leaders.service.ts';
import { ACTIVE_DESIGNATION_STATUSES } from '../leaders/leaders.model.ts';
import { movedSchoolReviewDueOn, REASON_LABELS } from './designation-review-rules.ts';
import { REVIEW_AUDIT_ENTITY } from './designation-reviews.model.ts';
import { insertReview } from './designation-reviews.repository.ts';

/**
 * When a leader's home school changes, in that change's transaction: each designation they hold in
 * force gets a 'moved-school' review due 18 months after the move (unless one is open already), and
 * is under review meanwhile, still listed and proposable. The review's page asks the new school's
 * head and chair for release consent. Answers the reviews opened.
 */
export async function openMovedSchoolReviews(
  tx: Executor,
  move: { allianceId: number; leaderId: number; movedOn: CalendarDate; actorUserId: number; at: Date },
): Promise<number[]> {
  const leader = await loadLeader(tx, move.allianceId, move.leaderId);
  const opened: number[] = [];
  for (const designation of leader?.designations ?? []) {
    if (!ACTIVE_DESIGNATION_STATUSES.includes(designation.status)) continue;
    const dueOn = movedSchoolReviewDueOn(move.movedOn);
    const note = `Moved to ${leader!.homeSchool.name} on ${formatDate(move.movedOn)}`;
    const id = await insertReview(tx, {
      designationId: designation.id,
      reason: 'moved-school',
      reasonNote: note,
      openedOn: move.movedOn,
      dueOn,
      openedByUserId: move.actorUserId,
      createdAt: move.at,
    });
    if (id === undefined) continue;
    await changeDesignationState(tx, {
      allianceId: move.allianceId,
      designationId: designation.id,
      status: 'under-review',
      action: 'review-opened',
      actorUserId: move.actorUserId,
      at: move.at,
    });
    await recordAudit(tx, {
      allianceId: move.allianceId,
      actorUserId: move.actorUserId,
      entityType: REVIEW_AUDIT_ENTITY,
      entityId: id,
      action: 'opened',
      after: { reason: REASON_LABELS['moved-school'], reasonNote: note, dueOn: formatDate(dueOn) },
      at: move.at,
    });
    opened.push(id);
  }
  return opened;
}
