import type { Database, Executor } from '../../db/database.ts';
import { ROLES, type CurrentUser, type Role } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { Alliance, AllianceService } from '../../platform/alliance/alliance.service.ts';
import { auditTrailFor, recordAudit, type AuditTrailRow } from '../../platform/audit/audit.service.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import type { Affiliations, SessionService } from '../../platform/identity/sessions.service.ts';
import type { UserDirectory, UserWithRoles } from '../../platform/identity/users.service.ts';
import type { LeaderService } from '../leaders/leaders.service.ts';
import type { SchoolService } from '../schools/schools.service.ts';
import type { AccountLinkService } from './account-links.service.ts';
import { retireAccountTokens } from './account-tokens.repository.ts';
import { USER_ACTIONS, USER_FIELD_LABELS } from './users.labels.ts';
import { recordStatusChange } from './users.audit.ts';
import { findAffiliations, findSchoolsOf, listSchoolContactEmails, setSchoolOf } from './school-contacts.repository.ts';

/** A member of staff as the administrators' pages show them: their account, roles, school and leader record. */
export type User = UserWithRoles & { schoolUrn: number | null; leaderId: number | null };
export type Invitation = { email: string; name: string; jobTitle: string; roles: Role[]; schoolUrn: number | null };
export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const sortRoles = (roles: Role[]) => ROLES.filter((role) => roles.includes(role));

/** What sessions ask of accounts for each signed-in person: their school and their leader record. */
export const affiliationsOf: Affiliations = (db, userId) => findAffiliations(db, userId);

