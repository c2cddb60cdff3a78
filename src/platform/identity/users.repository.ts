import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { Role } from '../access.ts';
import { userRoles, users } from './identity.tables.ts';

export type UserRow = typeof users.$inferSelect;
export type NewUser = Pick<typeof users.$inferInsert, 'email' | 'name' | 'jobTitle' | 'passwordHash'>;
export type UserChanges = Partial<
  Pick<typeof users.$inferInsert, 'name' | 'jobTitle' | 'passwordHash' | 'deactivatedAt' | 'updatedAt'>
>;

/** Email addresses are one account whatever their case: `Jo@School.example` is `jo@school.example`. */
const sameEmail = (email: string) => sql`lower(${users.email}) = lower(${email})`;

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sameEmail(email));
  return row;
}

export async function findUserById(db: Executor, id: number): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Inserts the user unless the email address is taken; returns the new row, or undefined on a clash. */
export async function insertUser(db: Executor, user: NewUser): Promise<UserRow | undefined> {
  const [row] = await db.insert(users).values(user).onConflictDoNothing().returning();
  return row;
}

export async function updateUser(db: Executor, id: number, changes: UserChanges): Promise<void> {
  await db.update(users).set(changes).where(eq(users.id, id));
}

export async function listRoles(db: Executor, userId: number, allianceId: number): Promise<Role[]> {
  const rows = await db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.allianceId, allianceId)))
    .orderBy(asc(userRoles.role));
  return rows.map((row) => row.role);
}

export async function replaceRoles(db: Executor, userId: number, allianceId: number, roles: Role[]): Promise<void> {
  await db.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.allianceId, allianceId)));
  if (roles.length > 0) await db.insert(userRoles).values(roles.map((role) => ({ userId, allianceId, role })));
}

export type UserWithRoles = UserRow & { roles: Role[] };

/** Everyone with a role in the alliance, by name. */
export async function listUsersInAlliance(db: Executor, allianceId: number): Promise<UserWithRoles[]> {
  const rows = await db
    .select({ user: users, role: userRoles.role })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(userRoles.allianceId, allianceId))
    .orderBy(asc(users.name), asc(users.id), asc(userRoles.role));
  const byId = new Map<number, UserWithRoles>();
  for (const row of rows) {
    const user = byId.get(row.user.id) ?? { ...row.user, roles: [] };
    user.roles.push(row.role);
    byId.set(row.user.id, user);
  }
  return [...byId.values()];
}

/** Active administrators of the alliance other than `exceptUserId`: the alliance must keep at least one. */
export async function countOtherActiveAdministrators(
  db: Executor,
  allianceId: number,
  exceptUserId: number,
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.allianceId, allianceId),
        eq(userRoles.role, 'administrator'),
        isNull(users.deactivatedAt),
        sql`${users.id} <> ${exceptUserId}`,
      ),
    );
  return row?.count ?? 0;
}

export async function findUsersByIds(db: Executor, ids: number[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(users).where(inArray(users.id, ids));
}
