import type { Database, Executor } from '../../db/database.ts';
import { hasAnyRole, type CurrentUser, type Role } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import {
  auditTrailFor,
  recordAudit,
  type AuditFields,
  type AuditTrailRow,
} from '../../platform/audit/audit.service.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { User, UserService } from '../accounts/users.service.ts';
import type { School, SchoolService } from '../schools/schools.service.ts';
import type { Hearing } from './applications.model.ts';
import { conflictOf, membersWhoDecided, type Conflict } from './panel-conflicts.ts';
import { PANEL_TRAIL_ACTIONS, PANEL_TRAIL_LABELS } from './panel-trail.ts';
import {
  assignAppeal,
  findPanel,
  insertMember,
  insertPanel,
  insertPanelApplication,
  listAppealsHeardBy,
  listDeclaredConflicts,
  listMembers,
  listPanelApplicationIds,
  listPanels,
  setChair,
  type PanelRow,
} from './panels.repository.ts';
import {
  APPLICATION_AUDIT,
  type ApplicationSummary,
  type StaffApplicationsService,
} from './staff-applications.service.ts';

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };
export type NewPanel = { meetsOn: string; hearing: Hearing; note: string };

/** Who runs panels: they make them, choose members and chairs, and may record a decision for the chair. */
export const PANEL_MANAGERS: readonly Role[] = ['coordinator', 'administrator'];
export const PANEL_AUDIT = 'panel';

export type PanelMember = { userId: number; name: string; email: string; school: School | undefined; chair: boolean };
export type AppealHeard = Awaited<ReturnType<typeof listAppealsHeardBy>>[number];

/** A panel as one person may see it: who sits, what it considers, and what this person may do there. */
export type PanelView = {
  panel: PanelRow;
  members: PanelMember[];
  applications: Array<ApplicationSummary & { conflict: Conflict | undefined; appeal: AppealHeard | undefined }>;
  viewer: { manages: boolean; member: boolean; chair: boolean };
};

const problem = (field: string, message: string): Outcome<never> => ({ ok: false, problems: [{ field, message }] });

/**
 * Designation panels: heads meeting on a date to assess applications, or to hear appeals. Coordinators
 * and administrators run every panel; a panel member sees only the panels they sit on (any other is
 * "not found" to them, so a panel's existence is not given away).
 */
