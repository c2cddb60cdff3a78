import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import { countMemberPart, deleteMember } from './panel-members.repository.ts';
import type { Outcome, PanelMember, PanelService, PanelView } from './panels.service.ts';

/** A member a coordinator asks to remove, with why they may not be, if they may not. */
export type MemberRemoval = { member: PanelMember; refusal: string | undefined };

const applicationsWord = (count: number) => (count === 1 ? '1 application' : `${count} applications`);

/**
 * Whether a member may leave a panel. Before they have scored, they may (someone cannot come, or was
 * added by mistake). Once they have scored, their scores are part of how the panel assessed the
 * applicant, so they stay; and once the panel has decided, who sat on it is the record an appeal is
 * checked against (no one who decided may hear the appeal), so no one leaves it.
 */
export function removalRefusal(member: PanelMember, part: { scored: number; decisions: number }): string | undefined {
  if (part.scored > 0)
    return (
      `${member.name} cannot be removed: they have scored ${applicationsWord(part.scored)} on this panel, ` +
      'and their scores are part of how the panel assessed the applicants'
    );
  if (part.decisions > 0)
    return (
      `${member.name} cannot be removed: this panel has recorded its decisions, and who sat on it decides ` +
      'who may not hear an appeal against them'
    );
  return undefined;
}

/** Coordinators taking a member off a panel, with a confirmation first and the removal on the panel's trail. */
export class PanelMemberService {
  constructor(
    private readonly db: Database,
    private readonly panels: PanelService,
  ) {}

  /** The member and whether they may be removed; undefined when they do not sit on it or the person does not run panels. */
  async removal(view: PanelView, userId: number): Promise<MemberRemoval | undefined> {
    const member = view.viewer.manages ? view.members.find((candidate) => candidate.userId === userId) : undefined;
    if (!member) return undefined;
    return { member, refusal: removalRefusal(member, await countMemberPart(this.db, view.panel.id, userId)) };
  }

  /** Removes the member (and the chair, if they held it); undefined when there is no such member to remove. */
  async remove(actor: CurrentUser, view: PanelView, userId: number): Promise<Outcome | undefined> {
    const member = view.viewer.manages ? view.members.find((candidate) => candidate.userId === userId) : undefined;
    if (!member) return undefined;
    return this.db.transaction(async (tx): Promise<Outcome | undefined> => {
      // Counted again in the transaction: a score saved since the confirmation page still refuses.
      const refusal = removalRefusal(member, await countMemberPart(tx, view.panel.id, userId));
      if (refusal) return { ok: false, problems: [{ field: 'remove', message: refusal }] };
      if (!(await deleteMember(tx, view.panel.id, userId))) return undefined;
      // A chair who leaves takes the chair with them: the trail says so.
      if (member.chair)
        await this.panels.audit(
          tx,
          actor,
          view.panel.id,
          'member-removed',
          { member: member.name, chair: null },
          {
            chair: member.name,
          },
        );
      else await this.panels.audit(tx, actor, view.panel.id, 'member-removed', { member: member.name });
      return { ok: true, value: undefined };
    });
  }
}
