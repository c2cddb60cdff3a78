import type { SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.ts';
import { hasAnyRole, type CurrentUser } from '../../platform/access.ts';
import { academicYear, academicYearOf, type AcademicYear } from '../../platform/calendar/academic-year.ts';
import type { Agreement } from '../agreements/agreements.service.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import { formatHalfDays } from '../../platform/units.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { leaderSummary, loadLeader, type Leader } from '../leaders/leaders.service.ts';
import { deliveredHalfDaysByLeader } from './delivered-days.repository.ts';
import {
  committedByLeader,
  findConsent,
  listCommittedDeployments,
  listSleLeaderIds,
  listSleLeaders,
  releasePositionsTable,
  releasedByLeader,
  saveConsent,
  yearsWithRecords,
  type ConsentFields,
  type ReleaseConsentRow,
  type SleLeaderRow,
} from './release.repository.ts';

/** An SLE's position in one academic year, in half days. */
export type ReleasePosition = {
  /** What their head and chair of governors agreed to release; null when no consent is recorded. */
  releasedHalfDays: number | null;
  /** The days of their deployments starting in the year (each deployment's current version). */
  committedHalfDays: number;
  /** The days the leader delivered in the year, from the delivery logged against their deployments. */
  deliveredHalfDays: number;
};

const NOTHING: ReleasePosition = { releasedHalfDays: null, committedHalfDays: 0, deliveredHalfDays: 0 };

/**
 * Each SLE's release, commitments and delivery in the academic year starting in `startYear`, for the
 * matching engine and the ledger pages. Every leader asked for is in the map (those with nothing
 * recorded as NOTHING); without `leaderIds`, every leader of the alliance with an SLE designation.
 * A deployment counts, in full, in the academic year its start date falls in (see README).
 * Three grouped queries whatever the number of leaders.
 */
export async function releasePositions(
  db: Executor,
  allianceId: number,
  startYear: number,
  leaderIds?: number[],
): Promise<Map<number, ReleasePosition>> {
  if (leaderIds?.length === 0) return new Map();
  const year = academicYear(startYear);
  const range = { startYear, firstDay: year.firstDay, lastDay: year.lastDay };
  // One after another, not Promise.all: PGlite serves one query at a time, and a transaction's client too.
  const ids = leaderIds ?? (await listSleLeaderIds(db, allianceId));
  const released = await releasedByLeader(db, allianceId, startYear, leaderIds);
  const committed = await committedByLeader(db, allianceId, range, leaderIds);
  const delivered = await deliveredHalfDaysByLeader(db, allianceId, startYear, leaderIds);

  const positions = new Map<number, ReleasePosition>(ids.map((id) => [id, { ...NOTHING }]));
  const positionOf = (leaderId: number) =>
    positions.get(leaderId) ?? positions.set(leaderId, { ...NOTHING }).get(leaderId)!;
  for (const row of released) positionOf(row.leaderId).releasedHalfDays = row.releasedHalfDays;
  for (const row of committed) positionOf(row.leaderId).committedHalfDays = row.halfDays;
  for (const [leaderId, halfDays] of delivered) positionOf(leaderId).deliveredHalfDays = halfDays;
  return positions;
}

export type ReleaseWarning = { kind: 'over-release' | 'no-consent'; text: string };

/** The warning a position raises, if any: commitments beyond the release, or commitments with no release recorded. */
export function releaseWarning(position: ReleasePosition, year: AcademicYear): ReleaseWarning | undefined {
  const committed = formatHalfDays(position.committedHalfDays);
  if (position.releasedHalfDays === null) {
    return position.committedHalfDays > 0
      ? {
          kind: 'no-consent',
          text: `${committed} committed in ${year.name}, but no release has been agreed for that year`,
        }
      : undefined;
  }
  if (position.committedHalfDays > position.releasedHalfDays) {
    return {
      kind: 'over-release',
      text: `${committed} committed in ${year.name}: more than the ${formatHalfDays(position.releasedHalfDays)} the school agreed to release`,
    };
  }
  return undefined;
}

export type Ledger = {
  leader: Leader;
  year: AcademicYear;
  position: ReleasePosition;
  consent: ReleaseConsentRow | undefined;
  deployments: Awaited<ReturnType<typeof listCommittedDeployments>>;
  typicalHalfDays: number;
  warning: ReleaseWarning | undefined;
  /** Other years with something recorded, to move between. */
  otherYears: number[];
};

export type Outcome = { ok: true } | { ok: false; problems: FieldProblem[] };

export const LEDGER_PAGE_SIZE = 50;

/** Who keeps the ledger and sees every SLE's: the alliance's staff. */
const RELEASE_STAFF = ['administrator', 'coordinator'] as const;

/** The release ledger pages: each SLE's year, and the consents the alliance records. */
export class ReleaseService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
  ) {}

  /**
   * Every leader's release and commitments in a year as a table to join (leader_id,
   * released_half_days, committed_half_days): matching ranks 10,000 leaders in one statement.
   */
  positionsTable(allianceId: number, startYear: number): SQL {
    const year = academicYear(startYear);
    return releasePositionsTable(allianceId, { startYear, firstDay: year.firstDay, lastDay: year.lastDay });
  }

  /** The alliance's staff see every SLE's ledger; a system leader sees their own. */
  mayView(user: CurrentUser, leaderId: number): boolean {
    return hasAnyRole(user, RELEASE_STAFF) || (user.roles.includes('system-leader') && user.leaderId === leaderId);
  }

  /**
   * The warning an SLE deployment's page gives about the leader's release in its year (committed
   * beyond what their school released, or nothing released). It is about the home school's
   * commitments, so only the alliance's staff, the leader and the home school's contacts see it;
   * the supported school does not.
   */
  async warningFor(user: CurrentUser, agreement: Agreement): Promise<string | undefined> {
    const concerned =
      hasAnyRole(user, RELEASE_STAFF) ||
      (user.roles.includes('system-leader') && user.leaderId === agreement.leader.id) ||
      (user.roles.includes('school-contact') && user.schoolUrn === agreement.agreement.homeSchoolUrn);
    if (!concerned) return undefined;
    const terms = agreement.version.terms;
    if (terms?.kind !== 'sle-deployment' || agreement.agreement.status === 'withdrawn') return undefined;
    const year = academicYearOf(terms.startDate);
    const position = (
      await releasePositions(this.db, agreement.agreement.allianceId, year.startYear, [agreement.leader.id])
    ).get(agreement.leader.id);
    const warning = position ? releaseWarning(position, year)?.text : undefined;
    return warning && `${agreement.leader.name} has ${warning}.`;
  }

  /**
   * The head's and chair's consent to release an SLE in a year, for the agreements that print it
   * (to the parties their service lets see the agreement; no figures, only who consented and when).
   */
  async consentFor(allianceId: number, leaderId: number, startYear: number) {
    const consent = await findConsent(this.db, allianceId, leaderId, startYear);
    return (
      consent && {
        headName: consent.headName,
        headConsentedOn: consent.headConsentedOn,
        chairName: consent.chairName,
        chairConsentedOn: consent.chairConsentedOn,
      }
    );
  }

  currentYear(): AcademicYear {
    const today = londonDate(this.clock.now());
    const [year, month] = today.split('-').map(Number) as [number, number];
    return academicYear(month >= 9 ? year : year - 1);
  }

  /**
   * Which ledger a system leader's own "Your release ledger" link leads to: their own if they are one
   * of the alliance's SLEs; the ledger counts SLEs' days, so an LLE is told that rather than sent to a 404.
   */
  async ownLedger(user: CurrentUser): Promise<{ leaderId: number } | 'unlinked' | 'not-an-sle'> {
    if (user.leaderId === null) return 'unlinked';
    const alliance = await this.alliances.current();
    const leader = await loadLeader(this.db, alliance.id, user.leaderId);
    return leader?.designations.some((designation) => designation.type === 'sle')
      ? { leaderId: user.leaderId }
      : 'not-an-sle';
  }

  /**
   * One SLE's ledger for a year (release agreed, days committed and delivered), for someone who may
   * see it (mayView); undefined otherwise, or if the leader is not one of the alliance's SLEs.
   */
  async ledger(user: CurrentUser, leaderId: number, startYear: number): Promise<Ledger | undefined> {
    if (!this.mayView(user, leaderId)) return undefined;
    const alliance = await this.alliances.current();
    const leader = await loadLeader(this.db, alliance.id, leaderId);
    if (!leader || !leader.designations.some((designation) => designation.type === 'sle')) return undefined;
    const year = academicYear(startYear);
    const position = (await releasePositions(this.db, alliance.id, startYear, [leaderId])).get(leaderId)!;
    return {
      leader,
      year,
      position,
      consent: await findConsent(this.db, alliance.id, leaderId, startYear),
      deployments: await listCommittedDeployments(this.db, alliance.id, leaderId, {
        startYear,
        firstDay: year.firstDay,
        lastDay: year.lastDay,
      }),
      typicalHalfDays: alliance.typicalSleDaysPerYear * 2,
      warning: releaseWarning(position, year),
      otherYears: (await yearsWithRecords(this.db, alliance.id, leaderId)).filter((other) => other !== startYear),
    };
  }

  /** Every SLE's position in a year, a page at a time, for the alliance's staff (undefined for anyone else); `overOnly` keeps those with a warning. */
  async overview(
    user: CurrentUser,
    startYear: number,
    options: { page: number; overOnly: boolean },
  ): Promise<
    | {
        rows: Array<SleLeaderRow & { position: ReleasePosition; warning: ReleaseWarning | undefined }>;
        total: number;
        typicalHalfDays: number;
      }
    | undefined
  > {
    if (!hasAnyRole(user, RELEASE_STAFF)) return undefined;
    const alliance = await this.alliances.current();
    const year = academicYear(startYear);
    const offset = (options.page - 1) * LEDGER_PAGE_SIZE;
    let page: { rows: SleLeaderRow[]; total: number };
    let positions: Map<number, ReleasePosition>;
    if (options.overOnly) {
      // Which leaders have a warning is known only from their positions: work them all out (three queries), then page.
      positions = await releasePositions(this.db, alliance.id, startYear);
      const warned = [...positions].filter(([, position]) => releaseWarning(position, year)).map(([id]) => id);
      page = await listSleLeaders(this.db, alliance.id, { limit: LEDGER_PAGE_SIZE, offset, ids: warned });
    } else {
      page = await listSleLeaders(this.db, alliance.id, { limit: LEDGER_PAGE_SIZE, offset });
      positions = await releasePositions(
        this.db,
        alliance.id,
        startYear,
        page.rows.map((row) => row.id),
      );
    }
    return {
      rows: page.rows.map((row) => {
        const position = positions.get(row.id) ?? NOTHING;
        return { ...row, position, warning: releaseWarning(position, year) };
      }),
      total: page.total,
      typicalHalfDays: alliance.typicalSleDaysPerYear * 2,
    };
  }

  /** Records (or corrects) the days an SLE's school agreed to release in a year, with both consents. */
  async recordConsent(
    actor: CurrentUser,
    leaderId: number,
    startYear: number,
    fields: ConsentFields,
  ): Promise<Outcome> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const today = londonDate(now);
    const problems: FieldProblem[] = [];
    if (fields.headConsentedOn > today)
      problems.push({
        field: 'headConsentedOn',
        message: 'The date the headteacher agreed must be today or in the past',
      });
    if (fields.chairConsentedOn > today)
      problems.push({
        field: 'chairConsentedOn',
        message: 'The date the chair of governors agreed must be today or in the past',
      });
    if (problems.length > 0) return { ok: false, problems };
    return this.db.transaction((tx) =>
      this.recordConsentIn(tx, {
        allianceId: alliance.id,
        leaderId,
        startYear,
        fields,
        actorUserId: actor.id,
        at: now,
      }),
    );
  }

  /**
   * Records a year's release in the caller's transaction, on the leader's trail: how a designation's
   * review records the head's and chair's renewed consent with its outcome, both or neither.
   */
  async recordConsentIn(
    tx: Executor,
    change: {
      allianceId: number;
      leaderId: number;
      startYear: number;
      fields: ConsentFields;
      actorUserId: number | null;
      at: Date;
    },
  ): Promise<Outcome> {
    const { allianceId, leaderId, startYear, fields, actorUserId, at: now } = change;
    const leader = await leaderSummary(tx, allianceId, leaderId);
    if (!leader?.types.includes('sle'))
      return { ok: false, problems: [{ field: 'releasedDays', message: 'Release is recorded for SLEs only' }] };
    const before = await findConsent(tx, allianceId, leaderId, startYear);
    await saveConsent(tx, {
      allianceId: allianceId,
      leaderId,
      startYear,
      ...fields,
      recordedAt: now,
      recordedByUserId: actorUserId,
    });
    const shown = (consent: ConsentFields) => ({
      year: academicYear(startYear).name,
      released: formatHalfDays(consent.releasedHalfDays),
      head: `${consent.headName}, ${consent.headConsentedOn}`,
      chair: `${consent.chairName}, ${consent.chairConsentedOn}`,
    });
    await recordAudit(tx, {
      allianceId: allianceId,
      actorUserId: actorUserId,
      entityType: 'leader',
      entityId: leaderId,
      action: before ? 'release-changed' : 'release-recorded',
      before: before ? shown(before) : null,
      after: shown(fields),
      at: now,
    });
    return { ok: true };
  }
}
