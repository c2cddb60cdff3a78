import type { SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.ts';
import { hasAnyRole, type CurrentUser } from '../../platform/access.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { academicYearOf } from '../../platform/calendar/academic-year.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { SpecialismService } from '../specialisms/specialisms.service.ts';
import type { PriorityReason, SupportType } from '../enquiries/enquiries.model.ts';
import type { DesignationType, Phase } from '../leaders/leaders.model.ts';
import { explain, type RankedLeader } from './matching.explain.ts';
import { findEnquiryToMatch, findWeights, listExcluded, rankInDatabase, saveWeights } from './matching.repository.ts';
import { DEFAULT_WEIGHTS, type Weights } from './matching.weights.ts';

/**
 * Per leader, the half days their school released for the year (null if none recorded) and committed,
 * as a table `positions(leader_id, released_half_days, committed_half_days)` the ranking query joins.
 */
export type ReleasePositions = (allianceId: number, startYear: number) => SQL;
/** Per leader, how many agreements they have had with a school. */
export type SupportGiven = (
  db: Executor,
  allianceId: number,
  schoolUrn: number,
) => Promise<ReadonlyMap<number, number>>;

/** Who can give each kind of support: an SLE in a specialism; an LLE (or NLE, also a serving head) for a head. */
export const TYPES_FOR: Record<SupportType, DesignationType[]> = {
  sle: ['sle'],
  lle: ['lle', 'nle'],
  unsure: ['sle', 'lle', 'nle'],
};

/** The phases a leader must support to fit a school, from its GIAS phase (and type, for schools without one). */
export function phasesOfSchool(school: { phase: string | null; typeOfEstablishment: string | null }): Phase[] {
  switch (school.phase) {
    case 'Nursery':
      return ['early-years'];
    case 'Primary':
    case 'Middle deemed primary':
      return ['primary'];
    case 'Secondary':
    case 'Middle deemed secondary':
      return ['secondary'];
    case '16 plus':
      return ['post-16'];
    case 'All-through':
      return ['primary', 'secondary'];
    default: {
      const type = school.typeOfEstablishment?.toLowerCase() ?? '';
      if (type.includes('special')) return ['special'];
      if (type.includes('pupil referral') || type.includes('alternative provision')) return ['alternative-provision'];
      return [];
    }
  }
}

export type EnquiryMatch = NonNullable<Awaited<ReturnType<typeof findEnquiryToMatch>>>;

export type MatchResult = {
  enquiry: EnquiryMatch;
  ranked: RankedLeader[];
  excluded: Array<{ leaderId: number; name: string; homeSchoolName: string; reason: string }>;
  /** Leaders ranked (of those asked about, with onlyLeaderIds): the excluded are not counted. */
  rankedCount: number;
  weights: Weights;
  academicYearName: string;
  priorityReasons: PriorityReason[];
};

export class MatchingService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly specialisms: SpecialismService,
    private readonly clock: Clock,
    private readonly sources: { releasePositions: ReleasePositions; supportGiven: SupportGiven },
  ) {}

  async weights(): Promise<Weights> {
    return (await findWeights(this.db, (await this.alliances.current()).id)) ?? DEFAULT_WEIGHTS;
  }

  /** Coordinators see how leaders are ranked; only administrators change it. */
  mayChangeWeights(user: CurrentUser): boolean {
    return hasAnyRole(user, ['administrator']);
  }

  /** Changes how leaders are ranked, on the alliance's audit trail. */
  async changeWeights(actor: CurrentUser, weights: Weights): Promise<void> {
    const before = await this.weights();
    const alliance = await this.alliances.current();
    await this.db.transaction(async (tx) => {
      await saveWeights(tx, alliance.id, weights);
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'settings',
        entityId: alliance.id,
        action: 'matching weights changed',
        before,
        after: weights,
        at: this.clock.now(),
      });
    });
  }

  /**
   * The leaders who could help with an enquiry, best first, each with the reasons for their place;
   * and those left out because they work at the school or in its trust, or their designation lapsed. Deterministic: the same
   * data gives the same order.
   */
  async rankForEnquiry(
    enquiryId: number,
    options: { limit?: number; onlyLeaderIds?: readonly number[] } = {},
  ): Promise<MatchResult | undefined> {
    const alliance = await this.alliances.current();
    const enquiry = await findEnquiryToMatch(this.db, alliance.id, enquiryId);
    if (!enquiry) return undefined;
    const today = londonDate(this.clock.now());
    const year = academicYearOf(today);
    const positions = this.sources.releasePositions(alliance.id, year.startYear);
    const [weights, supportGiven, specialisms] = await Promise.all([
      this.weights(),
      this.sources.supportGiven(this.db, alliance.id, enquiry.school.urn),
      this.specialisms.all(),
    ]);
    const priorityReasons = enquiry.priorityReasons;
    const types = TYPES_FOR[enquiry.supportType];
    const schoolPhases = phasesOfSchool(enquiry.school);
    const point =
      enquiry.school.latitude !== null && enquiry.school.longitude !== null
        ? { latitude: enquiry.school.latitude, longitude: enquiry.school.longitude }
        : undefined;
    const school = {
      urn: enquiry.school.urn,
      trustReference: enquiry.school.trustReference,
      point,
      phases: schoolPhases,
    };
    // An LLE coaches the head whatever their specialism, so specialisms count only for SLE support.
    const specialismIds = enquiry.supportType === 'lle' ? [] : enquiry.specialismIds;
    const { rows, ranked } = await rankInDatabase(this.db, {
      allianceId: alliance.id,
      types,
      school,
      specialismIds,
      isPriority: priorityReasons.length > 0,
      today,
      typicalHalfDays: alliance.typicalSleDaysPerYear * 2,
      weights,
      positions,
      supportGiven,
      limit: options.limit ?? 25,
      onlyLeaderIds: options.onlyLeaderIds,
    });
    const excluded = await listExcluded(this.db, { allianceId: alliance.id, types, school, today });
    const context = {
      schoolPhases,
      requestedSpecialismIds: specialismIds,
      specialismNames: new Map(specialisms.map((specialism) => [specialism.id, specialism.name])),
      priorityReasons,
      weights,
      today,
      academicYearName: year.name,
    };
    return {
      enquiry,
      ranked: rows.map((row) => explain(row, context)),
      excluded: excluded.map((leader) => ({
        leaderId: leader.leaderId,
        name: leader.name,
        homeSchoolName: leader.homeSchoolName,
        reason: leader.lapsedReviewDue
          ? `Designation lapsed: its review was due on ${formatLongDate(leader.lapsedReviewDue)}`
          : leader.homeSchoolUrn === enquiry.school.urn
            ? 'Works at this school'
            : 'Works in the same trust as this school',
      })),
      // Every leader ranked, however many of them the page shows; those left out are listed apart.
      rankedCount: ranked,
      weights,
      academicYearName: year.name,
      priorityReasons,
    };
  }
}
