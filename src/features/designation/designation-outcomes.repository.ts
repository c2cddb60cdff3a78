import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { leaders } from '../leaders/leaders.tables.ts';
import { applicationRequests, applications, applicationSpecialisms } from './applications.tables.ts';
import { listingConsentRequests } from './designation-outcomes.tables.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type ApplicationRequestRow = typeof applicationRequests.$inferSelect;
export type ListingConsentRequestRow = typeof listingConsentRequests.$inferSelect;

/** An application with its specialisms and its current requests (those not superseded by a change of referee). */
export async function findApplicationToDesignate(
  db: Executor,
  applicationId: number,
): Promise<{ application: ApplicationRow; specialismIds: number[]; requests: ApplicationRequestRow[] } | undefined> {
  const [application] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!application) return undefined;
  const specialisms = await db
    .select({ id: applicationSpecialisms.specialismId })
    .from(applicationSpecialisms)
    .where(eq(applicationSpecialisms.applicationId, applicationId))
    .orderBy(asc(applicationSpecialisms.specialismId));
  const requests = await db
    .select()
    .from(applicationRequests)
    .where(and(eq(applicationRequests.applicationId, applicationId), isNull(applicationRequests.supersededAt)))
    .orderBy(asc(applicationRequests.id));
  return { application, specialismIds: specialisms.map((row) => row.id), requests };
}

export async function setApplicationLeader(db: Executor, applicationId: number, leaderId: number, at: Date) {
  await db.update(applications).set({ leaderId, updatedAt: at }).where(eq(applications.id, applicationId));
}

/**
 * A new request for the leader's consent to be listed. Any earlier one still unanswered stops
 * working: each new link replaces the one before, so only the latest answer counts.
 */
export async function insertListingConsentRequest(
  db: Executor,
  request: { leaderId: number; applicationId: number | null; tokenHash: string; tokenExpiresAt: Date; sentAt: Date },
): Promise<number> {
  await db
    .update(listingConsentRequests)
    .set({ tokenHash: null })
    .where(and(eq(listingConsentRequests.leaderId, request.leaderId), isNull(listingConsentRequests.answeredAt)));
  const [row] = await db.insert(listingConsentRequests).values(request).returning({ id: listingConsentRequests.id });
  return row!.id;
}

/** The request behind a link, if it is one of the alliance's (through its leader). */
export async function findListingConsentRequestByTokenHash(
  db: Executor,
  allianceId: number,
  tokenHash: string,
): Promise<ListingConsentRequestRow | undefined> {
  const [row] = await db
    .select({ request: listingConsentRequests })
    .from(listingConsentRequests)
    .innerJoin(leaders, eq(leaders.id, listingConsentRequests.leaderId))
    .where(and(eq(listingConsentRequests.tokenHash, tokenHash), eq(leaders.allianceId, allianceId)));
  return row?.request;
}

/** Records the answer if the request is still unanswered; false when another answer got there first. */
export async function answerListingConsentRequest(
  db: Executor,
  requestId: number,
  consented: boolean,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .update(listingConsentRequests)
    .set({ consented, answeredAt: at })
    .where(and(eq(listingConsentRequests.id, requestId), isNull(listingConsentRequests.answeredAt)))
    .returning({ id: listingConsentRequests.id });
  return rows.length === 1;
}
