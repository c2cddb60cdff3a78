import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';
import {
  agreementObjectives,
  agreementSignatures,
  deploymentTerms,
  placementPairings,
  placementTerms,
} from './agreements.tables.ts';

export type DeploymentTermsRow = typeof deploymentTerms.$inferSelect;
export type PlacementTermsRow = typeof placementTerms.$inferSelect;
export type ObjectiveRow = typeof agreementObjectives.$inferSelect;
export type PairingRow = typeof placementPairings.$inferSelect;
export type SignatureRow = typeof agreementSignatures.$inferSelect;

export type DeploymentTermsFields = Omit<DeploymentTermsRow, 'versionId'>;
export type PlacementTermsFields = Omit<PlacementTermsRow, 'versionId'>;
export type ObjectiveFields = Pick<ObjectiveRow, 'objective' | 'baseline' | 'successMeasure'>;
export type PairingFields = Omit<PairingRow, 'id' | 'versionId' | 'position'>;
export type SignatureFields = Omit<SignatureRow, 'id' | 'versionId'>;

export async function findDeploymentTerms(
  db: Executor,
  versionId: number,
): Promise<(DeploymentTermsRow & { focusSpecialismName: string }) | undefined> {
  const [row] = await db
    .select({ terms: deploymentTerms, focusSpecialismName: specialisms.name })
    .from(deploymentTerms)
    .innerJoin(specialisms, eq(specialisms.id, deploymentTerms.focusSpecialismId))
    .where(eq(deploymentTerms.versionId, versionId));
  return row ? { ...row.terms, focusSpecialismName: row.focusSpecialismName } : undefined;
}

export async function findPlacementTerms(db: Executor, versionId: number): Promise<PlacementTermsRow | undefined> {
  const [row] = await db.select().from(placementTerms).where(eq(placementTerms.versionId, versionId));
  return row;
}

export async function saveDeploymentTerms(
  db: Executor,
  versionId: number,
  fields: DeploymentTermsFields,
): Promise<void> {
  await db
    .insert(deploymentTerms)
    .values({ versionId, ...fields })
    .onConflictDoUpdate({ target: deploymentTerms.versionId, set: fields });
}

export async function savePlacementTerms(db: Executor, versionId: number, fields: PlacementTermsFields): Promise<void> {
  await db
    .insert(placementTerms)
    .values({ versionId, ...fields })
    .onConflictDoUpdate({ target: placementTerms.versionId, set: fields });
}

export async function listObjectives(db: Executor, versionId: number): Promise<ObjectiveRow[]> {
  return db
    .select()
    .from(agreementObjectives)
    .where(eq(agreementObjectives.versionId, versionId))
    .orderBy(asc(agreementObjectives.position), asc(agreementObjectives.id));
}

export async function insertObjective(db: Executor, versionId: number, fields: ObjectiveFields): Promise<number> {
  const [row] = await db
    .insert(agreementObjectives)
    .values({
      versionId,
      ...fields,
      position: sql`(select coalesce(max(${agreementObjectives.position}), 0) + 1 from ${agreementObjectives} where ${agreementObjectives.versionId} = ${versionId})`,
    })
    .returning({ id: agreementObjectives.id });
  return row!.id;
}

export async function updateObjective(
  db: Executor,
  versionId: number,
  id: number,
  fields: ObjectiveFields,
): Promise<void> {
  await db
    .update(agreementObjectives)
    .set(fields)
    .where(and(eq(agreementObjectives.versionId, versionId), eq(agreementObjectives.id, id)));
}

export async function deleteObjective(db: Executor, versionId: number, id: number): Promise<void> {
  await db
    .delete(agreementObjectives)
    .where(and(eq(agreementObjectives.versionId, versionId), eq(agreementObjectives.id, id)));
}

export async function listPairings(
  db: Executor,
  versionId: number,
): Promise<Array<PairingRow & { specialismName: string }>> {
  const rows = await db
    .select({ pairing: placementPairings, specialismName: specialisms.name })
    .from(placementPairings)
    .innerJoin(specialisms, eq(specialisms.id, placementPairings.specialismId))
    .where(eq(placementPairings.versionId, versionId))
    .orderBy(asc(placementPairings.position), asc(placementPairings.id));
  return rows.map((row) => ({ ...row.pairing, specialismName: row.specialismName }));
}