export class PanelService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly users: UserService,
    private readonly schools: SchoolService,
    private readonly applications: StaffApplicationsService,
    private readonly clock: Clock,
  ) {}

  manages(user: CurrentUser): boolean {
    return hasAnyRole(user, PANEL_MANAGERS);
  }

  /** The panels the person may open: every one for those who run them, else those they sit on. */
  async list(user: CurrentUser): Promise<Array<PanelRow & { memberCount: number; applicationCount: number }>> {
    const alliance = await this.alliances.current();
    const rows = await listPanels(this.db, alliance.id, this.manages(user) ? undefined : user.id);
    const ids = rows.map((row) => row.id);
    const members = await listMembers(this.db, ids);
    const considered = await listPanelApplicationIds(this.db, ids);
    return rows.map((row) => ({
      ...row,
      memberCount: members.filter((member) => member.panelId === row.id).length,
      applicationCount: considered.filter((item) => item.panelId === row.id).length,
    }));
  }

  /** The panel as the person may see it, or undefined when it is not theirs to see. */
  async view(user: CurrentUser, id: number, db: Executor = this.db): Promise<PanelView | undefined> {
    const alliance = await this.alliances.current();
    const panel = await findPanel(db, alliance.id, id);
    if (!panel) return undefined;
    const memberRows = await listMembers(db, [id]);
    const member = memberRows.some((row) => row.userId === user.id);
    if (!member && !this.manages(user)) return undefined;
    const accounts = new Map((await this.users.list()).map((account) => [account.id, account]));
    const schools = await this.schoolsByUrn(memberRows.map((row) => row.schoolUrn));
    const members = memberRows
      .map((row) => ({
        userId: row.userId,
        name: accounts.get(row.userId)?.name ?? `User ${row.userId}`,
        email: accounts.get(row.userId)?.email ?? '',
        school: row.schoolUrn === null ? undefined : schools.get(row.schoolUrn),
        chair: panel.chairUserId === row.userId,
      }))
      .sort((a, b) => Number(b.chair) - Number(a.chair) || a.name.localeCompare(b.name));
    const ids = (await listPanelApplicationIds(db, [id])).map((row) => row.applicationId);
    const summaries = await this.applications.summariesOf(ids, db);
    const declared = await listDeclaredConflicts(db, id);
    const appeals = panel.hearing === 'appeal' ? await listAppealsHeardBy(db, alliance.id, id) : [];
    const mine = memberRows.find((row) => row.userId === user.id);
    const mySchool = mine?.schoolUrn == null ? undefined : schools.get(mine.schoolUrn);
    return {
      panel,
      members,
      applications: ids
        .map((applicationId) => summaries.get(applicationId))
        .filter((summary): summary is ApplicationSummary => summary !== undefined)
        .map((summary) => ({
          ...summary,
          conflict: mine
            ? conflictOf({
                member: mySchool ?? null,
                applicant: summary.school ?? null,
                declared: declared.find((row) => row.userId === user.id && row.applicationId === summary.id),
              })
            : undefined,
          appeal: appeals.find((row) => row.decision.applicationId === summary.id),
        })),
      viewer: { manages: this.manages(user), member, chair: panel.chairUserId === user.id },
    };
  }

  /** Accounts with the panel member role who do not sit on the panel yet: whom a coordinator may add. */
  async candidates(view: PanelView): Promise<User[]> {
    const sitting = new Set(view.members.map((member) => member.userId));
    return (await this.users.list()).filter(
      (account) => account.roles.includes('panel-member') && !account.deactivatedAt && !sitting.has(account.id),
    );
  }

  /** What a coordinator may put to the panel: applications ready for one, or appeals waiting for a panel. */
  async proposable(view: PanelView): Promise<Array<{ id: number; text: string }>> {
    if (view.panel.hearing === 'application')
      return (await this.applications.readyForPanel()).map((row) => ({
        id: row.id,
        text: `${row.reference ?? ''}: ${row.applicantName}`,
      }));
    const alliance = await this.alliances.current();
    const waiting = await listAppealsHeardBy(this.db, alliance.id, null);
    const summaries = await this.applications.summariesOf(waiting.map((row) => row.decision.applicationId));
    return waiting.map((row) => {
      const summary = summaries.get(row.decision.applicationId);
      return { id: row.appeal.id, text: `${summary?.reference ?? ''}: ${summary?.applicantName ?? ''} (appeal)` };
    });
  }

  async create(actor: CurrentUser, panel: NewPanel): Promise<number> {
    const alliance = await this.alliances.current();
    return this.db.transaction(async (tx) => {
      const id = await insertPanel(tx, { allianceId: alliance.id, ...panel });
      await this.audit(tx, actor, id, 'created', { meetsOn: panel.meetsOn, hearing: panel.hearing, note: panel.note });
      return id;
    });
  }

  /** Adds a panel member, with their account's school for the conflict rule. */
  async addMember(actor: CurrentUser, view: PanelView, userId: number): Promise<Outcome> {
    const account = (await this.candidates(view)).find((candidate) => candidate.id === userId);
    if (!account) return problem('userId', 'Select a panel member from the list');
    if (view.panel.hearing === 'appeal') {
      const sat = await this.decidingMembers(view.panel.id);
      if (sat.has(userId))
        return problem('userId', `${account.name} sat on the panel whose decision this panel hears on appeal`);
    }
    await this.db.transaction(async (tx) => {
      await insertMember(tx, { panelId: view.panel.id, userId, schoolUrn: account.schoolUrn });
      await this.audit(tx, actor, view.panel.id, 'member-added', { member: account.name });
    });
    return { ok: true, value: undefined };
  }

  async chooseChair(actor: CurrentUser, view: PanelView, userId: number): Promise<Outcome> {
    const member = view.members.find((candidate) => candidate.userId === userId);
    if (!member) return problem('chairUserId', 'Select the chair from the panel’s members');
    await this.db.transaction(async (tx) => {
      await setChair(tx, view.panel.id, userId);
      const before = view.members.find((candidate) => candidate.chair)?.name ?? null;
      await this.audit(tx, actor, view.panel.id, 'chair-chosen', { chair: member.name }, { chair: before });
    });
    return { ok: true, value: undefined };
  }

  /** Puts an application that is ready for a panel to this one, or (for an appeal panel) an appeal. */
  async addApplication(actor: CurrentUser, view: PanelView, id: number): Promise<Outcome> {
    const proposable = await this.proposable(view);
    const chosen = proposable.find((item) => item.id === id);
    if (!chosen)
      return problem(
        'applicationId',
        view.panel.hearing === 'appeal'
          ? 'Select an appeal waiting for a panel'
          : 'Select an application that is ready for a panel',
      );
    return view.panel.hearing === 'appeal'
      ? this.addAppeal(actor, view, id, chosen.text)
      : this.putApplication(actor, view, id, chosen.text);
  }

  async trail(user: CurrentUser, id: number): Promise<AuditTrailRow[] | undefined> {
    const alliance = await this.alliances.current();
    return auditTrailFor(this.db, user, {
      allianceId: alliance.id,
      entityType: PANEL_AUDIT,
      entityId: id,
      labels: PANEL_TRAIL_LABELS,
      actions: PANEL_TRAIL_ACTIONS,
    });
  }

  private async putApplication(
    actor: CurrentUser,
    view: PanelView,
    applicationId: number,
    described: string,
  ): Promise<Outcome> {
    await this.db.transaction(async (tx) => {
      if (!(await insertPanelApplication(tx, view.panel.id, applicationId))) return;
      await this.audit(tx, actor, view.panel.id, 'application-added', { application: described });
      await this.auditApplication(tx, actor, applicationId, 'put-to-panel', { panel: view.panel.meetsOn });
    });
    return { ok: true, value: undefined };
  }

  private async addAppeal(actor: CurrentUser, view: PanelView, appealId: number, described: string): Promise<Outcome> {
    const alliance = await this.alliances.current();
    const appeal = (await listAppealsHeardBy(this.db, alliance.id, null)).find((row) => row.appeal.id === appealId)!;
    const deciding = (await listMembers(this.db, [appeal.decision.panelId])).map((row) => row.userId);
    const sat = membersWhoDecided(
      view.members.map((member) => member.userId),
      deciding,
    );
    if (sat.length > 0) {
      const names = view.members.filter((member) => sat.includes(member.userId)).map((member) => member.name);
      return problem(
        'applicationId',
        `An appeal is heard by a different panel: ${names.join(' and ')} sat on the panel that made the decision`,
      );
    }
    const added = await this.db.transaction(async (tx) => {
      if (!(await assignAppeal(tx, appealId, view.panel.id))) return false;
      await insertPanelApplication(tx, view.panel.id, appeal.decision.applicationId);
      await this.audit(tx, actor, view.panel.id, 'appeal-added', { application: described });
      await this.auditApplication(tx, actor, appeal.decision.applicationId, 'appeal-to-panel', {
        panel: view.panel.meetsOn,
      });
      return true;
    });
    return added ? { ok: true, value: undefined } : problem('applicationId', 'Select an appeal waiting for a panel');
  }

  /** Everyone who sat on a panel whose decision this appeal panel hears. */
  private async decidingMembers(panelId: number): Promise<Set<number>> {
    const alliance = await this.alliances.current();
    const heard = await listAppealsHeardBy(this.db, alliance.id, panelId);
    const members = await listMembers(
      this.db,
      heard.map((row) => row.decision.panelId),
    );
    return new Set(members.map((row) => row.userId));
  }

  private async schoolsByUrn(urns: Array<number | null>): Promise<Map<number, School>> {
    const wanted = [...new Set(urns.filter((urn): urn is number => urn !== null))];
    return new Map((await this.schools.findMany(wanted)).map((school) => [school.urn, school]));
  }

  /** An entry on the panel's trail. */
  audit(tx: Executor, actor: CurrentUser, panelId: number, action: string, after: AuditFields, before?: AuditFields) {
    return this.record(tx, actor, { entityType: PANEL_AUDIT, entityId: panelId }, action, after, before);
  }

  /** An entry on an application's trail (its page shows it beside the answers). */
  auditApplication(
    tx: Executor,
    actor: CurrentUser,
    applicationId: number,
    action: string,
    after: AuditFields,
    before?: AuditFields,
  ) {
    return this.record(tx, actor, { entityType: APPLICATION_AUDIT, entityId: applicationId }, action, after, before);
  }

  private async record(
    tx: Executor,
    actor: CurrentUser,
    entity: { entityType: string; entityId: number },
    action: string,
    after: AuditFields,
    before: AuditFields | undefined,
  ): Promise<void> {
    const alliance = await this.alliances.currentIn(tx);
    await recordAudit(tx, {
      allianceId: alliance.id,
      actorUserId: actor.id,
      ...entity,
      action,
      before,
      after,
      at: this.clock.now(),
    });
  }
}
