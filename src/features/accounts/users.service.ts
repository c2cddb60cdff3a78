import type { Database, Executor } from '../../db/database.ts';
import { ROLES, type CurrentUser, type Role } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { Alliance, AllianceService } from '../alliance/alliance.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Outbox } from '../outbox/outbox.service.ts';
import { findSchoolByUrn } from '../schools/schools.repository.ts';
import { findLeaderRow, findLeaderRowByEmail } from '../leaders/leaders.repository.ts';
import type { AccountLinkService } from './account-links.service.ts';
import { retireAccountTokens } from './account-tokens.repository.ts';
import {
  countOtherActiveAdministrators,
  findUserByEmail,
  findUserById,
  insertUser,
  listRoles,
  listUsersInAlliance,
  replaceRoles,
  updateUser,
  type UserWithRoles,
} from './accounts.repository.ts';
import type { SessionService } from './sessions.service.ts';

export type User = UserWithRoles;
export type Invitation = { email: string; name: string; jobTitle: string; roles: Role[]; schoolUrn: number | null };
export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** What the audit trail and the pages call each field of a user. */
export const USER_FIELD_LABELS: Record<string, string> = {
  email: 'Email address',
  name: 'Name',
  jobTitle: 'Job title',
  roles: 'Roles',
  schoolUrn: 'School URN',
  leaderId: 'System leader record',
  status: 'Status',
  password: 'Password',
};

const sortRoles = (roles: Role[]) => ROLES.filter((role) => roles.includes(role));

