import type { Database, Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import {
  findDesignationOf,
  saveDesignationByPanel,
  updateCoreTraining,
  updateListing,
} from './designated-leaders.repository.ts';
import { auditLeaderChange } from './leader-audit.ts';
import {
  findLeaderRowByEmail,
  insertLeader,
  refreshDirectoryEntries,
  replaceLeaderSpecialisms,
  updateLeader,
  type DesignationRow,
} from './leaders.repository.ts';
import { loadLeader, type Leader } from './leaders.service.ts';
import { ACTIVE_DESIGNATION_STATUSES, type DesignationType, type Phase } from './leaders.model.ts';

export type { DesignationRow };

/** What a panel's designation says of the leader: from their application, checked when it was sent. */
export type PanelDesignation = {
  name: string;
  email: string;
  jobTitle: string | null;
  homeSchoolUrn: number;
  phases: Phase[];
  specialismIds: number[];
  type: DesignationType;
  startDate: CalendarDate;
  reviewDate: CalendarDate;
};

export type RecordedDesignation = {
  leaderId: number;
  designationId: number;
  /** A new leader, rather than one already on the register (by email address). */
  added: boolean;
  /** Already listed in the public directory (an existing leader who agreed before). */
  listed: boolean;
};

export type CoreTraining = { on: CalendarDate; provider: string };

type Outcome<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Until core training is recorded for a designation in force, the leader is "designated, training due". */
export function trainingDue(designation: Pick<DesignationRow, 'status' | 'coreTrainingOn'>): boolean {
  return ACTIVE_DESIGNATION_STATUSES.includes(designation.status) && designation.coreTrainingOn === null;
}

const union = <T>(held: readonly T[], added: readonly T[]) => [...new Set([...held, ...added])];

/**
 * The register's side of designation: the leader a panel designates (made, or brought up to date),
 * their answer to being listed in the public directory, and their core training. Each change
 * rewrites their directory entry and goes on their trail, in the same transaction.
 */
export class DesignatedLeaderService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
  ) {}

  /**
   * In the caller's transaction: the leader with the applicant's email address is brought up to
   * date (their home school becomes the application's; they keep their profile, listing and the
   * specialisms and phases they held, and gain the application's), or added unlisted; and given the
   * designation. Only their own "yes" lists a new leader (DesignationOutcomeService asks).
   */
  async recordDesignation(
    tx: Executor,
    allianceId: number,
    designation: PanelDesignation,
    actorUserId: number | null,
    at: Date,
  ): Promise<RecordedDesignation> {
    const existing = await findLeaderRowByEmail(tx, allianceId, designation.email);
    const before = existing && (await loadLeader(tx, allianceId, existing.id));
    let leaderId: number;
    if (!before) {
      leaderId = await insertLeader(
        tx,
        allianceId,
        {
          name: designation.name,
          email: designation.email,
          jobTitle: designation.jobTitle,
          homeSchoolUrn: designation.homeSchoolUrn,
          profile: '',
          phases: designation.phases,
          listed: false,
          listedConsentOn: null,
        },
        at,
      );
    } else {
      leaderId = before.id;
      await updateLeader(
        tx,
        leaderId,
        {
          name: designation.name,
          email: before.email,
          jobTitle: designation.jobTitle ?? before.jobTitle,
          homeSchoolUrn: designation.homeSchoolUrn,
          profile: before.profile,
          phases: union(before.phases, designation.phases),
          listed: before.listed,
          listedConsentOn: before.listedConsentOn,
        },
        at,
      );
    }
    const held = before?.specialisms.map((specialism) => specialism.id) ?? [];
    await replaceLeaderSpecialisms(
      tx,
      leaderId,
      union(held, designation.specialismIds).sort((a, b) => a - b),
    );
    const designationId = await saveDesignationByPanel(tx, leaderId, designation);
    await refreshDirectoryEntries(tx, [leaderId]);
    await auditLeaderChange(tx, { allianceId, actorUserId, leaderId, action: 'designated', before, at });
    return { leaderId, designationId, added: !before, listed: before?.listed ?? false };
  }

  /**
   * In the caller's transaction, the leader's answer by the emailed link: yes lists them from today
   * (or keeps the day they first agreed); no leaves them unlisted (they can list themselves later,
   * from their profile). Both go on their trail, a "no" too: it is why they are not in the directory.
   */
  async recordListingAnswer(
    tx: Executor,
    allianceId: number,
    leaderId: number,
    consented: boolean,
    at: Date,
  ): Promise<void> {
    const before = await loadLeader(tx, allianceId, leaderId);
    if (!before) throw new Error(`Leader ${leaderId} is not the alliance's`);
    if (!consented) {
      if (before.listed) await updateListing(tx, leaderId, { listed: false, listedConsentOn: null }, at);
      await refreshDirectoryEntries(tx, [leaderId]);
      await recordAudit(tx, {
        allianceId,
        actorUserId: null,
        entityType: 'leader',
        entityId: leaderId,
        action: 'listing-declined',
        before: { listed: before.listed },
        after: { listed: false },
        at,
      });
      return;
    }
    const listedConsentOn = before.listed ? (before.listedConsentOn ?? londonDate(at)) : londonDate(at);
    await updateListing(tx, leaderId, { listed: true, listedConsentOn }, at);
    await refreshDirectoryEntries(tx, [leaderId]);
    await auditLeaderChange(tx, { allianceId, actorUserId: null, leaderId, action: 'listing-consented', before, at });
  }

  /** The leader and one of their designations, for the core training page. */
  async designationOf(
    leaderId: number,
    designationId: number,
  ): Promise<{ leader: Leader; designation: DesignationRow } | undefined> {
    const alliance = await this.alliances.current();
    const leader = await loadLeader(this.db, alliance.id, leaderId);
    const designation = leader?.designations.find((held) => held.id === designationId);
    return leader && designation ? { leader, designation } : undefined;
  }

  /**
   * A coordinator records the core training a designation asks for (or corrects it): the day, not
   * in the future, and who provided it. True when anything changed.
   */
  async recordCoreTraining(
    actor: CurrentUser,
    leaderId: number,
    designationId: number,
    training: CoreTraining,
  ): Promise<Outcome<boolean>> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    if (training.on > londonDate(now))
      return {
        ok: false,
        problems: [{ field: 'coreTrainingOn', message: 'The date of the training must be today or in the past' }],
      };
    return this.db.transaction(async (tx) => {
      const before = await loadLeader(tx, alliance.id, leaderId);
      const designation = before && (await findDesignationOf(tx, leaderId, designationId));
      if (!before || !designation)
        return { ok: false, problems: [{ field: 'leader', message: 'There is no such designation' }] };
      if (designation.coreTrainingOn === training.on && designation.coreTrainingProvider === training.provider)
        return { ok: true, value: false };
      await updateCoreTraining(tx, designationId, training);
      await refreshDirectoryEntries(tx, [leaderId]);
      await auditLeaderChange(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        leaderId,
        action: 'core-training-recorded',
        before,
        at: now,
      });
      return { ok: true, value: true };
    });
  }
}
