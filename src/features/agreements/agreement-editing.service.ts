import type { Database, Executor } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import { allowsMove } from './agreement-status.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { Alliance, AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit, type AuditFields } from '../../platform/audit/audit.service.ts';
import { activeSpecialisms } from '../specialisms/specialisms.service.ts';
import * as content from './agreement-content.repository.ts';
import { chooseFocus } from './deployment-focus.service.ts';
import { describeObjective, describePairing, termChanges } from './agreement-edits.audit.ts';
import { deploymentTermsProblems, normaliseFunding, placementTermsProblems } from './agreement-terms.service.ts';
import {
  deleteVersion,
  findAgreementParties,
  insertVersion,
  listVersions,
  updateAgreement,
  type AgreementParties,
  type VersionRow,
} from './agreements.repository.ts';

/** An edit either happens, is refused for its input (problems), or is refused outright (the version is locked). */
export type EditOutcome<T = undefined> =
  { ok: true; value: T } | { ok: false; problems: FieldProblem[] } | { ok: false; refused: string };

type Editable = { alliance: Alliance; parties: AgreementParties; version: VersionRow; now: Date };

/** Why a version cannot be changed, in words a coordinator can act on; undefined when it can be. */
export function whyLocked(parties: AgreementParties, version: VersionRow): string | undefined {
  if (parties.agreement.status === 'withdrawn') return 'This agreement was withdrawn, so it cannot be changed';
  if (version.id !== parties.agreement.currentVersionId)
    return `Version ${version.number} has been replaced by a later version, so it cannot be changed`;
  if (version.lockedAt) {
    return `Version ${version.number} was signed by every party on ${formatLongDate(londonDate(version.lockedAt))}, so it cannot be changed. To change the agreement, start a variation`;
  }
  return undefined;
}

/**
 * Changes to the version being agreed: terms, objectives and staff pairings. A version every party
 * has signed is locked; changing it takes a variation (a new version). Changing a version some
 * parties have signed removes their signatures, since they signed something else.
 */
