import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { deliveryLogs, deliveryProgress, plannedVisits } from './visits.tables.ts';

export type PlannedVisitRow = typeof plannedVisits.$inferSelect;
export type DeliveryLogRow = typeof deliveryLogs.$inferSelect;
export type DeliveryLogFields = Pick<
  DeliveryLogRow,
  'date' | 'pairingId' | 'halfDays' | 'minutes' | 'countedHalfDays' | 'activities' | 'notes' | 'sharedWith'
>;
export type ProgressFields = Array<{ objectiveId: number; progress: string }>;

export async function insertPlannedVisit(db: Executor, row: typeof plannedVisits.$inferInsert): Promise<number> {
  const [inserted] = await db.insert(plannedVisits).values(row).returning({ id: plannedVisits.id });
  return inserted!.id;
}

/** An agreement's planned visits, soonest first. */
export async function listPlannedVisits(db: Executor, agreementId: number): Promise<PlannedVisitRow[]> {
  return db
    .select()
    .from(plannedVisits)
    .where(eq(plannedVisits.agreementId, agreementId))
    .orderBy(asc(plannedVisits.date), asc(plannedVisits.startMinutes), asc(plannedVisits.id));
}

export async function findPlannedVisit(
  db: Executor,
  agreementId: number,
  id: number,
): Promise<PlannedVisitRow | undefined> {
  const [row] = await db
    .select()
    .from(plannedVisits)
    .where(and(eq(plannedVisits.agreementId, agreementId), eq(plannedVisits.id, id)));
  return row;
}

export async function deletePlannedVisit(db: Executor, id: number): Promise<void> {
  await db.delete(plannedVisits).where(eq(plannedVisits.id, id));
}

export async function insertDeliveryLog(
  db: Executor,
  row: typeof deliveryLogs.$inferInsert,
  progress: ProgressFields,
): Promise<number> {
  const [inserted] = await db.insert(deliveryLogs).values(row).returning({ id: deliveryLogs.id });
  await replaceProgress(db, inserted!.id, progress);
  return inserted!.id;
}

export async function updateDeliveryLog(
  db: Executor,
  id: number,
  fields: DeliveryLogFields & { changedAt: Date; changedByUserId: number },
  progress: ProgressFields,
): Promise<void> {
  await db.update(deliveryLogs).set(fields).where(eq(deliveryLogs.id, id));
  await replaceProgress(db, id, progress);
}

async function replaceProgress(db: Executor, logId: number, progress: ProgressFields): Promise<void> {
  await db.delete(deliveryProgress).where(eq(deliveryProgress.logId, logId));
  if (progress.length > 0) await db.insert(deliveryProgress).values(progress.map((item) => ({ logId, ...item })));
}

export async function deleteDeliveryLog(db: Executor, id: number): Promise<void> {
  // Its progress notes go with it (on delete cascade).
  await db.delete(deliveryLogs).where(eq(deliveryLogs.id, id));
}

export type DeliveryLogWithProgress = DeliveryLogRow & { loggedByName: string; progress: ProgressFields };

/** An agreement's logs, newest first, each with who logged it and its progress notes: two queries, whatever the number of logs. */
export async function listDeliveryLogs(db: Executor, agreementId: number): Promise<DeliveryLogWithProgress[]> {
  const logs = await db
    .select({ log: deliveryLogs, loggedByName: users.name })
    .from(deliveryLogs)
    .innerJoin(users, eq(users.id, deliveryLogs.loggedByUserId))
    .where(eq(deliveryLogs.agreementId, agreementId))
    .orderBy(desc(deliveryLogs.date), desc(deliveryLogs.id));
  const progress = await db
    .select()
    .from(deliveryProgress)
    .innerJoin(deliveryLogs, eq(deliveryLogs.id, deliveryProgress.logId))
    .where(eq(deliveryLogs.agreementId, agreementId));
  return logs.map(({ log, loggedByName }) => ({
    ...log,
    loggedByName,
    progress: progress
      .filter((row) => row.delivery_progress.logId === log.id)
      .map((row) => ({ objectiveId: row.delivery_progress.objectiveId, progress: row.delivery_progress.progress })),
  }));
}

export async function findDeliveryLog(
  db: Executor,
  agreementId: number,
  id: number,
): Promise<DeliveryLogWithProgress | undefined> {
  const [row] = await db
    .select({ log: deliveryLogs, loggedByName: users.name })
    .from(deliveryLogs)
    .innerJoin(users, eq(users.id, deliveryLogs.loggedByUserId))
    .where(and(eq(deliveryLogs.agreementId, agreementId), eq(deliveryLogs.id, id)));
  if (!row) return undefined;
  const progress = await db
    .select({ objectiveId: deliveryProgress.objectiveId, progress: deliveryProgress.progress })
    .from(deliveryProgress)
    .where(eq(deliveryProgress.logId, id));
  return { ...row.log, loggedByName: row.loggedByName, progress };
}

/** Half days delivered on an agreement, in all and by the leader alone, and the last date anything was. */
export async function deliveredOn(
  db: Executor,
  agreementId: number,
): Promise<{ total: number; byLeader: number; lastDate: string | null }> {
  const [row] = await db
    .select({
      total: sql<number>`coalesce(sum(${deliveryLogs.countedHalfDays}), 0)::int`,
      byLeader: sql<number>`coalesce(sum(${deliveryLogs.countedHalfDays}) filter (where ${deliveryLogs.pairingId} is null), 0)::int`,
      lastDate: sql<string | null>`max(${deliveryLogs.date})::text`,
    })
    .from(deliveryLogs)
    .where(eq(deliveryLogs.agreementId, agreementId));
  return row ?? { total: 0, byLeader: 0, lastDate: null };
}
