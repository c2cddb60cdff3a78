import type { ConflictReason } from './applications.model.ts';

/** A school as the conflict rule sees it: its URN and, when it has one, its trust. */
export type SchoolTie = { urn: number; trustReference: string | null; trustName: string | null };

export type ConflictFacts = {
  /** The member's school, from their account (null when the account has none). */
  member: SchoolTie | null;
  /** The applicant's school (null only for an application sent without one, which cannot happen). */
  applicant: SchoolTie | null;
  /** A conflict the member declared with this applicant, with their reason. */
  declared: { reason: string } | undefined;
};

export type Conflict = { reason: ConflictReason; explanation: string };

/**
 * Whether a panel member may not score an applicant, and why. National guidance: a member from the
 * applicant's school or trust does not score them. The school is checked before the trust (a member of
 * the same school is in the same trust too, and "same school" says more), and both before a declared
 * conflict, which the member may have declared without knowing the rest.
 */
export function conflictOf(facts: ConflictFacts): Conflict | undefined {
  const { member, applicant } = facts;
  if (member && applicant && member.urn === applicant.urn)
    return { reason: 'same-school', explanation: 'You work at the applicant’s school' };
  if (member?.trustReference && applicant?.trustReference && member.trustReference === applicant.trustReference)
    return {
      reason: 'same-trust',
      explanation: `Your school is in the applicant’s trust (${applicant.trustName ?? applicant.trustReference})`,
    };
  if (facts.declared) return { reason: 'declared', explanation: `You declared a conflict: ${facts.declared.reason}` };
  return undefined;
}

/**
 * For a panel hearing appeals: the members who sat on a panel whose decision it hears. An appeal is
 * heard by a different panel, so none of them may sit on it.
 */
export function membersWhoDecided(appealPanelMemberIds: number[], decidingPanelMemberIds: number[]): number[] {
  const decided = new Set(decidingPanelMemberIds);
  return appealPanelMemberIds.filter((id) => decided.has(id));
}
