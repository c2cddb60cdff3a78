import type { SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.ts';
import { hasAnyRole, type CurrentUser } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { academicYearOf, type AcademicYear } from '../../platform/calendar/academic-year.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import { auditTrailFor, type AuditTrailRow } from '../../platform/audit/audit.service.ts';
import { describeSchool, findSchool } from '../schools/schools.service.ts';
import { leaderSummary } from '../leaders/leaders.service.ts';
import { findEnquiry, findLeaderNameAndEmail, searchLeaders } from './agreement-parties.repository.ts';
import { loadVersionContent, type VersionContent } from './agreement-versions.service.ts';
import { findWhatTheEnquiryAsked } from './terms-from-enquiry.repository.ts';
import { allowsMove } from './agreement-status.ts';
import { describeContract, type Contract, type ReleaseConsentSource } from './agreement-contract.ts';
import {
  AGREEMENT_ACTIONS,
  AGREEMENT_FIELD_LABELS,
  agreementReference,
  KIND_LABELS,
  STATUS_LABELS,
} from './agreements.labels.ts';
import {
  countAgreementsWithSchoolByLeader,
  findAgreementParties,
  insertAgreement,
  insertVersion,
  listAgreements,
  listAgreementsForEnquiry,
  listVersions,
  signedVersionsOf,
  updateAgreement,
  type AgreementListQuery,
  type AgreementListRow,
  type AgreementParties,
  type AgreementScope,
  type VersionRow,
} from './agreements.repository.ts';
import type { AgreementKind, LeaderChoice, NewAgreement } from './agreements.model.ts';

/** What a first version's terms are filled in with, from the enquiry (see termsSuggested). */
export type TermsSuggested = { focusSpecialismId?: number; priorityReasons: string[]; supportedHeadName?: string };

/** An agreement as an enquiry's page links to it. */
export type EnquiryAgreementLink = { reference: string; href: string; status: string };

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export type Agreement = AgreementParties & {
  versions: Array<VersionRow & { signatureCount: number }>;
  /** The version shown: the current one unless another was asked for. */
  version: VersionContent;
};

/** Who runs the alliance: they see and work on every agreement, and sign for the alliance. */
export const ALLIANCE_STAFF = ['administrator', 'coordinator'] as const;

/** The leader designations that may take each kind of agreement. */
const DESIGNATIONS_FOR: Record<AgreementKind, { types: string[]; name: string }> = {
  'sle-deployment': { types: ['sle'], name: 'a designated Specialist Leader of Education' },
  'lle-placement': { types: ['lle', 'nle'], name: 'a designated Local (or National) Leader of Education' },
};

/**
 * Creates an agreement, with an empty first version to agree, in the caller's transaction: for an
 * agreed match, which creates it together with its own changes. `actorUserId` null means the
 * service itself. Problems name the fields of NewAgreement.
 */
export async function createAgreementIn(
  tx: Executor,
  alliance: Alliance,
  input: NewAgreement,
  actorUserId: number | null,
  now: Date,
): Promise<Outcome<{ id: number }>> {
  const problems: FieldProblem[] = [];
  const school = await findSchool(tx, input.supportedSchoolUrn);
  if (!school)
    problems.push({
      field: 'supportedSchoolUrn',
      message: `No school in England has the URN ${input.supportedSchoolUrn}`,
    });
  else if (school.status === 'closed')
    problems.push({
      field: 'supportedSchoolUrn',
      message: `${describeSchool(school)} is closed. Choose an open school`,
    });

  const leader = await leaderSummary(tx, alliance.id, input.leaderId);
  const needed = DESIGNATIONS_FOR[input.kind];
  if (!leader) problems.push({ field: 'leaderId', message: 'There is no such leader in the alliance' });
  else if (!leader.activeTypes.some((type) => needed.types.includes(type))) {
    problems.push({
      field: 'leaderId',
      message: `${leader.name} is not ${needed.name}, so cannot take an ${KIND_LABELS[input.kind]}`,
    });
  } else if (school && leader.homeSchool.urn === school.urn) {
    problems.push({
      field: 'supportedSchoolUrn',
      message: `${leader.name} works at ${school.name}, so cannot support it. Choose another school or leader`,
    });
  } else if (school?.trustReference && leader.homeSchool.trustReference === school.trustReference) {
    // The same exclusion as matching's: support comes from outside the school's own trust.
    problems.push({
      field: 'supportedSchoolUrn',
      message: `${leader.name} works in the same trust as ${school.name}, so cannot support it. Choose another school or leader`,
    });
  }

  const enquiry = input.enquiryId ? await findEnquiry(tx, alliance.id, { id: input.enquiryId }) : undefined;
  if (input.enquiryId && !enquiry) problems.push({ field: 'enquiryId', message: 'There is no such enquiry' });
  else if (enquiry && school && enquiry.schoolUrn !== school.urn)
    problems.push({ field: 'enquiryId', message: `Enquiry ${enquiry.reference} is from another school` });
  if (problems.length > 0 || !leader || !school) return { ok: false, problems };

  const id = await insertAgreement(tx, {
    allianceId: alliance.id,
    kind: input.kind,
    status: 'draft',
    enquiryId: enquiry?.id ?? null,
    supportedSchoolUrn: school.urn,
    leaderId: leader.id,
    homeSchoolUrn: leader.homeSchool.urn,
    createdAt: now,
    createdByUserId: actorUserId,
  });
  const versionId = await insertVersion(tx, alliance, {
    agreementId: id,
    number: 1,
    createdAt: now,
    createdByUserId: actorUserId,
  });
  await updateAgreement(tx, id, { currentVersionId: versionId });
  await recordAudit(tx, {
    allianceId: alliance.id,
    actorUserId,
    entityType: 'agreement',
    entityId: id,
    action: 'created',
    after: {
      kind: KIND_LABELS[input.kind],
      supportedSchool: describeSchool(school),
      leader: leader.name,
      homeSchool: describeSchool(leader.homeSchool),
      enquiry: enquiry?.reference ?? null,
    },
    at: now,
  });
  return { ok: true, value: { id } };
}

/** The agreements a person may see: all for the alliance's staff, else their school's or their own. */
export function scopeFor(user: CurrentUser): AgreementScope {
  if (hasAnyRole(user, ALLIANCE_STAFF)) return { kind: 'all' };
  return {
    kind: 'party',
    schoolUrn: user.roles.includes('school-contact') ? user.schoolUrn : null,
    leaderId: user.roles.includes('system-leader') ? user.leaderId : null,
  };
}

export function mayView(
  user: CurrentUser,
  agreement: Pick<AgreementParties['agreement'], 'supportedSchoolUrn' | 'homeSchoolUrn' | 'leaderId'>,
): boolean {
  const scope = scopeFor(user);
  if (scope.kind === 'all') return true;
  const { schoolUrn, leaderId } = scope;
  return (
    (schoolUrn !== null && (agreement.supportedSchoolUrn === schoolUrn || agreement.homeSchoolUrn === schoolUrn)) ||
    (leaderId !== null && agreement.leaderId === leaderId)
  );
}

export class AgreementService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
    private readonly releaseConsent: ReleaseConsentSource,
  ) {}

  async alliance(): Promise<Alliance> {
    return this.alliances.current();
  }

  /** The letterhead, release consent and standard terms around the version of an agreement already found. */
  async contractFor(agreement: Agreement): Promise<Contract> {
    const alliance = await this.alliances.current();
    const terms = agreement.version.terms;
    const consent =
      terms?.kind === 'sle-deployment'
        ? await this.releaseConsent(alliance.id, agreement.leader.id, academicYearOf(terms.startDate).startYear)
        : undefined;
    return describeContract(alliance, agreement, agreement.version, consent);
  }

  /** The academic year today falls in: agreements are listed by the year they start. */
  currentYear(): AcademicYear {
    return academicYearOf(londonDate(this.clock.now()));
  }

  /** The agreement's audit trail, for those who may read it. */
  async trail(user: CurrentUser, agreementId: number): Promise<AuditTrailRow[] | undefined> {
    const alliance = await this.alliances.current();
    return auditTrailFor(this.db, user, {
      allianceId: alliance.id,
      entityType: 'agreement',
      entityId: agreementId,
      labels: AGREEMENT_FIELD_LABELS,
      actions: AGREEMENT_ACTIONS,
    });
  }

  /**
   * The signed version of each of the alliance's signed agreements, with its dates, as a query for
   * the capabilities built on agreements to join (reviews due, feedback to ask for): columns
   * agreement_id, kind, status, leader_id, supported_school_urn, enquiry_id, version_id,
   * version_number, start_date, end_date.
   */
  signedVersions(allianceId: number): SQL {
    return signedVersionsOf(allianceId);
  }

  /** How many agreements signed by every party (signed, or signed and being varied) each leader has had with the school: matching's "support already given". */
  supportGiven(db: Executor, allianceId: number, schoolUrn: number): Promise<Map<number, number>> {
    return countAgreementsWithSchoolByLeader(db, allianceId, schoolUrn);
  }

  now(): Date {
    return this.clock.now();
  }

  /** A leader of the alliance, to start an agreement with: their name and email address. */
  async leaderToChoose(id: number): Promise<{ id: number; name: string; email: string } | undefined> {
    return findLeaderNameAndEmail(this.db, (await this.alliances.current()).id, id);
  }

  /** The alliance's leaders whose name or email matches what was typed, with their designations. */
  async searchLeadersToChoose(text: string, limit: number): Promise<LeaderChoice[]> {
    return searchLeaders(this.db, (await this.alliances.current()).id, text, limit);
  }

  /** The alliance's enquiry with this reference, which an agreement can answer. */
  async findEnquiry(reference: string): Promise<{ id: number; reference: string } | undefined> {
    return findEnquiry(this.db, (await this.alliances.current()).id, { reference });
  }

  /** Creates an agreement for a leader and a school (see createAgreementIn), in a transaction of its own. */
  async create(actor: CurrentUser | null, input: NewAgreement): Promise<Outcome<{ id: number }>> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    return this.db.transaction((tx) => createAgreementIn(tx, alliance, input, actor?.id ?? null, now));
  }

  /**
   * The agreement with one version's content (the current version unless `versionNumber` is given),
   * if it exists and `user` may see it. Undefined otherwise, so pages answer "not found" either way.
   */
  async find(user: CurrentUser, id: number, versionNumber?: number): Promise<Agreement | undefined> {
    const alliance = await this.alliances.current();
    const parties = await findAgreementParties(this.db, alliance.id, id);
    if (!parties || !mayView(user, parties.agreement)) return undefined;
    const versions = await listVersions(this.db, id);
    const chosen =
      versionNumber === undefined
        ? versions.find((version) => version.id === parties.agreement.currentVersionId)
        : versions.find((version) => version.number === versionNumber);
    if (!chosen) return undefined;
    return { ...parties, versions, version: await loadVersionContent(this.db, parties.agreement.kind, chosen) };
  }

  /**
   * What a first version's terms start from, taken from the enquiry it answers: the focus specialism
   * the school asked for (when the leader holds exactly one of those asked: the enquiry keeps no order
   * among them, so with several it is the coordinator's choice), the priority reasons, and
   * the head's name when a headteacher wrote. Nothing when there is no enquiry.
   */
  async termsSuggested(agreement: Agreement): Promise<TermsSuggested> {
    const enquiryId = agreement.agreement.enquiryId;
    const asked = enquiryId ? await findWhatTheEnquiryAsked(this.db, enquiryId, agreement.leader.id) : undefined;
    if (!asked) return { priorityReasons: [] };
    const wroteAsHead =
      /head\s*teacher|^head$|principal/i.test(asked.contactRole) && !/deputy|assistant/i.test(asked.contactRole);
    return {
      focusSpecialismId: asked.heldSpecialismIds.length === 1 ? asked.heldSpecialismIds[0] : undefined,
      priorityReasons: asked.priorityReasons.map((reason) => (reason === 'new-headteacher' ? 'new-head' : reason)),
      supportedHeadName: wroteAsHead ? asked.contactName : undefined,
    };
  }

  /** The agreements answering an enquiry that this person may open: how an enquiry's page links to them. */
  async forEnquiry(user: CurrentUser, enquiryReference: string): Promise<EnquiryAgreementLink[]> {
    const alliance = await this.alliances.current();
    return (await listAgreementsForEnquiry(this.db, alliance.id, enquiryReference))
      .filter((agreement) => mayView(user, agreement))
      .map((agreement) => ({
        reference: agreementReference(agreement.id),
        href: `/staff/agreements/${agreement.id}`,
        status: STATUS_LABELS[agreement.status],
      }));
  }

  /**
   * Where the agreement's "In answer to enquiry" leads this person: the desk's page for the alliance's
   * staff, the school's own page for its contacts; nowhere for others, who cannot see the enquiry.
   */
  enquiryHrefFor(user: CurrentUser, agreement: Pick<Agreement, 'agreement' | 'enquiryReference'>): string | undefined {
    const reference = agreement.enquiryReference;
    if (!reference) return undefined;
    if (hasAnyRole(user, ['administrator', 'coordinator'])) return `/staff/enquiries/${reference}`;
    if (user.roles.includes('school-contact') && user.schoolUrn === agreement.agreement.supportedSchoolUrn)
      return `/staff/your-school/enquiries/${reference}`;
    return undefined;
  }

  async list(
    user: CurrentUser,
    query: Omit<AgreementListQuery, 'allianceId' | 'scope'>,
  ): Promise<{ rows: AgreementListRow[]; total: number }> {
    const alliance = await this.alliances.current();
    return listAgreements(this.db, { ...query, allianceId: alliance.id, scope: scopeFor(user) });
  }

  /**
   * Withdraws an agreement that was never signed by every party (made by mistake, or the school
   * changed its mind). A signed agreement is ended early by a variation to its dates instead.
   */
  async withdraw(actor: CurrentUser, id: number, reason: string): Promise<Outcome> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const parties = await findAgreementParties(tx, alliance.id, id);
      if (!parties) return { ok: false, problems: [{ field: 'reason', message: 'There is no such agreement' }] };
      if (!allowsMove(parties.agreement.status, 'withdraw')) {
        const message =
          parties.agreement.status === 'withdrawn'
            ? 'This agreement has already been withdrawn'
            : 'A signed agreement cannot be withdrawn. To end it early, start a variation and change its end date';
        return { ok: false, problems: [{ field: 'reason', message }] };
      }
      await updateAgreement(tx, id, { status: 'withdrawn', withdrawnAt: now, withdrawnReason: reason });
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'agreement',
        entityId: id,
        action: 'withdrawn',
        before: { status: 'Being agreed' },
        after: { status: 'Withdrawn', reason },
        at: now,
      });
      return { ok: true, value: undefined };
    });
  }
}
