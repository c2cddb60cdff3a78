import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { users } from '../identity/identity.tables.ts';
import { auditEvents } from './audit.tables.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<number> {
  const [row] = await db.insert(auditEvents).values(event).returning({ id: auditEvents.id });
  return row!.id;
}

/** One record's events, oldest first, with the name of whoever made each change. */
export async function listAuditEvents(db: Executor, allianceId: number, entityType: string, entityId: string) {
  return db
    .select({ event: auditEvents, actorName: users.name, actorEmail: users.email })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.allianceId, allianceId),
        eq(auditEvents.entityType, entityType),
        eq(auditEvents.entityId, entityId),
      ),
    )
    .orderBy(asc(auditEvents.at), asc(auditEvents.id));
}

/** One event of the alliance's, with whoever made it. */
export async function findAuditEvent(db: Executor, allianceId: number, id: number) {
  const [row] = await db
    .select({ event: auditEvents, actorName: users.name, actorEmail: users.email })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.allianceId, allianceId), eq(auditEvents.id, id)));
  return row;
}

/** One record's latest events, newest first. */
export async function listLatestAuditEvents(
  db: Executor,
  allianceId: number,
  entityType: string,
  entityId: string,
  limit: number,
) {
  return db
    .select({ event: auditEvents, actorName: users.name, actorEmail: users.email })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.allianceId, allianceId),
        eq(auditEvents.entityType, entityType),
        eq(auditEvents.entityId, entityId),
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
}
