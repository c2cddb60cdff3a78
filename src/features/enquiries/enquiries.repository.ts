import { and, asc, count, desc, eq, gte } from 'drizzle-orm';
import { alphabetical } from '../../db/alphabetical.ts';
import type { Executor } from '../../db/database.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';
import { enquiries, enquiryEvents, enquiryNotes, enquirySpecialisms } from './enquiries.tables.ts';

export type EnquiryRow = typeof enquiries.$inferSelect;
export type NewEnquiry = typeof enquiries.$inferInsert;
export type NewEnquiryEvent = typeof enquiryEvents.$inferInsert;
export type NewEnquiryNote = typeof enquiryNotes.$inferInsert;
/** The columns a change to an enquiry may write: never its identity, school or what the school sent. */
export type EnquiryChange = Partial<
  Pick<
    NewEnquiry,
    | 'status'
    | 'statusChangedAt'
    | 'coordinatorUserId'
    | 'priorityReasons'
    | 'firstContactAt'
    | 'firstContactMethod'
    | 'firstContactByUserId'
    | 'firstContactNotes'
    | 'firstContactRecordedAt'
    | 'firstContactLateReason'
    | 'respondedOnTime'
  >
>;

/**
 * Inserts the enquiry unless its reference, or its form's one-time token, is taken; returns its id, or
 * undefined on a clash (the caller tells the two apart with findEnquiryBySubmissionToken).
 */
export async function insertEnquiry(db: Executor, enquiry: NewEnquiry): Promise<number | undefined> {
  const [row] = await db.insert(enquiries).values(enquiry).onConflictDoNothing().returning({ id: enquiries.id });
  return row?.id;
}

/** The enquiry a form with this one-time token already made, if any. */
export async function findEnquiryBySubmissionToken(
  db: Executor,
  allianceId: number,
  token: string,
): Promise<EnquiryRow | undefined> {
  const [row] = await db
    .select()
    .from(enquiries)
    .where(and(eq(enquiries.allianceId, allianceId), eq(enquiries.submissionToken, token)));
  return row;
}

export async function insertEnquirySpecialisms(
  db: Executor,
  enquiryId: number,
  specialismIds: number[],
): Promise<void> {
  if (specialismIds.length === 0) return;
  await db.insert(enquirySpecialisms).values(specialismIds.map((specialismId) => ({ enquiryId, specialismId })));
}

export async function countEnquiries(db: Executor, allianceId: number): Promise<number> {
  const [row] = await db.select({ total: count() }).from(enquiries).where(eq(enquiries.allianceId, allianceId));
  return row?.total ?? 0;
}

export async function findEnquiryByReference(
  db: Executor,
  allianceId: number,
  reference: string,
): Promise<EnquiryRow | undefined> {
  const [row] = await db
    .select()
    .from(enquiries)
    .where(and(eq(enquiries.allianceId, allianceId), eq(enquiries.reference, reference)));
  return row;
}

export async function listEnquirySpecialismNames(db: Executor, enquiryId: number): Promise<string[]> {
  const rows = await db
    .select({ name: specialisms.name })
    .from(enquirySpecialisms)
    .innerJoin(specialisms, eq(specialisms.id, enquirySpecialisms.specialismId))
    .where(eq(enquirySpecialisms.enquiryId, enquiryId))
    .orderBy(alphabetical(specialisms.name));
  return rows.map((row) => row.name);
}

/**
 * The enquiry, locked until the transaction ends: two people changing it at once take turns, and
 * each checks its rules against what the other left.
 */
export async function lockEnquiry(tx: Executor, enquiryId: number): Promise<EnquiryRow | undefined> {
  const [row] = await tx.select().from(enquiries).where(eq(enquiries.id, enquiryId)).for('update');
  return row;
}

export async function updateEnquiry(tx: Executor, enquiryId: number, change: EnquiryChange): Promise<void> {
  await tx.update(enquiries).set(change).where(eq(enquiries.id, enquiryId));
}

export async function insertEnquiryEvent(tx: Executor, event: NewEnquiryEvent): Promise<void> {
  await tx.insert(enquiryEvents).values(event);
}

export async function insertEnquiryNote(tx: Executor, note: NewEnquiryNote): Promise<void> {
  await tx.insert(enquiryNotes).values(note);
}

/** The enquiry's statuses, oldest first, with who made each change. */
export async function listEnquiryEvents(db: Executor, enquiryId: number) {
  return db
    .select({ event: enquiryEvents, actorName: users.name })
    .from(enquiryEvents)
    .leftJoin(users, eq(users.id, enquiryEvents.actorUserId))
    .where(eq(enquiryEvents.enquiryId, enquiryId))
    .orderBy(asc(enquiryEvents.at), asc(enquiryEvents.id));
}

/** Internal notes, newest first, with their authors. */
export async function listEnquiryNotes(db: Executor, enquiryId: number) {
  return db
    .select({ note: enquiryNotes, authorName: users.name })
    .from(enquiryNotes)
    .innerJoin(users, eq(users.id, enquiryNotes.authorUserId))
    .where(eq(enquiryNotes.enquiryId, enquiryId))
    .orderBy(desc(enquiryNotes.at), desc(enquiryNotes.id));
}

/** Enquiries still waiting for their first contact whose reply-by day is on or after `from`. */
export async function listAwaitingFirstContact(tx: Executor, allianceId: number, from: string) {
  return tx
    .select({ id: enquiries.id, receivedAt: enquiries.receivedAt, respondBy: enquiries.respondBy })
    .from(enquiries)
    .where(and(eq(enquiries.allianceId, allianceId), eq(enquiries.status, 'new'), gte(enquiries.respondBy, from)))
    .orderBy(asc(enquiries.id));
}

export async function setRespondBy(tx: Executor, enquiryId: number, respondBy: string): Promise<void> {
  await tx.update(enquiries).set({ respondBy }).where(eq(enquiries.id, enquiryId));
}
