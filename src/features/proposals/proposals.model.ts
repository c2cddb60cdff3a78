/** The words of the proposals capability, as values: the tables, the forms and the pages share them. */
import type { EnquiryStatus } from '../enquiries/enquiry-status.ts';

export const PROPOSAL_STATUSES = ['proposed', 'accepted', 'declined', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A proposal still standing: waiting for the leader's answer, or accepted and waiting for the match to be agreed. */
export const OPEN_PROPOSAL_STATUSES: readonly ProposalStatus[] = ['proposed', 'accepted'];

export function isOpenProposal(proposal: { status: ProposalStatus }): boolean {
  return OPEN_PROPOSAL_STATUSES.includes(proposal.status);
}

/** The moves an enquiry makes when leaders are proposed, from each status (or why it cannot). */
export const STAGE_FOR_PROPOSING: Record<EnquiryStatus, EnquiryStatus[] | 'refused'> = {
  new: 'refused',
  contacted: ['matching', 'proposed'],
  matching: ['proposed'],
  proposed: [],
  agreed: 'refused',
  'declined-by-school': 'refused',
  withdrawn: 'refused',
  'closed-no-match': 'refused',
};
