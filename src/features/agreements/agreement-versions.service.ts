import type { Executor } from '../../db/database.ts';
import {
  findDeploymentTerms,
  findPlacementTerms,
  listObjectives,
  listPairings,
  listSignatures,
  type DeploymentTermsRow,
  type ObjectiveRow,
  type PairingRow,
  type PlacementTermsRow,
  type SignatureWithRecorder,
} from './agreement-content.repository.ts';
import type { VersionRow } from './agreements.repository.ts';
import { PARTIES, type AgreementKind, type Party } from './agreements.model.ts';

export type DeploymentTerms = DeploymentTermsRow & { kind: 'sle-deployment'; focusSpecialismName: string };
export type PlacementTerms = PlacementTermsRow & { kind: 'lle-placement' };
export type Terms = DeploymentTerms | PlacementTerms;

/** One version of an agreement with everything in it: what the parties sign. */
export type VersionContent = VersionRow & {
  /** Undefined until the terms have been completed. */
  terms: Terms | undefined;
  objectives: ObjectiveRow[];
  pairings: Array<PairingRow & { specialismName: string }>;
  signatures: SignatureWithRecorder[];
};

export async function loadVersionContent(
  db: Executor,
  kind: AgreementKind,
  version: VersionRow,
): Promise<VersionContent> {
  // One after another: `db` may be a transaction, whose one connection takes a query at a time.
  const terms =
    kind === 'sle-deployment' ? await findDeploymentTerms(db, version.id) : await findPlacementTerms(db, version.id);
  const objectives = await listObjectives(db, version.id);
  const pairings = kind === 'lle-placement' ? await listPairings(db, version.id) : [];
  const signatures = await listSignatures(db, version.id);
  return { ...version, terms: terms ? ({ ...terms, kind } as Terms) : undefined, objectives, pairings, signatures };
}

/** What still stops a version being signed: its terms and at least one objective. */
export function signingBlockers(version: VersionContent): string[] {
  const blockers: string[] = [];
  if (!version.terms) blockers.push('complete the terms');
  if (version.objectives.length === 0) blockers.push('add at least one objective');
  return blockers;
}

export function unsignedParties(version: VersionContent): Party[] {
  return PARTIES.filter((party) => !version.signatures.some((signature) => signature.party === party));
}

/** An objective and a staff pairing of a version, as the capabilities built on agreements read them. */
export type Objective = ObjectiveRow;
export type Pairing = PairingRow;
