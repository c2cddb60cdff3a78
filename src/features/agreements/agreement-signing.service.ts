import crypto from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { hasAnyRole, type CurrentUser } from '../../platform/access.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { insertSignature } from './agreement-content.repository.ts';
import {
  loadVersionContent,
  signingBlockers,
  unsignedParties,
  type VersionContent,
} from './agreement-versions.service.ts';
import { CAPACITY_LABELS, partyLabel, partyPhrase } from './agreements.labels.ts';
import {
  findAgreementParties,
  listVersions,
  lockVersion,
  updateAgreement,
  type AgreementParties,
} from './agreements.repository.ts';
import { ALLIANCE_STAFF, type Outcome } from './agreements.service.ts';
import type { Party, SigningCapacity } from './agreements.model.ts';

/**
 * A signature as given: for a school, its head or someone the head named (with the head's name);
 * for the alliance, its staff. `fingerprint` is what the signatory read (versionFingerprint).
 */
export type Signing = { party: Party; fingerprint: string; capacity: SigningCapacity; headName: string | null };

export type WitnessedSigning = Signing & { signatoryName: string; signatoryRole: string };

/** Roles that are a school's headteacher (or act as one); a deputy, assistant or vice is not. */
const HEADTEACHER_ROLE =
  /\b(head\s?teacher|headmaster|headmistress|head of school|principal)\b|^(executive |acting |co-)?head$/i;
const SUBORDINATE_ROLE = /\b(deputy|assistant|associate|vice)\b/i;

export function isHeadteacherRole(role: string): boolean {
  return HEADTEACHER_ROLE.test(role.trim()) && !SUBORDINATE_ROLE.test(role);
}

/**
 * A signatory signs as themselves, in their own role: as the headteacher only if that is their role,
 * otherwise on behalf of the headteacher who named them (and who is named). Otherwise the record read
 * "Priya Shah, Deputy headteacher (Headteacher)": a deputy signing as if she were the head.
 */
function capacityProblem(signing: Signing, signatoryRole: string): string | undefined {
  if (signing.party === 'alliance')
    return signing.capacity === 'alliance' && signing.headName === null
      ? undefined
      : 'The alliance signs through its staff, not as a school';
  if (signing.capacity === 'head') {
    if (signing.headName !== null) return 'A headteacher signs for themselves';
    return isHeadteacherRole(signatoryRole)
      ? undefined
      : `The role recorded is ${signatoryRole}, not headteacher, so this is signed on behalf of the headteacher: choose ‘Someone the headteacher named’ and give the headteacher’s name`;
  }
  if (signing.capacity === 'delegate')
    return signing.headName?.trim() ? undefined : 'Enter the name of the headteacher who named you to sign';
  return 'Say whether the headteacher signs, or someone they named';
}

/**
 * A digest of what a version says: the signing form carries it, so a signature is refused if the
 * version changed after the signatory read it (a coordinator's edit in between).
 */
export function versionFingerprint(version: VersionContent): string {
  const { terms, objectives, pairings } = version;
  const content = JSON.stringify({
    number: version.number,
    terms: terms ?? null,
    objectives: objectives.map(({ objective, baseline, successMeasure }) => [objective, baseline, successMeasure]),
    pairings: pairings.map(
      ({ leaderSchoolRole, leaderSchoolName, supportedSchoolRole, supportedSchoolName, specialismId, halfDays }) => [
        leaderSchoolRole,
        leaderSchoolName,
        supportedSchoolRole,
        supportedSchoolName,
        specialismId,
        halfDays,
      ],
    ),
  });
  return crypto.createHash('sha256').update(content).digest('hex').slice(0, 32);
}

/** Why nobody can sign this version for `party` now; undefined when someone may. */
function whyVersionCannotBeSigned(
  parties: AgreementParties,
  version: VersionContent,
  party: Party,
): string | undefined {
  if (parties.agreement.status === 'withdrawn') return 'This agreement was withdrawn, so it cannot be signed';
  if (version.id !== parties.agreement.currentVersionId)
    return `Version ${version.number} has been replaced by a later version, so it cannot be signed`;
  if (version.lockedAt) return `Version ${version.number} has already been signed by every party`;
  const blockers = signingBlockers(version);
  if (blockers.length > 0) return `This agreement cannot be signed yet: ${blockers.join(' and ')}`;
  const signed = version.signatures.find((signature) => signature.party === party);
  if (signed)
    return `${signed.signatoryName} signed version ${version.number} for the ${partyPhrase(party, parties.agreement.kind)} on ${formatLondonDateTime(signed.signedAt)}`;
  return undefined;
}

/**
 * Who may sign for which party, signed in to the service:
 * - the supported school: its school contacts (its head, or the person the head named);
 * - the leader's home school: its school contacts, likewise;
 * - the alliance: its coordinators and administrators.
 * The leader in the agreement signs for no party (their school releases them), and one person signs
 * for one party of a version at most. Undefined when `user` may sign for `party`.
 */
