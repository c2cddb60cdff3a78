import type { Database } from '../../db/database.ts';

import { hasAnyRole, type CurrentUser } from '../../platform/access.ts';

import { londonDate } from '../../platform/calendar/london-time.ts';

import type { Clock } from '../../platform/clock.ts';

import type { FieldProblem } from '../../platform/forms.ts';

import type { UserDirectory } from '../../platform/identity/users.service.ts';

import type { AllianceService } from '../../platform/alliance/alliance.service.ts';

import {
  findEnquiryByReference,
  listEnquiryEvents,
  listEnquiryNotes,
  listEnquirySpecialismNames,
  type EnquiryRow,
} from './enquiries.repository.ts';

import type { PriorityReason } from './enquiries.model.ts';

import { auditTrailFor, type AuditTrailRow } from '../../platform/audit/audit.service.ts';

import {
  addNote,
  assignCoordinator,
  ENQUIRY_AUDIT_ACTIONS,
  ENQUIRY_AUDIT_LABELS,
  correctFirstContact,
  moveEnquiry,
  recordFirstContact,
  setPriorityReasons,
  type ChangeOutcome,
  type FirstContact,
} from './enquiry-lifecycle.service.ts';

import { isDeskMove, type EnquiryStatus } from './enquiry-status.ts';

import type { LeaderService } from '../leaders/leaders.service.ts';

import type { SchoolService } from '../schools/schools.service.ts';

import { countDesk, countQueue, listQueue, listSchoolEnquiries, type DeskCounts } from './desk.repository.ts';

import { QUEUE_PAGE_SIZE, type FirstContactInput, type QueueQuery } from './desk.schema.ts';

import { clockState } from './enquiry-clock.ts';
import { checkLateness, whenFirstContactWas } from './first-contact.ts';

import {
  DESK_ROLES,
  type DeskStaffMember,
  type QueuePage,
  type Outcome,
  type EnquiryFile,
  type SchoolEnquiryView,
} from './desk.types.ts';

const problem = (field: string, message: string): Outcome => ({ ok: false, problems: [{ field, message }] });
const fromChange = (outcome: ChangeOutcome, field: string, reasonField = field): Outcome =>
  outcome.ok ? outcome : problem(outcome.about === 'reason' ? reasonField : field, outcome.message);

/** Why the desk's status page does not make some moves itself. */
const MOVES_MADE_ELSEWHERE: Partial<Record<EnquiryStatus, string>> = {
  contacted: 'Record the first contact with the school to mark the enquiry as contacted',
  proposed: 'An enquiry becomes proposed when a leader is proposed for it',
  agreed: 'An enquiry becomes agreed when its support is agreed',
};

