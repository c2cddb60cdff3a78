import type { FieldProblem } from '../../platform/forms.ts';
import { STATUS_LABELS } from '../enquiries/enquiry-status.ts';
import type { MatchResult } from '../matching/matching.service.ts';
import { isOpenProposal, STAGE_FOR_PROPOSING, type ProposalStatus } from './proposals.model.ts';

/**
 * Why the leaders chosen cannot be proposed for this enquiry, if they cannot: one from the school
 * itself or its trust (excluded by matching), one already asked, one with no designation in force
 * for this kind of support, or an enquiry not at a stage where leaders are asked.
 */
export function whyNotProposable(
  match: Pick<MatchResult, 'enquiry' | 'ranked' | 'excluded'>,
  existing: ReadonlyArray<{ status: ProposalStatus; leader: { id: number; name: string } }>,
  leaderIds: readonly number[],
): FieldProblem[] {
  const problem = (message: string): FieldProblem => ({ field: 'leaderIds', message });
  const problems: FieldProblem[] = [];
  for (const leaderId of leaderIds) {
    const excluded = match.excluded.find((leader) => leader.leaderId === leaderId);
    const open = existing.find((proposal) => proposal.leader.id === leaderId && isOpenProposal(proposal));
    if (excluded) problems.push(problem(`${excluded.name} cannot be proposed. ${excluded.reason}`));
    else if (open) problems.push(problem(`${open.leader.name} has already been proposed for this enquiry`));
    else if (!match.ranked.some((leader) => leader.leaderId === leaderId))
      problems.push(
        problem('A leader you selected cannot give this kind of support: they hold no designation in force for it'),
      );
  }
  const status = match.enquiry.status;
  if (STAGE_FOR_PROPOSING[status] === 'refused')
    problems.push(
      problem(
        `Leaders cannot be proposed while the enquiry is ${STATUS_LABELS[status].toLowerCase()}: ${status === 'new' ? 'record the first contact with the school first' : 'reopen it first'}`,
      ),
    );
  return problems;
}
