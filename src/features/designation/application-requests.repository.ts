import { and, asc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { RequestKind } from './applications.model.ts';
import { applicationRequests, applications } from './applications.tables.ts';

export type ApplicationRequestRow = typeof applicationRequests.$inferSelect;
export type RequestPerson = Pick<ApplicationRequestRow, 'name' | 'email' | 'jobTitle' | 'organisation'>;
export type RequestAnswer = Pick<ApplicationRequestRow, 'answerText' | 'supports' | 'releaseDays'>;

/** The current (not superseded) requests of an application, sent or still only named by the applicant. */
export async function listCurrentRequests(db: Executor, applicationId: number): Promise<ApplicationRequestRow[]> {
  return db
    .select()
    .from(applicationRequests)
    .where(and(eq(applicationRequests.applicationId, applicationId), isNull(applicationRequests.supersededAt)))
    .orderBy(asc(applicationRequests.id));
}

/** Every request of one of the alliance's applications, superseded ones too, oldest first. */
export async function listAllRequests(
  db: Executor,
  allianceId: number,
  applicationId: number,
): Promise<ApplicationRequestRow[]> {
  const rows = await db
    .select({ request: applicationRequests })
    .from(applicationRequests)
    .innerJoin(applications, eq(applications.id, applicationRequests.applicationId))
    .where(and(eq(applications.allianceId, allianceId), eq(applicationRequests.applicationId, applicationId)))
    .orderBy(asc(applicationRequests.id));
  return rows.map((row) => row.request);
}

/** The person the applicant names for a kind of request, before the application is sent. */
export async function nameRequestPerson(
  db: Executor,
  applicationId: number,
  kind: RequestKind,
  person: RequestPerson,
): Promise<void> {
  const [current] = await db
    .select({ id: applicationRequests.id })
    .from(applicationRequests)
    .where(
      and(
        eq(applicationRequests.applicationId, applicationId),
        eq(applicationRequests.kind, kind),
        isNull(applicationRequests.supersededAt),
      ),
    );
  if (current) await db.update(applicationRequests).set(person).where(eq(applicationRequests.id, current.id));
  else await db.insert(applicationRequests).values({ applicationId, kind, ...person });
}

export async function removeUnsentRequest(db: Executor, applicationId: number, kind: RequestKind): Promise<void> {
  await db
    .delete(applicationRequests)
    .where(
      and(
        eq(applicationRequests.applicationId, applicationId),
        eq(applicationRequests.kind, kind),
        isNull(applicationRequests.sentAt),
      ),
    );
}

/** A request in place of a superseded one; its link is issued next. */
export async function insertRequest(
  db: Executor,
  values: { applicationId: number; kind: RequestKind } & RequestPerson,
): Promise<number> {
  const [row] = await db.insert(applicationRequests).values(values).returning({ id: applicationRequests.id });
  return row!.id;
}

/** A new link on a request: its first sending, a resend or a reminder (which also marks it reminded). */
export async function issueLink(
  db: Executor,
  requestId: number,
  link: { tokenHash: string; tokenExpiresAt: Date; sentAt?: Date; remindedAt?: Date },
): Promise<void> {
  await db.update(applicationRequests).set(link).where(eq(applicationRequests.id, requestId));
}

/** Claims a request's one reminder: false when another instance reminded it or it was answered meanwhile. */
export async function claimReminder(
  db: Executor,
  requestId: number,
  link: { tokenHash: string; tokenExpiresAt: Date },
  at: Date,
): Promise<boolean> {
  const claimed = await db
    .update(applicationRequests)
    .set({ ...link, remindedAt: at })
    .where(
      and(
        eq(applicationRequests.id, requestId),
        isNull(applicationRequests.remindedAt),
        isNull(applicationRequests.answeredAt),
        isNull(applicationRequests.supersededAt),
      ),
    )
    .returning({ id: applicationRequests.id });
  return claimed.length > 0;
}

export async function supersedeRequest(db: Executor, requestId: number, at: Date, userId: number): Promise<boolean> {
  const done = await db
    .update(applicationRequests)
    .set({ supersededAt: at, supersededByUserId: userId, tokenHash: null })
    .where(and(eq(applicationRequests.id, requestId), isNull(applicationRequests.supersededAt)))
    .returning({ id: applicationRequests.id });
  return done.length > 0;
}

/** Records the answer once: false when it was answered (or superseded) before. The link stops working. */
export async function answerRequest(db: Executor, requestId: number, answer: RequestAnswer, at: Date) {
  const done = await db
    .update(applicationRequests)
    .set({ ...answer, answeredAt: at })
    .where(
      and(
        eq(applicationRequests.id, requestId),
        isNull(applicationRequests.answeredAt),
        isNull(applicationRequests.supersededAt),
      ),
    )
    .returning({ id: applicationRequests.id });
  return done.length > 0;
}

const APPLICATION_COLUMNS = {
  allianceId: applications.allianceId,
  reference: applications.reference,
  designationType: applications.designationType,
  applicantName: applications.applicantName,
  applicantEmail: applications.applicantEmail,
  schoolUrn: applications.schoolUrn,
  jobTitle: applications.jobTitle,
};

/** The request behind a link, with what its page says of the application. */
export async function findRequestByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ request: applicationRequests, application: APPLICATION_COLUMNS })
    .from(applicationRequests)
    .innerJoin(applications, eq(applications.id, applicationRequests.applicationId))
    .where(eq(applicationRequests.tokenHash, tokenHash));
  return row;
}

export async function findRequestOf(db: Executor, allianceId: number, applicationId: number, requestId: number) {
  const [row] = await db
    .select({ request: applicationRequests, application: APPLICATION_COLUMNS })
    .from(applicationRequests)
    .innerJoin(applications, eq(applications.id, applicationRequests.applicationId))
    .where(
      and(
        eq(applications.allianceId, allianceId),
        eq(applications.id, applicationId),
        eq(applicationRequests.id, requestId),
      ),
    );
  return row;
}

/** Sent requests still unanswered, never reminded, sent on or before the instant: the reminders due. */
export async function listDueReminders(db: Executor, allianceId: number, sentBy: Date) {
  return db
    .select({ request: applicationRequests, application: APPLICATION_COLUMNS })
    .from(applicationRequests)
    .innerJoin(applications, eq(applications.id, applicationRequests.applicationId))
    .where(
      and(
        eq(applications.allianceId, allianceId),
        eq(applications.status, 'sent'),
        isNotNull(applicationRequests.sentAt),
        lte(applicationRequests.sentAt, sentBy),
        isNull(applicationRequests.answeredAt),
        isNull(applicationRequests.supersededAt),
        isNull(applicationRequests.remindedAt),
      ),
    )
    .orderBy(asc(applicationRequests.id))
    .limit(500);
}
