import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  applicationEvidence,
  applicationRequests,
  applications,
  applicationSpecialisms,
} from './applications.tables.ts';
import { appeals, applicationDecisions, panelApplications, panels } from './panels.tables.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type RequestRow = typeof applicationRequests.$inferSelect;
export type DecisionRow = typeof applicationDecisions.$inferSelect;
export type AppealRow = typeof appeals.$inferSelect;

/** The columns the staff pages read: never the resume link's hash. */
const LISTED = {
  id: applications.id,
  reference: applications.reference,
  designationType: applications.designationType,
  status: applications.status,
  applicantName: applications.applicantName,
  applicantEmail: applications.applicantEmail,
  schoolUrn: applications.schoolUrn,
  createdAt: applications.createdAt,
  sentAt: applications.sentAt,
  withdrawnAt: applications.withdrawnAt,
};
export type ListedApplication = Pick<ApplicationRow, keyof typeof LISTED>;

/** The alliance's applications, newest sent first (started ones, never sent, only when asked for). */
export async function listApplications(
  db: Executor,
  allianceId: number,
  options: { includeStarted: boolean },
): Promise<ListedApplication[]> {
  return db
    .select(LISTED)
    .from(applications)
    .where(
      and(
        eq(applications.allianceId, allianceId),
        options.includeStarted ? undefined : ne(applications.status, 'started'),
      ),
    )
    .orderBy(desc(applications.sentAt), desc(applications.createdAt), desc(applications.id));
}

export async function findApplication(db: Executor, allianceId: number, id: number) {
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.allianceId, allianceId), eq(applications.id, id)));
  return row;
}

/** What an application's stage is worked out from, for many applications at once. */
export async function listStageFacts(db: Executor, applicationIds: number[]) {
  if (applicationIds.length === 0) return { requests: [], panels: [], decisions: [], appeals: [] };
  const requests = await db
    .select()
    .from(applicationRequests)
    .where(and(inArray(applicationRequests.applicationId, applicationIds), isNull(applicationRequests.supersededAt)))
    .orderBy(asc(applicationRequests.id));
  const onPanels = await db
    .select({
      applicationId: panelApplications.applicationId,
      panelId: panels.id,
      meetsOn: panels.meetsOn,
      hearing: panels.hearing,
      createdAt: panels.createdAt,
    })
    .from(panelApplications)
    .innerJoin(panels, eq(panels.id, panelApplications.panelId))
    .where(inArray(panelApplications.applicationId, applicationIds))
    .orderBy(asc(panels.meetsOn), asc(panels.id));
  const decisions = await db
    .select()
    .from(applicationDecisions)
    .where(inArray(applicationDecisions.applicationId, applicationIds))
    .orderBy(asc(applicationDecisions.recordedAt), asc(applicationDecisions.id));
  const appealRows = await db
    .select({ appeal: appeals, applicationId: applicationDecisions.applicationId })
    .from(appeals)
    .innerJoin(applicationDecisions, eq(applicationDecisions.id, appeals.decisionId))
    .where(inArray(applicationDecisions.applicationId, applicationIds))
    .orderBy(asc(appeals.id));
  return { requests, panels: onPanels, decisions, appeals: appealRows };
}

/** An application's requests, superseded ones too (a changed referee is kept, to show who was asked first). */
export async function listAllRequests(db: Executor, applicationId: number): Promise<RequestRow[]> {
  return db
    .select()
    .from(applicationRequests)
    .where(eq(applicationRequests.applicationId, applicationId))
    .orderBy(asc(applicationRequests.id));
}

export async function listEvidence(db: Executor, applicationId: number) {
  return db.select().from(applicationEvidence).where(eq(applicationEvidence.applicationId, applicationId));
}

export async function listSpecialismIds(db: Executor, applicationId: number): Promise<number[]> {
  const rows = await db
    .select({ id: applicationSpecialisms.specialismId })
    .from(applicationSpecialisms)
    .where(eq(applicationSpecialisms.applicationId, applicationId));
  return rows.map((row) => row.id);
}

/** Withdraws an application not yet withdrawn; false when it already was (a second click, or another coordinator). */
export async function markWithdrawn(db: Executor, id: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(applications)
    .set({ status: 'withdrawn', withdrawnAt: at, updatedAt: at })
    .where(and(eq(applications.id, id), ne(applications.status, 'withdrawn')))
    .returning({ id: applications.id });
  return rows.length > 0;
}
