import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Clock } from '../../platform/clock.ts';
import { erasureReference } from './privacy.model.ts';
import { countKeptAgreements, erasePerson, finishErasure, startErasure } from './erasure.repository.ts';
import { findPersonRecords } from './subject-access.repository.ts';

export type ErasurePlan = {
  email: string;
  enquiries: number;
  account: boolean;
  leaderRecord: boolean;
  emails: number;
  /** Signed agreements within their retention period, kept as signed. */
  agreementsKept: number;
  /** Applications for designation they made, whose details are still there. */
  applications: number;
  /** References and release consents asked of them, on applications and designation reviews. */
  requestsAnswered: number;
};

/**
 * Erasure on request (UK GDPR Article 17): what identifies the person goes, except what must be kept
 * (signed agreements within their retention period, a legal obligation and the schools' defence of
 * claims). The trail records the erasure by its reference and counts, never by who it was.
 */
export class ErasureService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
  ) {}

  private async people(email: string) {
    const alliance = await this.alliances.current();
    const records = await findPersonRecords(this.db, alliance.id, email);
    const idsOf = (rows: Array<Record<string, unknown>>) => rows.map((row) => Number(row.id));
    return {
      allianceId: alliance.id,
      records,
      people: {
        // Enquiries already emptied by the schedule are not erased twice.
        enquiryIds: idsOf(records.enquiries.filter((row) => row.personal_data_removed_at === null)),
        userIds: idsOf(records.account.filter((row) => row.personal_data_removed_at === null)),
        leaderIds: idsOf(records.leader.filter((row) => row.personal_data_removed_at === null)),
        // An application already emptied (by an erasure or the schedule) keeps no address to find it by.
        applicationIds: idsOf(records.applications),
        requests: records.requestsAnswered.length + records.reviewConsents.length,
      },
    };
  }

  async plan(email: string): Promise<ErasurePlan> {
    const { allianceId, records, people } = await this.people(email);
    return {
      email,
      enquiries: people.enquiryIds.length,
      account: people.userIds.length > 0,
      leaderRecord: people.leaderIds.length > 0,
      emails: records.emails.length,
      agreementsKept: await countKeptAgreements(this.db, allianceId, people.leaderIds, people.userIds),
      applications: people.applicationIds.length,
      requestsAnswered: people.requests,
    };
  }

  /** Erases the person, or refuses (undefined) when the service holds nothing to erase, or it is the one asking. */
  async erase(actor: CurrentUser, email: string): Promise<string | undefined> {
    const { allianceId, records, people } = await this.people(email);
    if (people.userIds.includes(actor.id)) return undefined;
    const held = [people.enquiryIds, people.userIds, people.leaderIds, people.applicationIds, records.emails];
    if (held.every((rows) => rows.length === 0) && people.requests === 0) return undefined;
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const erasureId = await startErasure(tx, allianceId, actor.id, now);
      const counts = await erasePerson(tx, { allianceId, now, erasureId }, email, people);
      await finishErasure(tx, erasureId, counts);
      const reference = erasureReference(erasureId);
      await recordAudit(tx, {
        allianceId,
        actorUserId: actor.id,
        entityType: 'erasure',
        entityId: reference,
        action: 'person-erased',
        after: { reference, ...counts },
        at: now,
      });
      return reference;
    });
  }
}