export class AgreementEditingService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
  ) {}

  /** Runs `change` on the current version if it may be changed, then clears signatures it made stale. */
  private async edit<T>(
    actor: CurrentUser,
    agreementId: number,
    change: (
      tx: Executor,
      editable: Editable,
    ) => Promise<
      EditOutcome<T> & { audit?: { action: string; before?: AuditFields | null; after?: AuditFields | null } }
    >,
  ): Promise<EditOutcome<T>> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const parties = await findAgreementParties(tx, alliance.id, agreementId);
      const version = parties
        ? (await listVersions(tx, agreementId)).find((candidate) => candidate.id === parties.agreement.currentVersionId)
        : undefined;
      if (!parties || !version) return { ok: false, refused: 'There is no such agreement' };
      const locked = whyLocked(parties, version);
      if (locked) return { ok: false, refused: locked };
      const outcome = await change(tx, { alliance, parties, version, now });
      if (!outcome.ok) return outcome;
      const audit = (action: string, before?: AuditFields | null, after?: AuditFields | null) =>
        recordAudit(tx, {
          allianceId: alliance.id,
          actorUserId: actor.id,
          entityType: 'agreement',
          entityId: agreementId,
          action,
          before,
          after: { version: version.number, ...after },
          at: now,
        });
      if (outcome.audit) await audit(outcome.audit.action, outcome.audit.before, outcome.audit.after);
      const signatures = await content.listSignatures(tx, version.id);
      if (signatures.length > 0) {
        await content.deleteSignatures(tx, version.id);
        await audit(
          'signatures-cleared',
          { signatures: signatures.map((signature) => `${signature.signatoryName} (${signature.party})`) },
          {},
        );
      }
      return { ok: true, value: outcome.value };
    });
  }

  /** Whether saving a change now would remove signatures: the forms warn before it happens. */
  async signaturesAtStake(agreementId: number): Promise<content.SignatureWithRecorder[]> {
    const alliance = await this.alliances.current();
    const parties = await findAgreementParties(this.db, alliance.id, agreementId);
    if (!parties?.agreement.currentVersionId || parties.agreement.status === 'signed') return [];
    return content.listSignatures(this.db, parties.agreement.currentVersionId);
  }

  async saveDeploymentTerms(
    actor: CurrentUser,
    agreementId: number,
    fields: content.DeploymentTermsFields,
  ): Promise<EditOutcome> {
    return this.edit(actor, agreementId, async (tx, { alliance, parties, version }) => {
      if (parties.agreement.kind !== 'sle-deployment')
        return { ok: false, refused: 'This agreement is not an SLE deployment' };
      const problems = deploymentTermsProblems(fields, alliance.minimumDeploymentHalfDays);
      const focus = await chooseFocus(tx, alliance.id, parties.leader, fields.focusSpecialismId);
      if (!focus.ok) problems.unshift({ field: 'focusSpecialismId', message: focus.message });
      if (problems.length > 0 || !focus.ok) return { ok: false, problems };
      const before = await content.findDeploymentTerms(tx, version.id);
      const terms = normaliseFunding(fields);
      await content.saveDeploymentTerms(tx, version.id, terms);
      // The trail names the specialism: an id means nothing to the coordinator reading it.
      const named = ({ focusSpecialismId: _id, ...rest }: content.DeploymentTermsFields, focusSpecialism: string) => ({
        focusSpecialism,
        ...rest,
      });
      return {
        ok: true,
        value: undefined,
        audit: {
          action: 'terms-saved',
          ...termChanges(before && named(before, before.focusSpecialismName), named(terms, focus.specialism.name)),
        },
      };
    });
  }

  async savePlacementTerms(
    actor: CurrentUser,
    agreementId: number,
    fields: content.PlacementTermsFields,
  ): Promise<EditOutcome> {
    return this.edit(actor, agreementId, async (tx, { parties, version }) => {
      if (parties.agreement.kind !== 'lle-placement')
        return { ok: false, refused: 'This agreement is not an LLE placement' };
      const problems = placementTermsProblems(fields);
      if (problems.length > 0) return { ok: false, problems };
      const before = await content.findPlacementTerms(tx, version.id);
      const terms = normaliseFunding(fields);
      await content.savePlacementTerms(tx, version.id, terms);
      return { ok: true, value: undefined, audit: { action: 'terms-saved', ...termChanges(before, terms) } };
    });
  }

  async addObjective(
    actor: CurrentUser,
    agreementId: number,
    fields: content.ObjectiveFields,
  ): Promise<EditOutcome<number>> {
    return this.edit(actor, agreementId, async (tx, { version }) => {
      const id = await content.insertObjective(tx, version.id, fields);
      return { ok: true, value: id, audit: { action: 'objective-added', after: describeObjective(fields) } };
    });
  }

  async updateObjective(
    actor: CurrentUser,
    agreementId: number,
    objectiveId: number,
    fields: content.ObjectiveFields,
  ): Promise<EditOutcome> {
    return this.edit(actor, agreementId, async (tx, { version }) => {
      const existing = (await content.listObjectives(tx, version.id)).find((objective) => objective.id === objectiveId);
      if (!existing) return { ok: false, refused: 'There is no such objective in the version being agreed' };
      await content.updateObjective(tx, version.id, objectiveId, fields);
      return {
        ok: true,
        value: undefined,
        audit: { action: 'objective-changed', before: describeObjective(existing), after: describeObjective(fields) },
      };
    });
  }

  async removeObjective(actor: CurrentUser, agreementId: number, objectiveId: number): Promise<EditOutcome> {
    return this.edit(actor, agreementId, async (tx, { version }) => {
      const existing = (await content.listObjectives(tx, version.id)).find((objective) => objective.id === objectiveId);
      if (!existing) return { ok: false, refused: 'There is no such objective in the version being agreed' };
      await content.deleteObjective(tx, version.id, objectiveId);
      return {
        ok: true,
        value: undefined,
        audit: { action: 'objective-removed', before: describeObjective(existing) },
      };
    });
  }

  async addPairing(
    actor: CurrentUser,
    agreementId: number,
    fields: content.PairingFields,
  ): Promise<EditOutcome<number>> {
    return this.edit(actor, agreementId, async (tx, { alliance, parties, version }) => {
      if (parties.agreement.kind !== 'lle-placement')
        return { ok: false, refused: 'Staff pairings are part of LLE placements only' };
      const problem = await this.pairingProblem(tx, alliance, fields);
      if (problem) return { ok: false, problems: [problem] };
      const id = await content.insertPairing(tx, version.id, fields);
      return { ok: true, value: id, audit: { action: 'pairing-added', after: describePairing(fields) } };
    });
  }

  async updatePairing(
    actor: CurrentUser,
    agreementId: number,
    pairingId: number,
    fields: content.PairingFields,
  ): Promise<EditOutcome> {
    return this.edit(actor, agreementId, async (tx, { alliance, version }) => {
      const existing = (await content.listPairings(tx, version.id)).find((pairing) => pairing.id === pairingId);
      if (!existing) return { ok: false, refused: 'There is no such pairing in the version being agreed' };
      const problem = await this.pairingProblem(tx, alliance, fields);
      if (problem) return { ok: false, problems: [problem] };
      await content.updatePairing(tx, version.id, pairingId, fields);
      return {
        ok: true,
        value: undefined,
        audit: { action: 'pairing-changed', before: describePairing(existing), after: describePairing(fields) },
      };
    });
  }

  async removePairing(actor: CurrentUser, agreementId: number, pairingId: number): Promise<EditOutcome> {
    return this.edit(actor, agreementId, async (tx, { version }) => {
      const existing = (await content.listPairings(tx, version.id)).find((pairing) => pairing.id === pairingId);
      if (!existing) return { ok: false, refused: 'There is no such pairing in the version being agreed' };
      await content.deletePairing(tx, version.id, pairingId);
      return { ok: true, value: undefined, audit: { action: 'pairing-removed', before: describePairing(existing) } };
    });
  }

  private async pairingProblem(
    tx: Executor,
    alliance: Alliance,
    fields: content.PairingFields,
  ): Promise<FieldProblem | undefined> {
    if (!(await activeSpecialisms(tx, alliance.id)).some((specialism) => specialism.id === fields.specialismId))
      return { field: 'specialismId', message: 'Select the pairing’s specialism from the list' };
    return undefined;
  }

  /**
   * Starts a variation of a signed agreement: a new version, copied from the last, to change and
   * sign again. The signed versions stay as they were, readable.
   */
  async startVariation(actor: CurrentUser, agreementId: number, reason: string): Promise<EditOutcome<number>> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const parties = await findAgreementParties(tx, alliance.id, agreementId);
      if (!parties) return { ok: false, refused: 'There is no such agreement' };
      const versions = await listVersions(tx, agreementId);
      const latest = versions.at(-1)!;
      if (parties.agreement.status === 'withdrawn')
        return { ok: false, refused: 'This agreement was withdrawn, so it cannot be varied' };
      if (!latest.lockedAt) {
        const message =
          latest.number === 1
            ? 'This agreement has not been signed by every party yet, so change it directly rather than by a variation'
            : `A variation is already being agreed: version ${latest.number}`;
        return { ok: false, refused: message };
      }
      const number = latest.number + 1;
      const versionId = await insertVersion(tx, alliance, {
        agreementId,
        number,
        variationReason: reason,
        createdAt: now,
        createdByUserId: actor.id,
      });
      await content.copyVersionContent(tx, latest.id, versionId);
      await updateAgreement(tx, agreementId, { currentVersionId: versionId, status: 'varying' });
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'agreement',
        entityId: agreementId,
        action: 'variation-started',
        before: { status: 'Signed' },
        after: { version: number, reason, status: 'Variation being agreed' },
        at: now,
      });
      return { ok: true, value: number };
    });
  }

  /**
   * Drops a variation that will not go ahead, before every party has signed it: the agreement goes
   * back to its last signed version, which never stopped being in force. Signatures already given
   * to the variation go with it.
   */
  async discardVariation(actor: CurrentUser, agreementId: number): Promise<EditOutcome<number>> {
    const alliance = await this.alliances.current();
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const parties = await findAgreementParties(tx, alliance.id, agreementId);
      if (!parties) return { ok: false, refused: 'There is no such agreement' };
      const versions = await listVersions(tx, agreementId);
      const [signed, variation] = versions.slice(-2);
      if (
        !allowsMove(parties.agreement.status, 'discard-variation') ||
        !signed?.lockedAt ||
        !variation ||
        variation.lockedAt
      ) {
        return { ok: false, refused: 'There is no variation being agreed to discard' };
      }
      await updateAgreement(tx, agreementId, { currentVersionId: signed.id, status: 'signed' });
      await deleteVersion(tx, variation.id);
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'agreement',
        entityId: agreementId,
        action: 'variation-discarded',
        before: { version: variation.number, status: 'Variation being agreed' },
        after: { version: signed.number, status: 'Signed' },
        at: now,
      });
      return { ok: true, value: variation.number };
    });
  }
}