/** Administrators' work on the alliance's staff: inviting, roles, deactivation. Every change is audited. */
export class UserService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly directory: UserDirectory,
    private readonly links: AccountLinkService,
    private readonly sessions: SessionService,
    private readonly schools: SchoolService,
    private readonly leaders: LeaderService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<User[]> {
    return this.withAffiliations(await this.directory.inAlliance((await this.alliances.current()).id));
  }

  /** The user, if they have a role in this alliance (administrators of one alliance see only its staff). */
  async find(id: number): Promise<User | undefined> {
    const alliance = await this.alliances.current();
    const user = await this.directory.findById(id);
    if (!user) return undefined;
    const roles = await this.directory.rolesOf(id, alliance.id);
    return roles.length > 0 ? (await this.withAffiliations([{ ...user, roles }]))[0] : undefined;
  }

  private async withAffiliations(people: UserWithRoles[]): Promise<User[]> {
    const ids = people.map((person) => person.id);
    const schools = await findSchoolsOf(this.db, ids);
    const leaders = await this.leaders.leadersOfAccounts(ids);
    return people.map((person) => ({
      ...person,
      schoolUrn: schools.get(person.id) ?? null,
      leaderId: leaders.get(person.id) ?? null,
    }));
  }

  /** The account's audit trail, for those who may read it. */
  async trail(user: CurrentUser, userId: number): Promise<AuditTrailRow[] | undefined> {
    const alliance = await this.alliances.current();
    return auditTrailFor(this.db, user, {
      allianceId: alliance.id,
      entityType: 'user',
      entityId: userId,
      labels: USER_FIELD_LABELS,
      actions: USER_ACTIONS,
    });
  }

  /** The email addresses of a school's active school contacts in the alliance, in order. */
  async schoolContactEmails(allianceId: number, schoolUrn: number, db: Executor = this.db): Promise<string[]> {
    return listSchoolContactEmails(db, allianceId, schoolUrn);
  }

  private async schoolProblem(roles: Role[], schoolUrn: number | null): Promise<FieldProblem | undefined> {
    if (roles.includes('school-contact') && schoolUrn === null)
      return { field: 'schoolUrn', message: 'Enter the URN of the school this school contact works for' };
    if (schoolUrn !== null && !(await this.schools.find(schoolUrn)))
      return { field: 'schoolUrn', message: `No school in England has the URN ${schoolUrn}` };
    return undefined;
  }

  /** Creates the account with its roles and emails the person a link to set their password. */
  async invite(actor: CurrentUser, invitation: Invitation): Promise<Outcome<number>> {
    const problems: FieldProblem[] = [];
    if (await this.directory.findByEmail(invitation.email))
      problems.push({ field: 'email', message: 'There is already an account with this email address' });
    const school = await this.schoolProblem(invitation.roles, invitation.schoolUrn);
    if (school) problems.push(school);
    if (problems.length > 0) return { ok: false, problems };

    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const leaderId = await this.leaderRecordFor(alliance.id, invitation.roles, invitation.email);
    const id = await this.db.transaction(async (tx) => {
      const user = await this.directory.insert(tx, {
        email: invitation.email,
        name: invitation.name,
        jobTitle: invitation.jobTitle,
        passwordHash: null,
      });
      if (!user) return undefined;
      const roles = sortRoles(invitation.roles);
      await this.directory.replaceRoles(tx, user.id, alliance.id, roles);
      await setSchoolOf(tx, user.id, invitation.schoolUrn);
      await this.leaders.linkAccount(tx, user.id, leaderId);
      await this.links.issue(tx, alliance, user, 'invitation');
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'user',
        entityId: user.id,
        action: 'invited',
        after: {
          email: user.email,
          name: user.name,
          jobTitle: user.jobTitle,
          roles,
          schoolUrn: invitation.schoolUrn,
          ...(leaderId === null ? {} : { leaderId }),
        },
        at: now,
      });
      return user.id;
    });
    if (id === undefined)
      return {
        ok: false,
        problems: [{ field: 'email', message: 'There is already an account with this email address' }],
      };
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
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'user',
        entityId: user.id,
        action: 'invitation-resent',
        at: this.clock.now(),
      });
    });
    this.outbox.nudge();
    return true;
  }

  /**
   * Changes what the person may do. The alliance always keeps an active administrator, and an
   * administrator cannot take the role from themselves (another administrator must).
   */
  async changeRoles(
    actor: CurrentUser,
    userId: number,
    change: { roles: Role[]; schoolUrn: number | null },
  ): Promise<Outcome> {
    const user = await this.find(userId);
    if (!user) return { ok: false, problems: [{ field: 'roles', message: 'There is no such user' }] };
    const alliance = await this.alliances.current();
    const roles = sortRoles(change.roles);
    const problems: FieldProblem[] = [];
    const losesAdministrator = user.roles.includes('administrator') && !roles.includes('administrator');
    if (losesAdministrator && user.id === actor.id)
      problems.push({
        field: 'roles',
        message: 'You cannot remove the administrator role from yourself. Ask another administrator',
      });
    else if (losesAdministrator && (await this.directory.countOtherActiveAdministrators(alliance.id, user.id)) === 0) {
      problems.push({
        field: 'roles',
        message: 'The alliance must keep at least one administrator. Give someone else the role first',
      });
    }
    const school = await this.schoolProblem(roles, change.schoolUrn);
    if (school) problems.push(school);
    if (problems.length > 0) return { ok: false, problems };

    const before = { roles: user.roles, schoolUrn: user.schoolUrn, leaderId: user.leaderId };
    const after = {
      roles,
      schoolUrn: change.schoolUrn,
      leaderId: await this.leaderRecordFor(alliance.id, roles, user.email),
    };
    if (JSON.stringify(before) === JSON.stringify(after)) return { ok: true, value: undefined };
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await this.directory.replaceRoles(tx, user.id, alliance.id, roles);
      await setSchoolOf(tx, user.id, change.schoolUrn);
      await this.leaders.linkAccount(tx, user.id, after.leaderId);
      await this.directory.update(tx, user.id, { updatedAt: now });
      const changedKeys = (Object.keys(after) as Array<keyof typeof after>).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
      );
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
  private async leaderRecordFor(
    allianceId: number,
    roles: readonly Role[],
    email: string,
    db: Executor = this.db,
  ): Promise<number | null> {
    if (!roles.includes('system-leader')) return null;
    return (await this.leaders.findByEmail(allianceId, email, db))?.id ?? null;
  }

  /** The leader record a system leader's account is linked to, for their account page. */
  async linkedLeader(user: { leaderId: number | null }): Promise<{ id: number; name: string } | undefined> {
    if (user.leaderId === null) return undefined;
    const leader = await this.leaders.findRecord((await this.alliances.current()).id, user.leaderId);
    return leader && { id: leader.id, name: leader.name };
  }

  /** Stops the person signing in, at once: their sessions and unused links end too. */
  async deactivate(actor: CurrentUser, userId: number): Promise<Outcome> {
    const user = await this.find(userId);
    if (!user) return { ok: false, problems: [{ field: 'user', message: 'There is no such user' }] };
    if (user.deactivatedAt !== null) return { ok: true, value: undefined };
    if (user.id === actor.id)
      return { ok: false, problems: [{ field: 'user', message: 'You cannot deactivate your own account' }] };
    const alliance = await this.alliances.current();
    if (
      user.roles.includes('administrator') &&
      (await this.directory.countOtherActiveAdministrators(alliance.id, user.id)) === 0
    ) {
      return {
        ok: false,
        problems: [{ field: 'user', message: 'The alliance must keep at least one active administrator' }],
      };
    }
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await this.directory.update(tx, user.id, { deactivatedAt: now, updatedAt: now });
      await this.sessions.endAllFor(tx, user.id);
      await retireAccountTokens(tx, user.id, 'invitation', now);
      await retireAccountTokens(tx, user.id, 'password-reset', now);
      await recordStatusChange(tx, { allianceId: alliance.id, actor, userId: user.id, at: now, active: false });
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
      await this.directory.update(tx, user.id, { deactivatedAt: null, updatedAt: now });
      await recordStatusChange(tx, { allianceId: alliance.id, actor, userId: user.id, at: now, active: true });
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
    details: {
      email: string;
      name: string;
      jobTitle: string;
      roles: Role[];
      schoolUrn?: number | null;
      passwordHash?: string | null;
      leaderId?: number | null;
    },
  ): Promise<{ id: number; created: boolean; email: string; name: string }> {
    const now = this.clock.now();
    const existing = await this.directory.findByEmail(details.email, tx);
    const user =
      existing ??
      (await this.directory.insert(tx, {
        email: details.email,
        name: details.name,
        jobTitle: details.jobTitle,
        passwordHash: details.passwordHash ?? null,
      }));
    if (!user) throw new Error(`Could not create the account for ${details.email}`);
    if (!existing) await setSchoolOf(tx, user.id, details.schoolUrn ?? null);
    const before = await this.directory.rolesOf(user.id, alliance.id, tx);
    const roles = sortRoles([...new Set([...before, ...details.roles])]);
    if (existing && roles.length === before.length)
      return { id: user.id, created: false, email: user.email, name: user.name };
    await this.directory.replaceRoles(tx, user.id, alliance.id, roles);
    const leaderId = details.leaderId ?? (await this.leaderRecordFor(alliance.id, roles, user.email, tx));
    if (leaderId !== null) await this.leaders.linkAccount(tx, user.id, leaderId);
    await recordAudit(tx, {
      allianceId: alliance.id,
      actorUserId: null,
      entityType: 'user',
      entityId: user.id,
      action: existing ? 'roles-changed' : 'created',
      before: existing ? { roles: before } : null,
      after: existing
        ? { roles }
        : { email: user.email, name: user.name, jobTitle: user.jobTitle, roles, schoolUrn: details.schoolUrn ?? null },
      at: now,
    });
    return { id: user.id, created: !existing, email: user.email, name: user.name };
  }
}
