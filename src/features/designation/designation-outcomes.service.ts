import type { Database, Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { Alliance, AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { academicYearOf } from '../../platform/calendar/academic-year.ts';
import { formatDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../platform/identity/secret-tokens.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import { formatHalfDays } from '../../platform/units.ts';
import type { DesignatedLeaderService } from '../leaders/designated-leaders.service.ts';
import { DESIGNATION_ABBREVIATIONS, DESIGNATION_LABELS } from '../leaders/leaders.schema.ts';
import { loadLeader, type Leader } from '../leaders/leaders.service.ts';
import type { ReleaseService } from '../release/release.service.ts';
import { agreedReleaseDays, reviewDateFor } from './designation-review-rules.ts';
import type { ApplicationRequestRow } from './designation-outcomes.repository.ts';
import {
  answerListingConsentRequest,
  findApplicationToDesignate,
  findListingConsentRequestByTokenHash,
  insertListingConsentRequest,
  setApplicationLeader,
  type ListingConsentRequestRow,
} from './designation-outcomes.repository.ts';
import { findRules } from './designation.repository.ts';
import { DEFAULT_RULES } from './designation.model.ts';
import { listingConsentEmail } from './listing-consent.emails.ts';

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** How long a link asking a new leader to be listed works. */
export const LISTING_LINK_DAYS = 30;

export type Designated = {
  leaderId: number;
  designationId: number;
  reviewDate: CalendarDate;
  /** The academic year whose release the ledger now holds; undefined when none was recorded (an LLE, an NLE). */
  releaseYear: number | undefined;
  /** Whether the leader was emailed a link asking to list them (not when they are listed already). */
  listingAsked: boolean;
};

export type ListingLinkProblem = 'not-found' | 'expired' | 'answered';
export type ListingLink =
  { ok: true; request: ListingConsentRequestRow; leader: Leader } | { ok: false; reason: ListingLinkProblem };

/** The release both the head and the chair answered yes to (the review's rule: the fewer days), with who and when. */
function agreedRelease(head: ApplicationRequestRow | undefined, chair: ApplicationRequestRow | undefined) {
  const agreed = (request: ApplicationRequestRow | undefined) =>
    request?.answeredAt && request.supports === true && request.releaseDays !== null ? request : undefined;
  const headAnswer = agreed(head);
  const chairAnswer = agreed(chair);
  const days = agreedReleaseDays([
    { role: 'head', supports: headAnswer?.supports ?? null, releaseDays: headAnswer?.releaseDays ?? null },
    { role: 'chair', supports: chairAnswer?.supports ?? null, releaseDays: chairAnswer?.releaseDays ?? null },
  ]);
  if (!headAnswer || !chairAnswer || days === undefined) return undefined;
  return {
    releasedHalfDays: days * 2,
    headName: headAnswer.name,
    headConsentedOn: londonDate(headAnswer.answeredAt!),
    chairName: chairAnswer.name,
    chairConsentedOn: londonDate(chairAnswer.answeredAt!),
  };
}

/**
 * What a panel's "designate" does: the applicant becomes (or, already on the register, stays) a
 * leader with the designation, their school's release goes into the ledger, and they are asked by
 * an emailed link whether they agree to be listed in the public directory; and their answer.
 */
export class DesignationOutcomeService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly designatedLeaders: DesignatedLeaderService,
    private readonly release: ReleaseService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly baseUrl: string,
  ) {}

  /**
   * Designates the application's applicant, in the caller's transaction (the panel's decision), so
   * the decision and all that follows from it are kept together or not at all. Throws if the
   * application is not one the panel could have decided (unsent, withdrawn, another alliance's).
   */
  async designate(
    tx: Executor,
    decision: { applicationId: number; decidedOn: CalendarDate; byUserId: number | null },
  ): Promise<Designated> {
    const alliance = await this.alliances.currentIn(tx);
    const found = await findApplicationToDesignate(tx, decision.applicationId);
    const application = found?.application;
    if (!found || !application || application.allianceId !== alliance.id)
      throw new Error(`Application ${decision.applicationId} is not the alliance's`);
    if (application.status !== 'sent' || application.schoolUrn === null)
      throw new Error(`Application ${decision.applicationId} has not been sent, so it cannot be designated`);
    const now = this.clock.now();
    const rules = (await findRules(tx, alliance.id)) ?? DEFAULT_RULES;
    const reviewDate = reviewDateFor(decision.decidedOn, rules.designationYears);
    const type = application.designationType;

    const recorded = await this.designatedLeaders.recordDesignation(
      tx,
      alliance.id,
      {
        name: application.applicantName,
        email: application.applicantEmail,
        jobTitle: application.jobTitle,
        homeSchoolUrn: application.schoolUrn,
        phases: application.phases,
        specialismIds: found.specialismIds,
        type,
        startDate: decision.decidedOn,
        reviewDate,
      },
      decision.byUserId,
      now,
    );
    await setApplicationLeader(tx, application.id, recorded.leaderId, now);

    // The ledger counts SLEs' release only; an LLE's or NLE's consent stays on their application.
    const consent =
      type === 'sle'
        ? agreedRelease(
            found.requests.find((request) => request.kind === 'head-consent'),
            found.requests.find((request) => request.kind === 'chair-consent'),
          )
        : undefined;
    const releaseYear = consent ? academicYearOf(decision.decidedOn).startYear : undefined;
    if (consent && releaseYear !== undefined) {
      // The leader holds the SLE designation just recorded: a refusal is a fault, and undoes the decision.
      const released = await this.release.recordConsentIn(tx, {
        allianceId: alliance.id,
        leaderId: recorded.leaderId,
        startYear: releaseYear,
        fields: consent,
        actorUserId: decision.byUserId,
        at: now,
      });
      if (!released.ok)
        throw new Error(`The release ledger refused the designation's release: ${released.problems[0]?.message}`);
    }

    const listingAsked = !recorded.listed;
    if (listingAsked)
      await this.askToList(tx, alliance, {
        leaderId: recorded.leaderId,
        applicationId: application.id,
        leader: { name: application.applicantName, email: application.applicantEmail },
        designation: `${DESIGNATION_LABELS[type]} (${DESIGNATION_ABBREVIATIONS[type]})`,
        at: now,
      });

    await recordAudit(tx, {
      allianceId: alliance.id,
      actorUserId: decision.byUserId,
      entityType: 'application',
      entityId: application.id,
      action: 'designated',
      after: {
        leader: `${application.applicantName} (leader ${recorded.leaderId}, ${recorded.added ? 'added to' : 'already on'} the register)`,
        designation: `${DESIGNATION_ABBREVIATIONS[type]}, started ${formatDate(decision.decidedOn)}, review due ${formatDate(reviewDate)}`,
        release: consent
          ? `${formatHalfDays(consent.releasedHalfDays)} a year, recorded in the ledger for ${academicYearOf(decision.decidedOn).name}`
          : type === 'sle'
            ? 'Not recorded: the head’s and the chair’s consent were not both given'
            : 'Kept on the application (the ledger is for SLEs)',
        listingAsked,
      },
      at: now,
    });
    return {
      leaderId: recorded.leaderId,
      designationId: recorded.designationId,
      reviewDate,
      releaseYear,
      listingAsked,
    };
  }

  /**
   * A coordinator asks an unlisted leader again (their link expired, or they said no and may think
   * again): a new link, which replaces any before it. Undefined when there is no such leader.
   */
  async askListingAgain(
    actor: CurrentUser,
    leaderId: number,
  ): Promise<{ ok: true } | { ok: false; message: string } | undefined> {
    const alliance = await this.alliances.current();
    const leader = await loadLeader(this.db, alliance.id, leaderId);
    if (!leader) return undefined;
    if (leader.listed) return { ok: false, message: `${leader.name} is already listed in the directory` };
    if (leader.activeTypes.length === 0)
      return { ok: false, message: `${leader.name} holds no designation in force, so cannot be listed` };
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await this.askToList(tx, alliance, {
        leaderId,
        applicationId: null,
        leader,
        designation: list(
          leader.activeTypes.map((type) => `${DESIGNATION_LABELS[type]} (${DESIGNATION_ABBREVIATIONS[type]})`),
        ),
        at: now,
      });
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'leader',
        entityId: leaderId,
        action: 'listing-consent-asked',
        after: { email: leader.email },
        at: now,
      });
    });
    this.outbox.nudge();
    return { ok: true };
  }

  /** A new single-use link asking the leader to be listed, and the email with it, in the caller's transaction. */
  private async askToList(
    tx: Executor,
    alliance: Alliance,
    ask: {
      leaderId: number;
      applicationId: number | null;
      leader: { name: string; email: string };
      designation: string;
      at: Date;
    },
  ): Promise<void> {
    const again = ask.applicationId === null;
    const link = newSecretToken();
    const expiresAt = new Date(ask.at.getTime() + LISTING_LINK_DAYS * 86_400_000);
    await insertListingConsentRequest(tx, {
      leaderId: ask.leaderId,
      applicationId: ask.applicationId,
      tokenHash: link.tokenHash,
      tokenExpiresAt: expiresAt,
      sentAt: ask.at,
    });
    await this.outbox.queue(
      tx,
      listingConsentEmail(alliance, {
        leader: ask.leader,
        designation: ask.designation,
        link: `${this.baseUrl}/listing-consent?token=${link.token}`,
        expiresOn: londonDate(expiresAt),
        again,
      }),
    );
  }

  /** The request behind an emailed link and the leader it asks about, if the link still works. */
  async findListingLink(token: unknown): Promise<ListingLink> {
    if (!looksLikeSecretToken(token)) return { ok: false, reason: 'not-found' };
    const alliance = await this.alliances.current();
    const request = await findListingConsentRequestByTokenHash(this.db, alliance.id, hashSecretToken(token));
    if (!request) return { ok: false, reason: 'not-found' };
    if (request.answeredAt) return { ok: false, reason: 'answered' };
    if (!request.tokenExpiresAt || request.tokenExpiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    const leader = await loadLeader(this.db, alliance.id, request.leaderId);
    return leader ? { ok: true, request, leader } : { ok: false, reason: 'not-found' };
  }

  /** The leader's answer by the link: recorded once, with its effect on the directory, or why not. */
  async answerListing(token: unknown, consented: boolean): Promise<ListingLink> {
    const found = await this.findListingLink(token);
    if (!found.ok) return found;
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    const answered = await this.db.transaction(async (tx) => {
      if (!(await answerListingConsentRequest(tx, found.request.id, consented, now))) return false;
      await this.designatedLeaders.recordListingAnswer(tx, alliance.id, found.request.leaderId, consented, now);
      return true;
    });
    return answered ? found : { ok: false, reason: 'answered' };
  }
}
