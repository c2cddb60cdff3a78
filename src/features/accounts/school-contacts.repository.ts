import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { userRoles, users } from '../../platform/identity/identity.tables.ts';
import { leaderAccounts } from '../leaders/leaders.tables.ts';
import { schoolContacts } from './accounts.tables.ts';

/** The school a person works for (school contacts) and their leader record (system leaders), in one query. */
export async function findAffiliations(
  db: Executor,
  userId: number,
): Promise<{ schoolUrn: number | null; leaderId: number | null }> {
  const [row] = await db
    .select({ schoolUrn: schoolContacts.schoolUrn, leaderId: leaderAccounts.leaderId })
    .from(users)
    .leftJoin(schoolContacts, eq(schoolContacts.userId, users.id))
    .leftJoin(leaderAccounts, eq(leaderAccounts.userId, users.id))
    .where(eq(users.id, userId));
  return { schoolUrn: row?.schoolUrn ?? null, leaderId: row?.leaderId ?? null };
}

/** Each person's school, for those who have one. */
export async function findSchoolsOf(db: Executor, userIds: number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select().from(schoolContacts).where(inArray(schoolContacts.userId, userIds));
  return new Map(rows.map((row) => [row.userId, row.schoolUrn]));
}

export async function setSchoolOf(db: Executor, userId: number, schoolUrn: number | null): Promise<void> {
  if (schoolUrn === null) {
    await db.delete(schoolContacts).where(eq(schoolContacts.userId, userId));
    return;
  }
  await db
    .insert(schoolContacts)
    .values({ userId, schoolUrn })
    .onConflictDoUpdate({ target: schoolContacts.userId, set: { schoolUrn } });
}

/** The active school contacts of a school in the alliance: their email addresses, in order. */
export async function listSchoolContactEmails(db: Executor, allianceId: number, schoolUrn: number): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(schoolContacts)
    .innerJoin(users, eq(users.id, schoolContacts.userId))
    .innerJoin(
      userRoles,
      and(eq(userRoles.userId, users.id), eq(userRoles.allianceId, allianceId), eq(userRoles.role, 'school-contact')),
    )
    .where(and(eq(schoolContacts.schoolUrn, schoolUrn), isNull(users.deactivatedAt)))
    .orderBy(users.email);
  return rows.map((row) => row.email);
}
