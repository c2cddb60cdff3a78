import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { enquiries, enquirySpecialisms } from '../enquiries/enquiries.tables.ts';
import { leaderSpecialisms } from '../leaders/leaders.tables.ts';

/**
 * What the school said in the enquiry an agreement answers, that its terms start from: who wrote
 * and in what role, why it is a priority, and the specialisms asked for that the leader holds.
 */
export async function findWhatTheEnquiryAsked(db: Executor, enquiryId: number, leaderId: number) {
  const [enquiry] = await db
    .select({
      contactName: enquiries.contactName,
      contactRole: enquiries.contactRole,
      priorityReasons: enquiries.priorityReasons,
    })
    .from(enquiries)
    .where(eq(enquiries.id, enquiryId));
  if (!enquiry) return undefined;
  const held = await db
    .select({ specialismId: enquirySpecialisms.specialismId })
    .from(enquirySpecialisms)
    .innerJoin(
      leaderSpecialisms,
      and(
        eq(leaderSpecialisms.specialismId, enquirySpecialisms.specialismId),
        eq(leaderSpecialisms.leaderId, leaderId),
      ),
    )
    .where(eq(enquirySpecialisms.enquiryId, enquiryId))
    .orderBy(asc(enquirySpecialisms.specialismId));
  return { ...enquiry, heldSpecialismIds: held.map((row) => row.specialismId) };
}

/** The ids of the specialisms a leader holds, as the register records them. */
export async function findLeaderSpecialismIds(db: Executor, leaderId: number): Promise<number[]> {
  const rows = await db
    .select({ specialismId: leaderSpecialisms.specialismId })
    .from(leaderSpecialisms)
    .where(eq(leaderSpecialisms.leaderId, leaderId));
  return rows.map((row) => row.specialismId);
}
