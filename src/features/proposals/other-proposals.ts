import type { Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import type { LeaderService } from '../leaders/leaders.service.ts';
import { proposalNoLongerNeededEmail } from './proposals.emails.ts';
import { withdrawOtherProposals } from './proposals.repository.ts';

/**
 * When a match is agreed, in its transaction: every other proposal still standing is withdrawn (its
 * link stops working), each of those leaders is told the support is no longer needed, and the
 * closing is one event on the enquiry's record.
 */
export async function closeOtherProposals(
  tx: Executor,
  services: { leaders: LeaderService; outbox: Outbox },
  agreed: {
    alliance: Alliance;
    enquiry: { id: number; reference: string; school: { name: string } };
    agreedProposalId: number;
    actor: CurrentUser;
    at: Date;
  },
): Promise<void> {
  const { alliance, enquiry } = agreed;
  const closed = await withdrawOtherProposals(tx, enquiry.id, agreed.agreedProposalId, agreed.at);
  if (closed.length === 0) return;
  const leaderIds = closed.map((proposal) => proposal.leaderId);
  for (const leader of await services.leaders.findRecords(alliance.id, leaderIds, tx))
    await services.outbox.queue(tx, proposalNoLongerNeededEmail(alliance, { leader, enquiry }));
  await recordAudit(tx, {
    allianceId: alliance.id,
    actorUserId: agreed.actor.id,
    entityType: 'enquiry',
    entityId: enquiry.id,
    action: 'proposals-closed',
    after: { proposals: closed.map((proposal) => String(proposal.id)), reason: 'another leader was agreed' },
    at: agreed.at,
  });
}
