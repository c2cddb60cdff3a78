import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { users } from '../accounts/accounts.tables.ts';
import { auditEvents } from './audit.tables.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}

/** One record's events, oldest first, with the name of whoever made each change. */
export async function listAuditEvents(db: Executor, allianceId: number, entityType: string, entityId: string) {
  return db
    .select({ event: auditEvents, actorName: users.name, actorEmail: users.email })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.allianceId, allianceId), eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));
}
