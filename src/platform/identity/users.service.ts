import type { Database, Executor } from '../../db/database.ts';
import type { Role } from '../access.ts';
import {
  countOtherActiveAdministrators,
  findUserByEmail,
  findUserById,
  findUsersByIds,
  insertUser,
  listRoles,
  listUsersInAlliance,
  replaceRoles,
  updateUser,
  type NewUser,
  type UserChanges,
  type UserRow,
  type UserWithRoles,
} from './users.repository.ts';

export type { UserRow, UserWithRoles };

/**
 * Who can sign in, and the roles they hold in each alliance: what every capability and the rest of
 * the platform (sessions, the audit trail's "who") know of a person. The rules about changing them
 * (invitations, the last administrator) belong to the accounts capability, which calls these.
 * Changes take the caller's transaction, so they commit with the change that causes them.
 */
export class UserDirectory {
  constructor(private readonly db: Database) {}

  findByEmail(email: string, db: Executor = this.db): Promise<UserRow | undefined> {
    return findUserByEmail(db, email);
  }

  findById(id: number, db: Executor = this.db): Promise<UserRow | undefined> {
    return findUserById(db, id);
  }

  findByIds(ids: number[], db: Executor = this.db): Promise<UserRow[]> {
    return findUsersByIds(db, ids);
  }

  rolesOf(userId: number, allianceId: number, db: Executor = this.db): Promise<Role[]> {
    return listRoles(db, userId, allianceId);
  }

  /** Everyone with a role in the alliance, by name. */
  inAlliance(allianceId: number, db: Executor = this.db): Promise<UserWithRoles[]> {
    return listUsersInAlliance(db, allianceId);
  }

  /** Active administrators of the alliance other than `exceptUserId`: the alliance must keep at least one. */
  countOtherActiveAdministrators(allianceId: number, exceptUserId: number): Promise<number> {
    return countOtherActiveAdministrators(this.db, allianceId, exceptUserId);
  }

  /** The new row, or undefined when the email address is taken. */
  insert(tx: Executor, user: NewUser): Promise<UserRow | undefined> {
    return insertUser(tx, user);
  }

  update(tx: Executor, id: number, changes: UserChanges): Promise<void> {
    return updateUser(tx, id, changes);
  }

  replaceRoles(tx: Executor, userId: number, allianceId: number, roles: Role[]): Promise<void> {
    return replaceRoles(tx, userId, allianceId, roles);
  }
}

/** "Bethan Morgan (bethan@alliance.example)": a person as an audit entry names them, in the caller's transaction. */
export async function describeUser(db: Executor, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  const user = await findUserById(db, userId);
  return user ? `${user.name} (${user.email})` : `User ${userId}`;
}
