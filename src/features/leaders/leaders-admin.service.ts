import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import { addMonths, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import type { UploadedFile } from '../../platform/uploads/uploads.multipart.ts';
import type { ImportLocks, ImportBusy } from '../../platform/uploads/uploads.service.ts';
import {
  findAuditEventAbout,
  latestAuditEvents,
  auditTrailFor,
  type AuditEventWithActor,
  type AuditTrailRow,
} from '../../platform/audit/audit.service.ts';
import { trainingDue } from './designated-leaders.service.ts';
import { auditLeaderChange, LEADER_ACTIONS, LEADER_FIELD_LABELS } from './leader-audit.ts';
import { findUsersLinkedTo } from './leader-accounts.repository.ts';
import { countReviews, searchRegister } from './leader-register.repository.ts';
import type { DesignationChange, LeaderDetails, OwnProfile, RegisterQuery } from './leaders-admin.schema.ts';
import { REGISTER_PAGE_SIZE } from './leaders-admin.schema.ts';
import { DESIGNATION_ABBREVIATIONS } from './leaders.schema.ts';
import {
  listDesignations,
  refreshDirectoryEntries,
  upsertDesignation,
  type DesignationRow,
} from './leaders.repository.ts';
import { defaultReviewDate, loadLeader, saveLeader, type Leader } from './leaders.service.ts';
import { ACTIVE_DESIGNATION_STATUSES } from './leaders.model.ts';
import type { HomeSchoolChanged } from './designation-state.service.ts';
import { importRoster, recordRosterImport, type RosterReport } from './roster-import.ts';

/** How far ahead a review counts as due soon: a term and a bit, time to arrange one. */
const REVIEW_WARNING_MONTHS = 3;
/** Uploads of a roster are recorded against the alliance, as this kind of record. */
const ROSTER_ENTITY = 'leader-roster';

export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Whether a designation in force is past its review date, or near it. */
export type ReviewState = 'overdue' | 'due-soon' | undefined;

/** `trainingDue`: in force with no core training recorded, so "designated, training due". */
export type DesignationWithReview = DesignationRow & { review: ReviewState; trainingDue: boolean };

type RosterUpload = { ok: true; eventId: number; report: RosterReport } | { ok: false; busy: ImportBusy };

export type RegisterEntry = {
  id: number;
  name: string;
  email: string;
  listed: boolean;
  homeSchool: { urn: number; name: string };
  designations: DesignationWithReview[];
};

export type RegisterPage = {
  total: number;
  page: number;
  pageCount: number;
  entries: RegisterEntry[];
  reviews: { overdue: number; dueSoon: number };
};

export type LeaderRecord = Omit<Leader, 'designations'> & {
  designations: DesignationWithReview[];
  linkedUsers: Awaited<ReturnType<typeof findUsersLinkedTo>>;
};

/**
 * Coordinators and administrators keeping the register of system leaders true: finding leaders,
 * adding them, correcting their details and designations, and uploading rosters; and each system
 * leader keeping their own directory profile. Every change goes through saveLeader or
 * refreshDirectoryEntries, so the public directory shows it at once, and onto the leader's trail.
 */
export class LeaderAdminService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly locks: ImportLocks,
    private readonly clock: Clock,
    private readonly homeSchoolChanged: HomeSchoolChanged = async () => undefined,
  ) {}

  /** Today in London: the day reviews fall due and consent is given. */
  today(): CalendarDate {
    return londonDate(this.clock.now());
  }

  private reviewOf(designation: DesignationRow): ReviewState {
    if (!designation.reviewDate || !ACTIVE_DESIGNATION_STATUSES.includes(designation.status)) return undefined;
    const today = this.today();
    if (designation.reviewDate < today) return 'overdue';
    return designation.reviewDate <= addMonths(today, REVIEW_WARNING_MONTHS) ? 'due-soon' : undefined;
  }

  private withReview(designation: DesignationRow): DesignationWithReview {
    return { ...designation, review: this.reviewOf(designation), trainingDue: trainingDue(designation) };
  }

  async register(query: RegisterQuery): Promise<RegisterPage> {
    const alliance = await this.alliances.current();
    const today = this.today();
    const soon = addMonths(today, REVIEW_WARNING_MONTHS);
    const filters = {
      // Each word matched as typed (parameters, and LIKE's wildcards escaped): an email address is one word.
      words: (query.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10),
      types: query.type,
      statuses: query.status,
      listed: query.listed === undefined ? undefined : query.listed === 'yes',
      review: query.review ? { which: query.review, today, soon } : undefined,
      limit: REGISTER_PAGE_SIZE,
      offset: (query.page - 1) * REGISTER_PAGE_SIZE,
    };
    const [rows, reviews] = await Promise.all([
      searchRegister(this.db, alliance.id, filters),
      countReviews(this.db, alliance.id, today, soon),
    ]);
    // A page past the end has no row to carry the total: ask for the first row instead.
    const total =
      rows[0]?.total ??
      (query.page > 1
        ? ((await searchRegister(this.db, alliance.id, { ...filters, limit: 1, offset: 0 }))[0]?.total ?? 0)
        : 0);
    const designations = await listDesignations(
      this.db,
      rows.map((row) => row.id),
    );
    return {
      total,
      page: query.page,
      pageCount: Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE)),
      reviews,
      entries: rows.map((row) => ({
        id: row.id,
        name: row.name,
        email: row.email,
        listed: row.listed,
        homeSchool: { urn: row.homeSchoolUrn, name: row.homeSchoolName },
        designations: designations
          .filter((designation) => designation.leaderId === row.id)
          .map((designation) => this.withReview(designation)),
      })),
    };
  }

  /** The leader's audit trail, for those who may read it. */
  async trail(user: CurrentUser, leaderId: number): Promise<AuditTrailRow[] | undefined> {
    const alliance = await this.alliances.current();
    return auditTrailFor(this.db, user, {
      allianceId: alliance.id,
      entityType: 'leader',
      entityId: leaderId,
      labels: LEADER_FIELD_LABELS,
      actions: LEADER_ACTIONS,
    });
  }

  /** The latest uploads of a roster, newest first. */
  async earlierRosterImports(limit: number): Promise<AuditEventWithActor[]> {
    const alliance = await this.alliances.current();
    return latestAuditEvents(this.db, alliance.id, ROSTER_ENTITY, alliance.id, limit);
  }

  /** One upload's record (its audit event), if it is one of the alliance's. */
  async rosterImport(eventId: number): Promise<AuditEventWithActor | undefined> {
    return findAuditEventAbout(this.db, (await this.alliances.current()).id, ROSTER_ENTITY, eventId);
  }

  async find(id: number): Promise<LeaderRecord | undefined> {
    const alliance = await this.alliances.current();
    const leader = await loadLeader(this.db, alliance.id, id);
    if (!leader) return undefined;
    return {
      ...leader,
      designations: leader.designations.map((designation) => this.withReview(designation)),
      linkedUsers: await findUsersLinkedTo(this.db, id),
    };
  }

  /** Adds a leader with their first designation. An email already on the register is refused. */
  async add(
    actor: CurrentUser,
    details: LeaderDetails & { homeSchoolUrn: number },
    designation: DesignationChange,
  ): Promise<Outcome<number>> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const saved = await saveLeader(tx, alliance.id, { ...details, designations: [designation] }, now, 'new');
      if (!saved.ok) return saved;
      await auditLeaderChange(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        leaderId: saved.leaderId,
        action: 'added',
        before: undefined,
        at: now,
      });
      return { ok: true, value: saved.leaderId };
    });
  }

  /** Changes a leader's details (not their designations); true when anything changed. */
  async changeDetails(
    actor: CurrentUser,
    leaderId: number,
    details: LeaderDetails & { homeSchoolUrn: number },
  ): Promise<Outcome<boolean>> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const before = await loadLeader(tx, alliance.id, leaderId);
      if (!before) return { ok: false, problems: [{ field: 'leader', message: 'There is no such leader' }] };
      const saved = await saveLeader(tx, alliance.id, { ...details, designations: [] }, now, { leaderId });
      if (!saved.ok) return saved;
      if (saved.change === 'unchanged') return { ok: true, value: false };
      await auditLeaderChange(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        leaderId,
        action: 'details-changed',
        before,
        at: now,
      });
      const move = { allianceId: alliance.id, leaderId, movedOn: this.today(), actorUserId: actor.id, at: now };
      if (before.homeSchoolUrn !== details.homeSchoolUrn) await this.homeSchoolChanged(tx, move);
      return { ok: true, value: true };
    });
  }

  /**
   * Adds a designation of a type the leader does not hold, or changes the one they hold. A review
   * date left blank is, for an SLE, 4 years after the start. True when anything changed.
   */
  async saveDesignation(
    actor: CurrentUser,
    leaderId: number,
    change: DesignationChange,
    mode: 'add' | 'change',
  ): Promise<Outcome<boolean>> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const wanted = { ...change, reviewDate: change.reviewDate ?? defaultReviewDate(change.type, change.startDate) };
    return this.db.transaction(async (tx) => {
      const before = await loadLeader(tx, alliance.id, leaderId);
      if (!before) return { ok: false, problems: [{ field: 'leader', message: 'There is no such leader' }] };
      const held = before.designations.find((designation) => designation.type === change.type);
      if (mode === 'add' && held) {
        return {
          ok: false,
          problems: [
            {
              field: 'type',
              message: `${before.name} already holds an ${DESIGNATION_ABBREVIATIONS[change.type]} designation: change it from their page`,
            },
          ],
        };
      }
      if (mode === 'change' && !held)
        return { ok: false, problems: [{ field: 'leader', message: 'There is no such designation' }] };
      if (
        held &&
        held.status === wanted.status &&
        held.startDate === wanted.startDate &&
        held.reviewDate === wanted.reviewDate
      )
        return { ok: true, value: false };
      await upsertDesignation(tx, leaderId, wanted);
      await refreshDirectoryEntries(tx, [leaderId]);
      await auditLeaderChange(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        leaderId,
        action: mode === 'add' ? 'designation-added' : 'designation-changed',
        before,
        at: now,
      });
      return { ok: true, value: true };
    });
  }

  /** The signed-in system leader's own record, if their account is linked to one in this alliance. */
  async findOwn(user: CurrentUser): Promise<Leader | undefined> {
    if (user.leaderId === null) return undefined;
    return loadLeader(this.db, (await this.alliances.current()).id, user.leaderId);
  }

  /**
   * A system leader changing what the directory says about them: their profile, phases and consent
   * to be listed (given today when newly given). Only ever their own record, found from their
   * account, never from anything the form sends. True when anything changed.
   */
  async changeOwnProfile(user: CurrentUser, profile: OwnProfile): Promise<Outcome<boolean>> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const leaderId = user.leaderId;
    if (leaderId === null)
      return { ok: false, problems: [{ field: 'leader', message: 'Your account is not linked to a system leader' }] };
    return this.db.transaction(async (tx) => {
      const before = await loadLeader(tx, alliance.id, leaderId);
      if (!before)
        return { ok: false, problems: [{ field: 'leader', message: 'Your account is not linked to a system leader' }] };
      const input = {
        name: before.name,
        email: before.email,
        jobTitle: before.jobTitle,
        homeSchoolUrn: before.homeSchoolUrn,
        specialisms: before.specialisms.map((specialism) => specialism.name),
        designations: [],
        ...profile,
        listedConsentOn: profile.listed && !before.listed ? this.today() : undefined,
      };
      const saved = await saveLeader(tx, alliance.id, input, now, { leaderId });
      if (!saved.ok) return saved;
      if (saved.change === 'unchanged') return { ok: true, value: false };
      await auditLeaderChange(tx, {
        allianceId: alliance.id,
        actorUserId: user.id,
        leaderId,
        action: 'profile-changed',
        before,
        at: now,
      });
      return { ok: true, value: true };
    });
  }

  /**
   * Imports an uploaded roster, one at a time per alliance, and records it as one event with its
   * counts (each leader changed also gets an event on their own trail; a move of school opens its
   * review, as the edit form's does). Returns that event's id.
   */
  async importRoster(actor: CurrentUser, file: UploadedFile): Promise<RosterUpload> {
    const alliance = await this.alliances.current();
    const outcome = await this.locks.runExclusive(`roster:${alliance.id}`, actor.id, async () => {
      const now = this.clock.now();
      const moves = { actorUserId: actor.id, homeSchoolChanged: this.homeSchoolChanged };
      const report = await importRoster(this.db, alliance.id, file.path, now, moves);
      const eventId = await this.db.transaction((tx) =>
        recordRosterImport(tx, {
          allianceId: alliance.id,
          actorUserId: actor.id,
          fileName: file.filename,
          report,
          at: now,
        }),
      );
      return { eventId, report };
    });
    return outcome.ok ? { ok: true, ...outcome.value } : outcome;
  }
}
