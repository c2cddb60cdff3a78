import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import { leaders } from '../leaders/leaders.tables.ts';
import { schools } from '../schools/schools.tables.ts';
import { proposals } from './proposals.tables.ts';
import { OPEN_PROPOSAL_STATUSES, type ProposalStatus } from './proposals.model.ts';

export type ProposalRow = typeof proposals.$inferSelect;
export type NewProposal = typeof proposals.$inferInsert;

/** Adds the proposal, or puts forward again a leader whose earlier proposal was declined or withdrawn. */
export async function upsertProposal(db: Executor, proposal: NewProposal): Promise<number> {
  const { enquiryId: _enquiry, leaderId: _leader, allianceId: _alliance, ...again } = proposal;
  const [row] = await db
    .insert(proposals)
    .values(proposal)
    .onConflictDoUpdate({
      target: [proposals.enquiryId, proposals.leaderId],
      set: { ...again, respondedAt: null, respondedVia: null, responseNote: null },
    })
    .returning({ id: proposals.id });
  return row!.id;
}

export async function findProposal(db: Executor, allianceId: number, id: number): Promise<ProposalRow | undefined> {
  const [row] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.allianceId, allianceId), eq(proposals.id, id)));
  return row;
}

export async function findProposalByLinkHash(db: Executor, tokenHash: string): Promise<ProposalRow | undefined> {
  const [row] = await db.select().from(proposals).where(eq(proposals.linkTokenHash, tokenHash));
  return row;
}

/** Records the answer (or a withdrawal) and spends the emailed link, so it never works again. */
export async function closeProposal(
  db: Executor,
  id: number,
  change: {
    status: Exclude<ProposalStatus, 'proposed'>;
    at: Date;
    via: 'signed-in' | 'email-link' | null;
    note: string | null;
  },
): Promise<boolean> {
  const updated = await db
    .update(proposals)
    .set({
      status: change.status,
      respondedAt: change.at,
      respondedVia: change.via,
      responseNote: change.note,
      linkTokenHash: null,
      linkExpiresAt: null,
    })
    .where(and(eq(proposals.id, id), eq(proposals.status, 'proposed')))
    .returning({ id: proposals.id });
  return updated.length > 0;
}

/**
 * Once a match is agreed, every other proposal still standing on the enquiry is withdrawn and its
 * link spent, so no other leader can accept support the school no longer needs. Returns whom to tell.
 */
export async function withdrawOtherProposals(
  db: Executor,
  enquiryId: number,
  agreedProposalId: number,
  at: Date,
): Promise<Array<{ id: number; leaderId: number }>> {
  return db
    .update(proposals)
    .set({
      status: 'withdrawn',
      respondedAt: at,
      respondedVia: null,
      responseNote: 'The school agreed support with another leader',
      linkTokenHash: null,
      linkExpiresAt: null,
    })
    .where(
      and(
        eq(proposals.enquiryId, enquiryId),
        ne(proposals.id, agreedProposalId),
        inArray(proposals.status, [...OPEN_PROPOSAL_STATUSES]),
      ),
    )
    .returning({ id: proposals.id, leaderId: proposals.leaderId });
}

const proposalView = {
  id: proposals.id,
  status: proposals.status,
  score: proposals.score,
  reasons: proposals.reasons,
  message: proposals.message,
  proposedAt: proposals.proposedAt,
  respondedAt: proposals.respondedAt,
  respondedVia: proposals.respondedVia,
  responseNote: proposals.responseNote,
  linkExpiresAt: proposals.linkExpiresAt,
  enquiry: {
    id: enquiries.id,
    reference: enquiries.reference,
    need: enquiries.need,
    timescale: enquiries.timescale,
    supportType: enquiries.supportType,
    status: enquiries.status,
  },
  school: { urn: schools.urn, name: schools.name, town: schools.town },
  leader: { id: leaders.id, name: leaders.name, email: leaders.email, homeSchoolUrn: leaders.homeSchoolUrn },
};

export type ProposalView = Awaited<ReturnType<typeof listProposalsForEnquiry>>[number];

export async function listProposalsForEnquiry(db: Executor, allianceId: number, enquiryId: number) {
  return db
    .select(proposalView)
    .from(proposals)
    .innerJoin(enquiries, eq(enquiries.id, proposals.enquiryId))
    .innerJoin(schools, eq(schools.urn, enquiries.schoolUrn))
    .innerJoin(leaders, eq(leaders.id, proposals.leaderId))
    .where(and(eq(proposals.allianceId, allianceId), eq(proposals.enquiryId, enquiryId)))
    .orderBy(desc(proposals.score), asc(leaders.name));
}

export async function listProposalsForLeader(db: Executor, allianceId: number, leaderId: number) {
  return db
    .select(proposalView)
    .from(proposals)
    .innerJoin(enquiries, eq(enquiries.id, proposals.enquiryId))
    .innerJoin(schools, eq(schools.urn, enquiries.schoolUrn))
    .innerJoin(leaders, eq(leaders.id, proposals.leaderId))
    .where(and(eq(proposals.allianceId, allianceId), eq(proposals.leaderId, leaderId)))
    .orderBy(desc(proposals.proposedAt));
}

export async function findProposalView(
  db: Executor,
  allianceId: number,
  id: number,
): Promise<ProposalView | undefined> {
  const [row] = await db
    .select(proposalView)
    .from(proposals)
    .innerJoin(enquiries, eq(enquiries.id, proposals.enquiryId))
    .innerJoin(schools, eq(schools.urn, enquiries.schoolUrn))
    .innerJoin(leaders, eq(leaders.id, proposals.leaderId))
    .where(and(eq(proposals.allianceId, allianceId), eq(proposals.id, id)));
  return row;
}

/** Withdraws every proposal of a leader still standing (their links stop working); those withdrawn. */
export async function withdrawOpenProposalsOfLeader(
  db: Executor,
  change: { allianceId: number; leaderId: number; at: Date; note: string },
): Promise<Array<{ id: number; enquiryId: number }>> {
  return db
    .update(proposals)
    .set({
      status: 'withdrawn',
      respondedAt: change.at,
      respondedVia: null,
      responseNote: change.note,
      linkTokenHash: null,
      linkExpiresAt: null,
    })
    .where(
      and(
        eq(proposals.allianceId, change.allianceId),
        eq(proposals.leaderId, change.leaderId),
        inArray(proposals.status, [...OPEN_PROPOSAL_STATUSES]),
      ),
    )
    .returning({ id: proposals.id, enquiryId: proposals.enquiryId });
}