/** The coordinators' desk: the queue, an enquiry's file, and the changes they make to it. */
export class EnquiryDeskService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly users: UserDirectory,
    private readonly schools: SchoolService,
    private readonly leaders: LeaderService,
    private readonly clock: Clock,
  ) {}

  /** Now: when a first contact made just now happened, as the form suggests it. */
  now(): Date {
    return this.clock.now();
  }

  private async context() {
    const alliance = await this.alliances.current();
    return { alliance, calendar: await this.alliances.calendar(), today: londonDate(this.clock.now()) };
  }

  async queue(user: CurrentUser, query: QueueQuery): Promise<QueuePage> {
    const { alliance, calendar, today } = await this.context();
    const coordinatorUserId =
      query.coordinator === 'mine' ? user.id : query.coordinator === 'unassigned' ? null : query.coordinator;
    const filters = {
      allianceId: alliance.id,
      status: query.status,
      kind: query.kind,
      specialismId: query.specialism,
      coordinatorUserId,
      response: query.response,
      today,
    };
    const total = await countQueue(this.db, filters);
    const rows = await listQueue(this.db, filters, {
      sort: query.sort,
      limit: QUEUE_PAGE_SIZE,
      offset: (query.page - 1) * QUEUE_PAGE_SIZE,
    });
    return {
      items: rows.map((row) => ({ ...row, clock: clockState(row, today, calendar) })),
      total,
      page: query.page,
      pageCount: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
      today,
    };
  }

  async counts(user: CurrentUser): Promise<DeskCounts> {
    const { alliance, today } = await this.context();
    return countDesk(this.db, alliance.id, today, user.id);
  }

  /** Coordinators and administrators who can work enquiries, by name. */
  async staff(): Promise<DeskStaffMember[]> {
    const alliance = await this.alliances.current();
    const people = await this.users.inAlliance(alliance.id);
    return people
      .filter((person) => person.deactivatedAt === null && person.roles.some((role) => DESK_ROLES.includes(role)))
      .map((person) => ({
        id: person.id,
        name: person.name,
        email: person.email,
        roles: person.roles,
        isCoordinator: person.roles.includes('coordinator'),
        canSignIn: person.passwordHash !== null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  }

  async findEnquiry(reference: string): Promise<EnquiryRow | undefined> {
    const alliance = await this.alliances.current();
    return findEnquiryByReference(this.db, alliance.id, reference);
  }

  /**
   * Everything the alliance's staff know of an enquiry, its internal notes and history included: for
   * the people who work the desk, and no one else (undefined for anyone else).
   */
  async file(user: CurrentUser, enquiry: EnquiryRow): Promise<EnquiryFile | undefined> {
    if (!hasAnyRole(user, DESK_ROLES)) return undefined;
    return this.assemble(enquiry);
  }

  /** The enquiry's audit trail, for those who may read it. */
  async trail(user: CurrentUser, enquiry: EnquiryRow): Promise<AuditTrailRow[] | undefined> {
    return auditTrailFor(this.db, user, {
      allianceId: enquiry.allianceId,
      entityType: 'enquiry',
      entityId: enquiry.id,
      labels: ENQUIRY_AUDIT_LABELS,
      actions: ENQUIRY_AUDIT_ACTIONS,
    });
  }

  private async assemble(enquiry: EnquiryRow): Promise<EnquiryFile> {
    const { calendar, today } = await this.context();
    const school = await this.schools.find(enquiry.schoolUrn);
    if (!school)
      throw new Error(`Enquiry ${enquiry.reference} names a school (${enquiry.schoolUrn}) that is not in the register`);
    const people = new Map(
      (
        await this.users.findByIds(
          [enquiry.coordinatorUserId, enquiry.firstContactByUserId].filter((id): id is number => id !== null),
        )
      ).map((user) => [user.id, user.name]),
    );
    const leader =
      enquiry.requestedLeaderId === null
        ? undefined
        : await this.leaders.findRecord(enquiry.allianceId, enquiry.requestedLeaderId);
    const leaderSchool = leader ? await this.schools.find(leader.homeSchoolUrn) : undefined;
    return {
      enquiry,
      school,
      specialismNames: await listEnquirySpecialismNames(this.db, enquiry.id),
      requestedLeader: leader
        ? { name: leader.name, homeSchoolName: leaderSchool?.name ?? `URN ${leader.homeSchoolUrn}` }
        : undefined,
      coordinatorName: enquiry.coordinatorUserId === null ? undefined : people.get(enquiry.coordinatorUserId),
      firstContactByName: enquiry.firstContactByUserId === null ? undefined : people.get(enquiry.firstContactByUserId),
      clock: clockState(enquiry, today, calendar),
      respondByBeyondBankHolidays: calendar.isBeyondKnownBankHolidays(enquiry.respondBy)
        ? { knownUntil: calendar.bankHolidaysKnownUntil }
        : undefined,
      history: (await listEnquiryEvents(this.db, enquiry.id)).map(({ event, actorName }) => ({
        at: event.at,
        actorName,
        from: event.fromStatus,
        to: event.toStatus,
        note: event.note,
      })),
      notes: (await listEnquiryNotes(this.db, enquiry.id)).map(({ note, authorName }) => ({
        at: note.at,
        authorName,
        body: note.body,
      })),
    };
  }

  async assign(actor: CurrentUser, enquiry: EnquiryRow, coordinatorUserId: number | null): Promise<Outcome> {
    if (
      coordinatorUserId !== null &&
      !(await this.staff()).some((person) => person.id === coordinatorUserId && person.isCoordinator)
    ) {
      return problem('coordinator', 'Select a coordinator from the list');
    }
    const at = this.clock.now();
    return fromChange(
      await this.db.transaction((tx) => assignCoordinator(tx, { enquiryId: enquiry.id, actor, at, coordinatorUserId })),
      'coordinator',
    );
  }

  /** Checks the first contact against the clock and the enquiry, then records it (stopping the response clock). */
  async recordFirstContact(actor: CurrentUser, enquiry: EnquiryRow, input: FirstContactInput): Promise<Outcome> {
    const checked = await this.checkFirstContact(enquiry, input);
    if (!checked.ok) return checked;
    const late = checkLateness(checked.contact.at, input.lateReason, this.clock.now());
    if (!late.ok) return { ok: false, problems: [late.problem] };
    const contact = { ...checked.contact, lateReason: late.lateReason };
    const outcome = await this.db.transaction((tx) =>
      recordFirstContact(tx, { enquiryId: enquiry.id, actor, at: this.clock.now(), contact }),
    );
    return fromChange(outcome, 'contactedAt');
  }

  /** The same checks, for a correction to a first contact already recorded, made with a reason. */
  async correctFirstContact(
    actor: CurrentUser,
    enquiry: EnquiryRow,
    input: FirstContactInput,
    reason: string,
  ): Promise<Outcome> {
    const checked = await this.checkFirstContact(enquiry, input);
    const problems = checked.ok ? [] : checked.problems;
    if (reason.trim() === '')
      problems.push({ field: 'reason', message: 'Enter why the first contact is being corrected' });
    if (!checked.ok || problems.length > 0) return { ok: false, problems };
    const outcome = await this.db.transaction((tx) =>
      correctFirstContact(tx, {
        enquiryId: enquiry.id,
        actor,
        at: this.clock.now(),
        contact: checked.contact,
        reason: reason.trim(),
      }),
    );
    return fromChange(outcome, 'contactedAt');
  }

  private async checkFirstContact(
    enquiry: EnquiryRow,
    input: FirstContactInput,
  ): Promise<{ ok: true; contact: FirstContact } | { ok: false; problems: FieldProblem[] }> {
    const { contactAt, problems } = whenFirstContactWas(enquiry, input, this.clock.now());
    if (!(await this.staff()).some((person) => person.id === input.byUserId))
      problems.push({ field: 'contactedBy', message: 'Select who made the first contact from the list' });
    if (problems.length > 0 || !contactAt) return { ok: false, problems };
    return { ok: true, contact: { at: contactAt, method: input.method, byUserId: input.byUserId, notes: input.notes } };
  }

  /** A move from the desk's status page: only those no other record stands behind (see enquiry-status.ts). */
  async changeStatus(
    actor: CurrentUser,
    enquiry: EnquiryRow,
    to: EnquiryStatus,
    note: string | null,
  ): Promise<Outcome> {
    if (!isDeskMove(to)) return problem('to', MOVES_MADE_ELSEWHERE[to] ?? 'Select what happens to the enquiry next');
    const at = this.clock.now();
    return fromChange(
      await this.db.transaction((tx) => moveEnquiry(tx, { enquiryId: enquiry.id, to, actor, at, note })),
      'to',
      'note',
    );
  }

  async setPriority(actor: CurrentUser, enquiry: EnquiryRow, reasons: PriorityReason[]): Promise<Outcome> {
    const at = this.clock.now();
    return fromChange(
      await this.db.transaction((tx) => setPriorityReasons(tx, { enquiryId: enquiry.id, actor, at, reasons })),
      'priorityReasons',
    );
  }

  async addNote(actor: CurrentUser, enquiry: EnquiryRow, body: string): Promise<Outcome> {
    const at = this.clock.now();
    return fromChange(
      await this.db.transaction((tx) => addNote(tx, { enquiryId: enquiry.id, author: actor, at, body })),
      'note',
    );
  }

  /** The enquiries of the school a school contact works for (none if their account names no school). */
  async schoolEnquiries(user: CurrentUser) {
    if (user.schoolUrn === null) return { school: undefined, enquiries: [] };
    const alliance = await this.alliances.current();
    return {
      school: await this.schools.find(user.schoolUrn),
      enquiries: await listSchoolEnquiries(this.db, alliance.id, user.schoolUrn),
    };
  }

  /** One of them, or undefined for another school's enquiry (found or not, the answer is the same). */
  async schoolEnquiry(user: CurrentUser, reference: string): Promise<SchoolEnquiryView | undefined> {
    const enquiry = await this.findEnquiry(reference);
    if (
      !enquiry ||
      user.schoolUrn === null ||
      enquiry.schoolUrn !== user.schoolUrn ||
      !hasAnyRole(user, ['school-contact'])
    )
      return undefined;
    const file = await this.assemble(enquiry);
    return {
      reference: enquiry.reference,
      school: file.school,
      contact: {
        name: enquiry.contactName,
        role: enquiry.contactRole,
        email: enquiry.contactEmail,
        phone: enquiry.contactPhone,
      },
      supportType: enquiry.supportType,
      specialismNames: file.specialismNames,
      need: enquiry.need,
      timescale: enquiry.timescale,
      receivedAt: enquiry.receivedAt,
      respondBy: enquiry.respondBy,
      status: enquiry.status,
      firstContactAt: enquiry.firstContactAt,
      coordinatorName: file.coordinatorName,
      history: file.history.map((change) => ({ at: change.at, to: change.to })),
    };
  }
}