export function whyUserCannotSign(
  user: CurrentUser,
  parties: AgreementParties,
  version: VersionContent,
  party: Party,
): string | undefined {
  const blocked = whyVersionCannotBeSigned(parties, version, party);
  if (blocked) return blocked;
  const { agreement } = parties;
  if (user.leaderId !== null && user.leaderId === agreement.leaderId)
    return 'You are the leader in this agreement, so you cannot sign for any of its parties';
  const own = version.signatures.find((signature) => signature.method === 'in-service' && signature.userId === user.id);
  if (own)
    return `You have already signed version ${version.number} for the ${partyPhrase(own.party, agreement.kind)}. Another person must sign for the ${partyPhrase(party, agreement.kind)}`;
  const contactOf = (urn: number) => user.roles.includes('school-contact') && user.schoolUrn === urn;
  if (party === 'supported-school' && !contactOf(agreement.supportedSchoolUrn))
    return `Only a school contact of ${parties.supportedSchool.name} can sign for it`;
  if (party === 'home-school' && !contactOf(agreement.homeSchoolUrn))
    return `Only a school contact of ${parties.homeSchool.name} can sign for it`;
  if (party === 'alliance' && !hasAnyRole(user, ALLIANCE_STAFF))
    return 'Only the alliance’s coordinators and administrators can sign for the alliance';
  return undefined;
}

/**
 * A coordinator may record a school's signature made in front of them (a head with no account, at a
 * meeting): never the alliance's, which they sign themselves, and not for an agreement they lead.
 */
export function whyUserCannotWitness(
  user: CurrentUser,
  parties: AgreementParties,
  version: VersionContent,
  party: Party,
): string | undefined {
  if (party === 'alliance') return 'The alliance signs through its own staff, in the service';
  const blocked = whyVersionCannotBeSigned(parties, version, party);
  if (blocked) return blocked;
  if (!hasAnyRole(user, ALLIANCE_STAFF))
    return 'Only the alliance’s coordinators and administrators can record a signature made in front of them';
  if (user.leaderId !== null && user.leaderId === parties.agreement.leaderId)
    return 'You are the leader in this agreement, so you cannot record signatures for it';
  return undefined;
}

export class AgreementSigningService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
  ) {}

  /** Signs the current version for a party as the person signed in. */
  async sign(actor: CurrentUser, agreementId: number, signing: Signing): Promise<Outcome<{ locked: boolean }>> {
    return this.record(actor, agreementId, signing, {
      check: (parties, version) => whyUserCannotSign(actor, parties, version, signing.party),
      signatoryName: actor.name,
      signatoryRole: actor.jobTitle,
      method: 'in-service',
    });
  }

  /** Records a school's signature that a coordinator saw made, in the coordinator's name as recorder. */
  async recordWitnessed(
    actor: CurrentUser,
    agreementId: number,
    signing: WitnessedSigning,
  ): Promise<Outcome<{ locked: boolean }>> {
    return this.record(actor, agreementId, signing, {
      check: (parties, version) => whyUserCannotWitness(actor, parties, version, signing.party),
      signatoryName: signing.signatoryName,
      signatoryRole: signing.signatoryRole,
      method: 'witnessed',
    });
  }

  private async record(
    actor: CurrentUser,
    agreementId: number,
    signing: Signing | WitnessedSigning,
    how: {
      check: (parties: AgreementParties, version: VersionContent) => string | undefined;
      signatoryName: string;
      signatoryRole: string;
      method: 'in-service' | 'witnessed';
    },
  ): Promise<Outcome<{ locked: boolean }>> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const parties = await findAgreementParties(tx, alliance.id, agreementId);
      const row = parties
        ? (await listVersions(tx, agreementId)).find((version) => version.id === parties.agreement.currentVersionId)
        : undefined;
      if (!parties || !row) return { ok: false, problems: [{ field: 'party', message: 'There is no such agreement' }] };
      const version = await loadVersionContent(tx, parties.agreement.kind, row);
      const refusal = how.check(parties, version);
      if (refusal) return { ok: false, problems: [{ field: 'party', message: refusal }] };
      const capacity = capacityProblem(signing, how.signatoryRole);
      if (capacity)
        return {
          ok: false,
          problems: [{ field: signing.capacity === 'delegate' ? 'headName' : 'capacity', message: capacity }],
        };
      if (signing.fingerprint !== versionFingerprint(version)) {
        return {
          ok: false,
          problems: [
            {
              field: 'party',
              message: `Version ${version.number} was changed after you opened it, so it was not signed. Read it again, then sign`,
            },
          ],
        };
      }
      const inserted = await insertSignature(tx, version.id, {
        party: signing.party,
        signatoryName: how.signatoryName,
        signatoryRole: how.signatoryRole,
        capacity: signing.capacity,
        headName: signing.headName,
        method: how.method,
        userId: actor.id,
        signedAt: now,
      });
      if (!inserted)
        return { ok: false, problems: [{ field: 'party', message: 'Someone has just signed for this party' }] };
      const audit = (action: string, after: Record<string, string | number>) =>
        recordAudit(tx, {
          allianceId: alliance.id,
          actorUserId: actor.id,
          entityType: 'agreement',
          entityId: agreementId,
          action,
          after,
          at: now,
        });
      await audit(how.method === 'witnessed' ? 'signature-witnessed' : 'signed', {
        version: version.number,
        party: partyLabel(signing.party, parties.agreement.kind),
        signatory: `${how.signatoryName}, ${how.signatoryRole}`,
        capacity: signing.headName
          ? `${CAPACITY_LABELS[signing.capacity]} (for ${signing.headName})`
          : CAPACITY_LABELS[signing.capacity],
      });
      const locked = unsignedParties(version).every((party) => party === signing.party);
      if (locked) {
        await lockVersion(tx, version.id, now);
        await updateAgreement(tx, agreementId, { status: 'signed' });
        await audit('version-locked', { version: version.number, status: 'Signed' });
      }
      return { ok: true, value: { locked } };
    });
  }
}
