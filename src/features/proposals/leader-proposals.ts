import type { Executor } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { withdrawOpenProposalsOfLeader } from './proposals.repository.ts';

/**
 * When a leader no longer holds a designation in force (de-designated, or resigned), in that change's
 * transaction: every proposal of theirs still standing is withdrawn, as a coordinator would, so no
 * link of theirs can still accept and no match with them can be agreed. Each on its enquiry's record.
 * Returns how many were withdrawn.
 */
export async function withdrawProposalsOfLeader(
  tx: Executor,
  change: { allianceId: number; leaderId: number; actorUserId: number | null; at: Date; reason: string },
): Promise<number> {
  const withdrawn = await withdrawOpenProposalsOfLeader(tx, {
    allianceId: change.allianceId,
    leaderId: change.leaderId,
    at: change.at,
    note: change.reason,
  });
  for (const proposal of withdrawn)
    await recordAudit(tx, {
      allianceId: change.allianceId,
      actorUserId: change.actorUserId,
      entityType: 'enquiry',
      entityId: proposal.enquiryId,
      action: 'proposal-withdrawn',
      after: { proposal: proposal.id, reason: change.reason },
      at: change.at,
    });
  return withdrawn.length;
}