/** Administrators' work on the alliance's staff: inviting, roles, deactivation. Every change is audited. */
export class UserService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly links: AccountLinkService,
    private readonly sessions: SessionService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<User[]> {
    return listUsersInAlliance(this.db, (await this.alliances.current()).id);
  }

  /** The user, if they have a role in this alliance (administrators of one alliance see only its staff). */
  async find(id: number): Promise<User | undefined> {
    const alliance = await this.alliances.current();
    const user = await findUserById(this.db, id);
    if (!user) return undefined;
    const roles = await listRoles(this.db, id, alliance.id);
    return roles.length > 0 ? { ...user, roles } : undefined;
  }

  private async schoolProblem(roles: Role[], schoolUrn: number | null): Promise<FieldProblem | undefined> {
    if (roles.includes('school-contact') && schoolUrn === null) return { field: 'schoolUrn', message: 'Enter the URN of the school this school contact works for' };
    if (schoolUrn !== null && !(await findSchoolByUrn(this.db, schoolUrn))) return { field: 'schoolUrn', message: `No school in England has the URN ${schoolUrn}` };
    return undefined;
  }

  /** Creates the account with its roles and emails the person a link to set their password. */
  async invite(actor: CurrentUser, invitation: Invitation): Promise<Outcome<number>> {
    const problems: FieldProblem[] = [];
    if (await findUserByEmail(this.db, invitation.email)) problems.push({ field: 'email', message: 'There is already an account with this email address' });
    const school = await this.schoolProblem(invitation.roles, invitation.schoolUrn);
    if (school) problems.push(school);
    if (problems.length > 0) return { ok: false, problems };

    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const leaderId = await this.leaderRecordFor(alliance.id, invitation.roles, invitation.email);
    const id = await this.db.transaction(async (tx) => {
      const user = await insertUser(tx, { email: invitation.email, name: invitation.name, jobTitle: invitation.jobTitle, schoolUrn: invitation.schoolUrn, leaderId, passwordHash: null });
      if (!user) return undefined;
      const roles = sortRoles(invitation.roles);
      await replaceRoles(tx, user.id, alliance.id, roles);
      await this.links.issue(tx, alliance, user, 'invitation');
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'user',
        entityId: user.id,
        action: 'invited',
        after: { email: user.email, name: user.name, jobTitle: user.jobTitle, roles, schoolUrn: user.schoolUrn, ...(leaderId === null ? {} : { leaderId }) },
        at: now,
      });
      return user.id;
    });
    if (id === undefined) return { ok: false, problems: [{ field: 'email', message: 'There is already an account with this email address' }] };
    this.outbox.nudge();
    return { ok: true, value: id };
  }

  /** A new invitation link for someone who has not set a password yet; the old link stops working. */
  async resendInvitation(actor: CurrentUser, userId: number): Promise<boolean> {
    const user = await this.find(userId);
    if (!user || user.passwordHash !== null || user.deactivatedAt !== null) return false;
    const alliance = await this.alliances.current();
    await this.db.transaction(async (tx) => {
      await this.links.issue(tx, alliance, user, 'invitation');
      await recordAudit(tx, { allianceId: alliance.id, actorUserId: actor.id, entityType: 'user', entityId: user.id, action: 'invitation-resent', at: this.clock.now() });
    });
    this.outbox.nudge();
    return true;
  }

  /**
   * Changes what the person may do. The alliance always keeps an active administrator, and an
   * administrator cannot take the role from themselves (another administrator must).
   */
  async changeRoles(actor: CurrentUser, userId: number, change: { roles: Role[]; schoolUrn: number | null }): Promise<Outcome> {
    const user = await this.find(userId);
    if (!user) return { ok: false, problems: [{ field: 'roles', message: 'There is no such user' }] };
    const alliance = await this.alliances.current();
    const roles = sortRoles(change.roles);
    const problems: FieldProblem[] = [];
    const losesAdministrator = user.roles.includes('administrator') && !roles.includes('administrator');
    if (losesAdministrator && user.id === actor.id) problems.push({ field: 'roles', message: 'You cannot remove the administrator role from yourself. Ask another administrator' });
    else if (losesAdministrator && (await countOtherActiveAdministrators(this.db, alliance.id, user.id)) === 0) {
      problems.push({ field: 'roles', message: 'The alliance must keep at least one administrator. Give someone else the role first' });
    }
    const school = await this.schoolProblem(roles, change.schoolUrn);
    if (school) problems.push(school);
    if (problems.length > 0) return { ok: false, problems };

    const before = { roles: user.roles, schoolUrn: user.schoolUrn, leaderId: user.leaderId };
    const after = { roles, schoolUrn: change.schoolUrn, leaderId: await this.leaderRecordFor(alliance.id, roles, user.email) };
    if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true, value: undefined };
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await replaceRoles(tx, user.id, alliance.id, roles);
      await updateUser(tx, user.id, { schoolUrn: change.schoolUrn, leaderId: after.leaderId, updatedAt: now });
      const changedKeys = (Object.keys(after) as Array<keyof typeof after>).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'user',
        entityId: user.id,
        action: 'roles-changed',
        before: Object.fromEntries(changedKeys.map((key) => [key, before[key]])),
        after: Object.fromEntries(changedKeys.map((key) => [key, after[key]])),
        at: now,
      });
    });
    return { ok: true, value: undefined };
  }

  /**
   * A system leader's account is linked to the leader record with the same email address: that is
   * how the service knows which agreements, visits and ledger are theirs. Other roles link to none.
   */
  private async leaderRecordFor(allianceId: number, roles: readonly Role[], email: string): Promise<number | null> {
    if (!roles.includes('system-leader')) return null;
    return (await findLeaderRowByEmail(this.db, allianceId, email))?.id ?? null;
  }

  /** The leader record a system leader's account is linked to, for their account page. */
  async linkedLeader(user: { leaderId: number | null }): Promise<{ id: number; name: string } | undefined> {
    if (user.leaderId === null) return undefined;
    const leader = await findLeaderRow(this.db, (await this.alliances.current()).id, user.leaderId);
    return leader && { id: leader.id, name: leader.name };
  }

  /** Stops the person signing in, at once: their sessions and unused links end too. */
  async deactivate(actor: CurrentUser, userId: number): Promise<Outcome> {
    const user = await this.find(userId);
    if (!user) return { ok: false, problems: [{ field: 'user', message: 'There is no such user' }] };
    if (user.deactivatedAt !== null) return { ok: true, value: undefined };
    if (user.id === actor.id) return { ok: false, problems: [{ field: 'user', message: 'You cannot deactivate your own account' }] };
    const alliance = await this.alliances.current();
    if (user.roles.includes('administrator') && (await countOtherActiveAdministrators(this.db, alliance.id, user.id)) === 0) {
      return { ok: false, problems: [{ field: 'user', message: 'The alliance must keep at least one active administrator' }] };
    }
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await updateUser(tx, user.id, { deactivatedAt: now, updatedAt: now });
      await this.sessions.endAllFor(tx, user.id);
      await retireAccountTokens(tx, user.id, 'invitation', now);
      await retireAccountTokens(tx, user.id, 'password-reset', now);
      await recordAudit(tx, { allianceId: alliance.id, actorUserId: actor.id, entityType: 'user', entityId: user.id, action: 'deactivated', before: { status: 'Active' }, after: { status: 'Deactivated' }, at: now });
    });
    return { ok: true, value: undefined };
  }

  async reactivate(actor: CurrentUser, userId: number): Promise<Outcome> {
    const user = await this.find(userId);
    if (!user) return { ok: false, problems: [{ field: 'user', message: 'There is no such user' }] };
    if (user.deactivatedAt === null) return { ok: true, value: undefined };
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await updateUser(tx, user.id, { deactivatedAt: null, updatedAt: now });
      await recordAudit(tx, { allianceId: alliance.id, actorUserId: actor.id, entityType: 'user', entityId: user.id, action: 'reactivated', before: { status: 'Deactivated' }, after: { status: 'Active' }, at: now });
    });
    return { ok: true, value: undefined };
  }

  /**
   * For `npm run user:create` and the demo seed, which act as the service itself (no actor): creates
   * the account, or adds the roles to an existing one, in the caller's transaction.
   */
  async ensureUser(
    tx: Executor,
    alliance: Alliance,
    details: { email: string; name: string; jobTitle: string; roles: Role[]; schoolUrn?: number | null; passwordHash?: string | null; leaderId?: number | null },
  ): Promise<{ id: number; created: boolean; email: string; name: string }> {
    const now = this.clock.now();
    const existing = await findUserByEmail(tx, details.email);
    const user =
      existing ??
      (await insertUser(tx, {
        email: details.email,
        name: details.name,
        jobTitle: details.jobTitle,
        schoolUrn: details.schoolUrn ?? null,
        leaderId: details.leaderId ?? null,
        passwordHash: details.passwordHash ?? null,
      }));
    if (!user) throw new Error(`Could not create the account for ${details.email}`);
    const before = await listRoles(tx, user.id, alliance.id);
    const roles = sortRoles([...new Set([...before, ...details.roles])]);
    if (existing && roles.length === before.length) return { id: user.id, created: false, email: user.email, name: user.name };
    await replaceRoles(tx, user.id, alliance.id, roles);
    await recordAudit(tx, {
      allianceId: alliance.id,
      actorUserId: null,
      entityType: 'user',
      entityId: user.id,
      action: existing ? 'roles-changed' : 'created',
      before: existing ? { roles: before } : null,
      after: existing ? { roles } : { email: user.email, name: user.name, jobTitle: user.jobTitle, roles, schoolUrn: user.schoolUrn },
      at: now,
    });
    return { id: user.id, created: !existing, email: user.email, name: user.name };
  }
}
