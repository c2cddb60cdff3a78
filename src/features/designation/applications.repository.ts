import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { applicationEvidence, applications, applicationSpecialisms } from './applications.tables.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type NewApplicationRow = typeof applications.$inferInsert;
/** The answers an applicant gives page by page; the rest of the row is the service's to set. */
export type ApplicationAnswers = Partial<
  Pick<
    ApplicationRow,
    | 'designationType'
    | 'roundId'
    | 'applicantName'
    | 'applicantEmail'
    | 'schoolUrn'
    | 'jobTitle'
    | 'role'
    | 'yearsInRole'
    | 'leadershipYears'
    | 'yearsStaying'
    | 'governorsSupport'
    | 'seniorStaffCover'
    | 'coachingBeyondSchool'
    | 'phases'
    | 'otherAlliance'
  >
>;

export async function insertApplication(db: Executor, values: NewApplicationRow): Promise<number> {
  const [row] = await db.insert(applications).values(values).returning({ id: applications.id });
  return row!.id;
}

export async function findApplication(db: Executor, allianceId: number, id: number) {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.allianceId, allianceId), eq(applications.id, id)));
  return row;
}

export async function findApplicationByResumeHash(db: Executor, tokenHash: string) {
  const [row] = await db.select().from(applications).where(eq(applications.resumeTokenHash, tokenHash));
  return row;
}

/** The applications not yet sent under this email address: a new save-and-return link goes to each. */
export async function listStartedByEmail(db: Executor, allianceId: number, email: string) {
  return db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.allianceId, allianceId),
        sql`lower(${applications.applicantEmail}) = lower(${email})`,
        eq(applications.status, 'started'),
      ),
    )
    .orderBy(asc(applications.id))
    .limit(10);
}

export async function updateAnswers(db: Executor, id: number, answers: ApplicationAnswers, at: Date): Promise<void> {
  await db
    .update(applications)
    .set({ ...answers, updatedAt: at })
    .where(and(eq(applications.id, id), eq(applications.status, 'started')));
}

export async function setResumeToken(db: Executor, id: number, tokenHash: string, expiresAt: Date): Promise<void> {
  await db
    .update(applications)
    .set({ resumeTokenHash: tokenHash, resumeTokenExpiresAt: expiresAt })
    .where(eq(applications.id, id));
}

export async function referenceTaken(db: Executor, reference: string): Promise<boolean> {
  const [row] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.reference, reference));
  return row !== undefined;
}

/** Sends a started application; false when it was sent already (a second click, another tab). */
export async function markSent(db: Executor, id: number, reference: string, at: Date): Promise<boolean> {
  const sent = await db
    .update(applications)
    .set({ status: 'sent', reference, sentAt: at, updatedAt: at })
    .where(and(eq(applications.id, id), eq(applications.status, 'started'), isNull(applications.reference)))
    .returning({ id: applications.id });
  return sent.length > 0;
}

export async function listSpecialismIds(db: Executor, applicationId: number): Promise<number[]> {
  const rows = await db
    .select({ id: applicationSpecialisms.specialismId })
    .from(applicationSpecialisms)
    .where(eq(applicationSpecialisms.applicationId, applicationId));
  return rows.map((row) => row.id);
}

export async function replaceSpecialisms(db: Executor, applicationId: number, specialismIds: number[]): Promise<void> {
  await db.delete(applicationSpecialisms).where(eq(applicationSpecialisms.applicationId, applicationId));
  if (specialismIds.length > 0)
    await db
      .insert(applicationSpecialisms)
      .values(specialismIds.map((specialismId) => ({ applicationId, specialismId })));
}

export async function listEvidence(db: Executor, applicationId: number) {
  return db
    .select({ criterionId: applicationEvidence.criterionId, evidence: applicationEvidence.evidence })
    .from(applicationEvidence)
    .where(eq(applicationEvidence.applicationId, applicationId));
}

export async function saveEvidence(db: Executor, applicationId: number, criterionId: number, evidence: string) {
  await db
    .insert(applicationEvidence)
    .values({ applicationId, criterionId, evidence })
    .onConflictDoUpdate({
      target: [applicationEvidence.applicationId, applicationEvidence.criterionId],
      set: { evidence },
    });
}