export async function insertPairing(db: Executor, versionId: number, fields: PairingFields): Promise<number> {
  const [row] = await db
    .insert(placementPairings)
    .values({
      versionId,
      ...fields,
      position: sql`(select coalesce(max(${placementPairings.position}), 0) + 1 from ${placementPairings} where ${placementPairings.versionId} = ${versionId})`,
    })
    .returning({ id: placementPairings.id });
  return row!.id;
}

export async function updatePairing(db: Executor, versionId: number, id: number, fields: PairingFields): Promise<void> {
  await db
    .update(placementPairings)
    .set(fields)
    .where(and(eq(placementPairings.versionId, versionId), eq(placementPairings.id, id)));
}

export async function deletePairing(db: Executor, versionId: number, id: number): Promise<void> {
  await db
    .delete(placementPairings)
    .where(and(eq(placementPairings.versionId, versionId), eq(placementPairings.id, id)));
}

export type SignatureWithRecorder = SignatureRow & { recordedByName: string };

export async function listSignatures(db: Executor, versionId: number): Promise<SignatureWithRecorder[]> {
  const rows = await db
    .select({ signature: agreementSignatures, recordedByName: users.name })
    .from(agreementSignatures)
    .innerJoin(users, eq(users.id, agreementSignatures.userId))
    .where(eq(agreementSignatures.versionId, versionId))
    .orderBy(asc(agreementSignatures.signedAt), asc(agreementSignatures.id));
  return rows.map((row) => ({ ...row.signature, recordedByName: row.recordedByName }));
}

/** Adds the party's signature unless the party has signed this version already; false if it had. */
export async function insertSignature(db: Executor, versionId: number, fields: SignatureFields): Promise<boolean> {
  const inserted = await db
    .insert(agreementSignatures)
    .values({ versionId, ...fields })
    .onConflictDoNothing({ target: [agreementSignatures.versionId, agreementSignatures.party] })
    .returning({ id: agreementSignatures.id });
  return inserted.length > 0;
}

export async function deleteSignatures(db: Executor, versionId: number): Promise<void> {
  await db.delete(agreementSignatures).where(eq(agreementSignatures.versionId, versionId));
}

/** A variation starts as a copy of the version before it: its terms, objectives (with outcomes) and pairings. */
export async function copyVersionContent(db: Executor, fromVersionId: number, toVersionId: number): Promise<void> {
  await db.execute(sql`
    insert into ${deploymentTerms} (version_id, focus_specialism_id, half_days, visit_pattern, start_date, end_date, funding_type, fee_pence, exchange_description, exchange_half_days)
    select ${toVersionId}, focus_specialism_id, half_days, visit_pattern, start_date, end_date, funding_type, fee_pence, exchange_description, exchange_half_days
    from ${deploymentTerms} where version_id = ${fromVersionId}`);
  await db.execute(sql`
    insert into ${placementTerms} (version_id, commissioning_body, commissioning_body_name, supported_head_name, priority_reasons, focus, intensity_half_days_per_week, intensity_reason, start_date, end_date, end_point_reason, funding_type, fee_pence, exchange_description, exchange_half_days)
    select ${toVersionId}, commissioning_body, commissioning_body_name, supported_head_name, priority_reasons, focus, intensity_half_days_per_week, intensity_reason, start_date, end_date, end_point_reason, funding_type, fee_pence, exchange_description, exchange_half_days
    from ${placementTerms} where version_id = ${fromVersionId}`);
  await db.execute(sql`
    insert into ${agreementObjectives} (version_id, position, objective, baseline, success_measure, outcome)
    select ${toVersionId}, position, objective, baseline, success_measure, outcome
    from ${agreementObjectives} where version_id = ${fromVersionId} order by position, id`);
  await db.execute(sql`
    insert into ${placementPairings} (version_id, position, leader_school_role, leader_school_name, supported_school_role, supported_school_name, specialism_id, half_days)
    select ${toVersionId}, position, leader_school_role, leader_school_name, supported_school_role, supported_school_name, specialism_id, half_days
    from ${placementPairings} where version_id = ${fromVersionId} order by position, id`);
}
