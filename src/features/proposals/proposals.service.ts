import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import { addDays } from '../../platform/calendar/calendar-date.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../platform/identity/secret-tokens.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import type { SpecialismService } from '../specialisms/specialisms.service.ts';
import { createAgreementIn } from '../agreements/agreements.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { moveEnquiry } from '../enquiries/enquiry-lifecycle.service.ts';
import { isOpen } from '../enquiries/enquiry-status.ts';
import type { LeaderService } from '../leaders/leaders.service.ts';
import { DESIGNATION_ABBREVIATIONS } from '../leaders/leaders.schema.ts';
import type { MatchingService } from '../matching/matching.service.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import { answerEmail, proposalEmail, proposedToSchoolEmail } from './proposals.emails.ts';
import { closeOtherProposals } from './other-proposals.ts';
import { STAGE_FOR_PROPOSING } from './proposals.model.ts';
import { whyNotProposable } from './proposable.ts';
import {
  closeProposal,
  findProposal,
  findProposalByLinkHash,
  findProposalView,
  listProposalsForEnquiry,
  listProposalsForLeader,
  upsertProposal,
  type ProposalView,
} from './proposals.repository.ts';

/** A reason an agreement could not be made, thrown to roll back the transaction and reported as-is. */
class AgreeRefused extends Error {}

/** How long a leader has to answer from the emailed link; after that they sign in, or are asked again. */
export const LINK_DAYS = 14;

export type { ProposalView };

export type ProposeOutcome = { ok: true; proposalIds: number[] } | { ok: false; problems: FieldProblem[] };
export type AnswerOutcome =
  { ok: true; proposal: ProposalView } | { ok: false; reason: 'not-found' | 'expired' | 'answered' };

