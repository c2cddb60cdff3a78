import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { REMOVED } from './privacy.model.ts';

/** node-postgres and PGlite both answer with { rows } (and an affected-row count under different names). */
export async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** An instant as a query parameter: the same text on node-postgres and PGlite. */
export const instant = (at: Date) => sql`${at.toISOString()}::timestamptz`;

const idList = (ids: number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/**
 * Removes what identifies the people in enquiries, keeping each row (its school, kind, specialisms,
 * dates, status and response clock) so the counts reports make stay the same.
 */
export type Scope = { allianceId: number; now: Date };

export async function anonymiseEnquiries(tx: Executor, ids: number[], { allianceId, now }: Scope): Promise<number> {
  if (ids.length === 0) return 0;
  const list = idList(ids);
  const updated = await rowsOf<{ id: number }>(
    tx,
    sql`update enquiries set contact_name = ${REMOVED}, contact_role = ${REMOVED}, contact_email = '',
      contact_phone = '', need = ${REMOVED}, timescale = ${REMOVED}, heard_from = null, first_contact_notes = null,
      personal_data_removed_at = ${instant(now)} where alliance_id = ${allianceId} and id in (${list}) returning id`,
  );
  await tx.execute(sql`update enquiry_notes set body = ${REMOVED} where enquiry_id in (${list})`);
  await tx.execute(sql`update enquiry_events set note = null where enquiry_id in (${list}) and note is not null`);
  await tx.execute(sql`update proposals set message = null, response_note = null where enquiry_id in (${list})`);
  await forgetAuditValues(tx, allianceId, 'enquiry', ids);
  return updated.length;
}

/**
 * Removes the names, notes, evidence and comments on agreements and their delivery, reviews and feedback
 * (and on the enquiries behind them), keeping dates, days, money and ratings for the reports.
 */
export async function anonymiseAgreements(tx: Executor, ids: number[], { allianceId, now }: Scope): Promise<number> {
  if (ids.length === 0) return 0;
  const list = idList(ids);
  const versions = sql`select id from agreement_versions where agreement_id in (${list})`;
  await tx.execute(sql`update agreement_signatures set signatory_name = ${REMOVED}, signatory_role = ${REMOVED},
    head_name = case when head_name is null then null else ${REMOVED} end where version_id in (${versions})`);
  await tx.execute(sql`update placement_terms set supported_head_name = ${REMOVED} where version_id in (${versions})`);
  await tx.execute(sql`update placement_pairings set leader_school_name = null, supported_school_name = null
    where version_id in (${versions})`);
  await tx.execute(sql`update delivery_progress set progress = ${REMOVED}
    where log_id in (select id from delivery_logs where agreement_id in (${list}))`);
  await tx.execute(sql`update delivery_logs set notes = '' where agreement_id in (${list})`);
  await tx.execute(sql`update review_ratings set evidence = ${REMOVED}
    where review_id in (select id from agreement_reviews where agreement_id in (${list}))`);
  await tx.execute(sql`update agreement_reviews set summary = ${REMOVED}, next_steps = ${REMOVED}
    where agreement_id in (${list})`);
  await tx.execute(sql`update feedback_responses set comments = null
    where request_id in (select id from feedback_requests where agreement_id in (${list}))`);
  await tx.execute(sql`update feedback_requests set recipients = '{}' where agreement_id in (${list})`);
  const updated = await rowsOf<{ id: number; enquiry_id: number | null }>(
    tx,
    sql`update agreements set personal_data_removed_at = ${instant(now)},
      withdrawn_reason = case when withdrawn_reason is null then null else ${REMOVED} end
      where alliance_id = ${allianceId} and id in (${list}) returning id, enquiry_id`,
  );
  await forgetAuditValues(tx, allianceId, 'agreement', ids);
  const enquiryIds = updated.flatMap((row) => (row.enquiry_id === null ? [] : [Number(row.enquiry_id)]));
  await anonymiseEnquiries(tx, enquiryIds, { allianceId, now });
  return updated.length;
}

/** The audit trail keeps who did what and when; the values it recorded (names, what was written) go. */
export async function forgetAuditValues(
  tx: Executor,
  allianceId: number,
  entityType: string,
  ids: number[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const texts = sql.join(
    ids.map((id) => sql`${String(id)}`),
    sql`, `,
  );
  const updated = await rowsOf<{ id: number }>(
    tx,
    sql`update audit_events set before = null, after = null
      where alliance_id = ${allianceId} and entity_type = ${entityType} and entity_id in (${texts}) and (before is not null or after is not null)
      returning id`,
  );
  return updated.length;
}
