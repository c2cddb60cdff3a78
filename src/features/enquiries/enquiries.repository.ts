import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';
import { enquiries, enquirySpecialisms } from './enquiries.tables.ts';

export type EnquiryRow = typeof enquiries.$inferSelect;
export type NewEnquiry = typeof enquiries.$inferInsert;

/** Inserts the enquiry unless its reference is taken; returns its id, or undefined on a clash. */
export async function insertEnquiry(db: Executor, enquiry: NewEnquiry): Promise<number | undefined> {
  const [row] = await db
    .insert(enquiries)
    .values(enquiry)
    .onConflictDoNothing({ target: enquiries.reference })
    .returning({ id: enquiries.id });
  return row?.id;
}

export async function insertEnquirySpecialisms(db: Executor, enquiryId: number, specialismIds: number[]): Promise<void> {
  if (specialismIds.length === 0) return;
  await db.insert(enquirySpecialisms).values(specialismIds.map((specialismId) => ({ enquiryId, specialismId })));
}

export async function findEnquiryByReference(db: Executor, allianceId: number, reference: string): Promise<EnquiryRow | undefined> {
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
    .orderBy(specialisms.name);
  return rows.map((row) => row.name);
}