export class ProposalService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly specialisms: SpecialismService,
    private readonly matching: MatchingService,
    readonly leaders: LeaderService,
    readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly baseUrl: string,
  ) {}

  async forEnquiry(enquiryId: number): Promise<ProposalView[]> {
    return listProposalsForEnquiry(this.db, (await this.alliances.current()).id, enquiryId);
  }

  async forLeader(leaderId: number): Promise<ProposalView[]> {
    return listProposalsForLeader(this.db, (await this.alliances.current()).id, leaderId);
  }

  /**
   * Puts leaders forward for an enquiry: each proposal keeps the ranking's reasons at the time, the
   * leader is emailed a link to answer, and the school is told who was asked. A leader from the
   * school itself or its trust, or without a designation in force, cannot be proposed.
   */
  async propose(
    actor: CurrentUser,
    enquiryId: number,
    leaderIds: number[],
    message: string | null,
  ): Promise<ProposeOutcome> {
    if (leaderIds.length === 0)
      return { ok: false, problems: [{ field: 'leaderIds', message: 'Select at least one leader to propose' }] };
    const alliance = await this.alliances.current();
    const match = await this.matching.rankForEnquiry(enquiryId, { limit: leaderIds.length, onlyLeaderIds: leaderIds });
    if (!match) return { ok: false, problems: [{ field: 'leaderIds', message: 'There is no such enquiry' }] };
    const ranked = new Map(match.ranked.map((leader) => [leader.leaderId, leader]));
    const existing = await listProposalsForEnquiry(this.db, alliance.id, enquiryId);
    const problems = whyNotProposable(match, existing, leaderIds);
    const stage = STAGE_FOR_PROPOSING[match.enquiry.status];
    if (problems.length > 0) return { ok: false, problems };

    const now = this.clock.now();
    const expiresOn = addDays(londonDate(now), LINK_DAYS);
    const enquiry = match.enquiry;
    const specialismNames = new Map(
      (await this.specialisms.all()).map((specialism) => [specialism.id, specialism.name]),
    );
    const emails = new Map((await this.leaders.findRecords(alliance.id, leaderIds)).map((row) => [row.id, row.email]));
    const ids = await this.db.transaction(async (tx) => {
      // The enquiry moves on with its proposals: from contacted through matching to proposed.
      for (const to of stage === 'refused' ? [] : stage) {
        const moved = await moveEnquiry(tx, { enquiryId, to, actor, at: now });
        if (!moved.ok) throw new Error(`Enquiry ${enquiryId} could not move to ${to}: ${moved.message}`);
      }
      const created: number[] = [];
      for (const leaderId of leaderIds) {
        const leader = ranked.get(leaderId)!;
        const { token, tokenHash } = newSecretToken();
        const id = await upsertProposal(tx, {
          allianceId: alliance.id,
          enquiryId,
          leaderId,
          status: 'proposed',
          proposedBy: actor.id,
          proposedAt: now,
          score: leader.score,
          reasons: leader.reasons.map(({ label, text, points }) => ({ label, text, points })),
          message,
          linkTokenHash: tokenHash,
          linkExpiresAt: new Date(now.getTime() + LINK_DAYS * 86_400_000),
        });
        created.push(id);
        await this.outbox.queue(
          tx,
          proposalEmail(alliance, {
            leader: { name: leader.name, email: emails.get(leaderId)! },
            enquiry: { ...enquiry, school: enquiry.school },
            specialisms: enquiry.specialismIds
              .map((specialismId) => specialismNames.get(specialismId) ?? '')
              .filter(Boolean),
            link: `${this.baseUrl}/proposals/respond?token=${token}`,
            expiresOn,
            message,
          }),
        );
        await recordAudit(tx, {
          allianceId: alliance.id,
          actorUserId: actor.id,
          entityType: 'enquiry',
          entityId: enquiryId,
          action: 'leader-proposed',
          after: { leader: leader.name, score: leader.score },
          at: now,
        });
      }
      await this.outbox.queue(
        tx,
        proposedToSchoolEmail(alliance, {
          enquiry,
          leaders: leaderIds.map((leaderId) => {
            const leader = ranked.get(leaderId)!;
            return {
              name: leader.name,
              description: `${leader.types.map((type) => DESIGNATION_ABBREVIATIONS[type]).join(' and ')}, ${leader.homeSchool.name}`,
            };
          }),
        }),
      );
      return created;
    });
    this.outbox.nudge();
    return { ok: true, proposalIds: ids };
  }

  /** The proposal behind an emailed link, if the link is still good. */
  async findByLink(token: unknown): Promise<AnswerOutcome> {
    if (!looksLikeSecretToken(token)) return { ok: false, reason: 'not-found' };
    const proposal = await findProposalByLinkHash(this.db, hashSecretToken(token));
    if (!proposal) return { ok: false, reason: 'not-found' };
    if (proposal.linkExpiresAt && proposal.linkExpiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    const view = await findProposalView(this.db, proposal.allianceId, proposal.id);
    return view ? { ok: true, proposal: view } : { ok: false, reason: 'not-found' };
  }

  /** A leader's answer from the emailed link: the link works once, and not after it expires. */
  async answerByLink(token: unknown, accepted: boolean, note: string | null): Promise<AnswerOutcome> {
    const found = await this.findByLink(token);
    if (!found.ok) return found;
    return this.answer(found.proposal.id, accepted, note, 'email-link', null);
  }

  /** A signed-in leader's answer to a proposal made to them (and only to them). */
  async answerSignedIn(
    user: CurrentUser,
    proposalId: number,
    accepted: boolean,
    note: string | null,
  ): Promise<AnswerOutcome> {
    const alliance = await this.alliances.current();
    const proposal = await findProposal(this.db, alliance.id, proposalId);
    if (!proposal || user.leaderId === null || proposal.leaderId !== user.leaderId)
      return { ok: false, reason: 'not-found' };
    return this.answer(proposalId, accepted, note, 'signed-in', user.id);
  }

  /**
   * A leader accepted and the school agreed: the enquiry is agreed, and the support agreement
   * between the schools is started (an SLE deployment, or an LLE placement for an LLE or NLE), in
   * one transaction. Returns the agreement to complete and sign.
   */
  async agree(
    actor: CurrentUser,
    enquiryId: number,
    proposalId: number,
  ): Promise<{ ok: true; agreementId: number } | { ok: false; message: string }> {
    const alliance = await this.alliances.current();
    const proposal = await findProposal(this.db, alliance.id, proposalId);
    if (!proposal || proposal.enquiryId !== enquiryId) return { ok: false, message: 'There is no such proposal' };
    if (proposal.status !== 'accepted')
      return { ok: false, message: 'Only a proposal the leader has accepted can be agreed' };
    const [leader] = await this.leaders.findRecords(alliance.id, [proposal.leaderId]);
    const match = await this.matching.rankForEnquiry(enquiryId, { limit: 1, onlyLeaderIds: [proposal.leaderId] });
    // Matching ranks only leaders with a designation in force: one de-designated since cannot be agreed.
    if (!match?.ranked[0])
      return {
        ok: false,
        message: `${leader?.name ?? 'The leader'} no longer holds a designation in force for this support`,
      };
    const types = match.ranked[0].types;
    const kind = types.includes('sle') && match.enquiry.supportType !== 'lle' ? 'sle-deployment' : 'lle-placement';
    const now = this.clock.now();
    try {
      const agreementId = await this.db.transaction(async (tx) => {
        const moved = await moveEnquiry(tx, {
          enquiryId,
          to: 'agreed',
          actor,
          at: now,
          note: `Agreed with ${leader?.name ?? 'the leader'}`,
        });
        if (!moved.ok) throw new AgreeRefused(moved.message);
        const created = await createAgreementIn(
          tx,
          alliance,
          { enquiryId, supportedSchoolUrn: match!.enquiry.school.urn, leaderId: proposal.leaderId, kind },
          actor.id,
          now,
        );
        if (!created.ok) throw new AgreeRefused(created.problems.map((problem) => problem.message).join('; '));
        await closeOtherProposals(tx, this, {
          alliance,
          enquiry: match!.enquiry,
          agreedProposalId: proposalId,
          actor,
          at: now,
        });
        return created.value.id;
      });
      this.outbox.nudge();
      return { ok: true, agreementId };
    } catch (error) {
      if (error instanceof AgreeRefused) return { ok: false, message: error.message };
      throw error;
    }
  }

  /** A coordinator takes a proposal back before it is answered. */
  async withdraw(actor: CurrentUser, enquiryId: number, proposalId: number): Promise<boolean> {
    const alliance = await this.alliances.current();
    const proposal = await findProposal(this.db, alliance.id, proposalId);
    if (!proposal || proposal.enquiryId !== enquiryId) return false;
    return this.db.transaction(async (tx) => {
      const closed = await closeProposal(tx, proposalId, {
        status: 'withdrawn',
        at: this.clock.now(),
        via: null,
        note: null,
      });
      if (closed)
        await recordAudit(tx, {
          allianceId: alliance.id,
          actorUserId: actor.id,
          entityType: 'enquiry',
          entityId: proposal.enquiryId,
          action: 'proposal-withdrawn',
          after: { proposal: proposalId },
          at: this.clock.now(),
        });
      return closed;
    });
  }

  private async answer(
    proposalId: number,
    accepted: boolean,
    note: string | null,
    via: 'signed-in' | 'email-link',
    actorUserId: number | null,
  ): Promise<AnswerOutcome> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const answered = await this.db.transaction(async (tx) => {
      const view = await findProposalView(tx, alliance.id, proposalId);
      // An enquiry agreed, withdrawn or closed needs no more answers, whatever link is still about.
      if (!view || !isOpen(view.enquiry.status)) return undefined;
      const closed = await closeProposal(tx, proposalId, {
        status: accepted ? 'accepted' : 'declined',
        at: now,
        via,
        note,
      });
      if (!closed) return undefined;
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId,
        entityType: 'enquiry',
        entityId: view.enquiry.id,
        action: accepted ? 'proposal-accepted' : 'proposal-declined',
        after: { leader: view.leader.name, note, via },
        at: now,
      });
      await this.outbox.queue(
        tx,
        answerEmail(alliance, {
          leaderName: view.leader.name,
          accepted,
          note,
          enquiry: { reference: view.enquiry.reference, school: view.school },
        }),
      );
      return view;
    });
    if (!answered) return { ok: false, reason: 'answered' };
    this.outbox.nudge();
    return { ok: true, proposal: (await findProposalView(this.db, alliance.id, proposalId))! };
  }
}
