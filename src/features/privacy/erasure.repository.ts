import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { REMOVED } from './privacy.model.ts';
import { erasures } from './privacy.tables.ts';
import { anonymiseEnquiries, forgetAuditValues, instant, rowsOf } from './personal-data.repository.ts';
import { eraseApplicationsOf } from './application-erasure.ts';

export type ErasureCounts = {
  enquiries: number;
  accounts: number;
  leaderRecords: number;
  signaturesRemoved: number;
  signaturesKept: number;
  agreementsKept: number;
  emails: number;
  applications: number;
  unsentApplicationsDeleted: number;
  referencesAndConsents: number;
};

/** Signed agreements still within their retention period: kept whole, with the names signed on them. */
const KEPT_AGREEMENT = sql`a.status in ('signed', 'varying') and a.personal_data_removed_at is null`;

/** How many of the person's signed agreements must be kept: what the confirmation page explains. */
export async function countKeptAgreements(
  db: Executor,
  allianceId: number,
  leaderIds: number[],
  userIds: number[],
): Promise<number> {
  const leaders = leaderIds.length
    ? sql.join(
        leaderIds.map((id) => sql`${id}`),
        sql`, `,
      )
    : sql`null`;
  const users = userIds.length
    ? sql.join(
        userIds.map((id) => sql`${id}`),
        sql`, `,
      )
    : sql`null`;
  const [row] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*) as n from agreements a where a.alliance_id = ${allianceId} and ${KEPT_AGREEMENT}
      and (a.leader_id in (${leaders}) or a.id in (select v.agreement_id from agreement_versions v
        join agreement_signatures g on g.version_id = v.id where g.user_id in (${users})))`,
  );
  return Number(row!.n);
}

export async function startErasure(tx: Executor, allianceId: number, actorUserId: number, now: Date) {
  const [row] = await tx
    .insert(erasures)
    .values({ allianceId, erasedAt: now, erasedByUserId: actorUserId, counts: {} })
    .returning({ id: erasures.id });
  return row!.id;
}

export async function finishErasure(tx: Executor, id: number, counts: ErasureCounts): Promise<void> {
  await tx.update(erasures).set({ counts }).where(eq(erasures.id, id));
}

/**
 * Erases one person (by email) in the caller's transaction: their enquiries' details, their account,
 * their leader record and the emails sent to them. Their signatures on signed agreements within the
 * retention period are kept (and with them, a leader's name on those agreements); nothing else is.
 */
export async function erasePerson(
  tx: Executor,
  scope: { allianceId: number; now: Date; erasureId: number },
  email: string,
  people: { enquiryIds: number[]; userIds: number[]; leaderIds: number[]; applicationIds: number[] },
): Promise<ErasureCounts> {
  const { allianceId, now, erasureId } = scope;
  const placeholder = (kind: string, id: number) => `erased-${erasureId}-${kind}-${id}@erased.invalid`;
  const enquiries = await anonymiseEnquiries(tx, people.enquiryIds, { allianceId, now });
  const kept = await countKeptAgreements(tx, allianceId, people.leaderIds, people.userIds);

  let signaturesRemoved = 0;
  let signaturesKept = 0;
  for (const userId of people.userIds) {
    const signatures = await rowsOf<{ id: number; kept: boolean }>(
      tx,
      sql`select g.id, (${KEPT_AGREEMENT}) as kept from agreement_signatures g
        join agreement_versions v on v.id = g.version_id join agreements a on a.id = v.agreement_id
        where g.user_id = ${userId}`,
    );
    const removable = signatures.filter((row) => !row.kept).map((row) => Number(row.id));
    signaturesKept += signatures.length - removable.length;
    signaturesRemoved += removable.length;
    if (removable.length > 0)
      await tx.execute(sql`update agreement_signatures set signatory_name = ${REMOVED}, signatory_role = ${REMOVED},
        head_name = case when head_name is null then null else ${REMOVED} end
        where id in (${sql.join(
          removable.map((id) => sql`${id}`),
          sql`, `,
        )})`);
    await tx.execute(sql`update users set name = 'Erased person', email = ${placeholder('user', userId)}, job_title = '',
      password_hash = null, deactivated_at = coalesce(deactivated_at, ${instant(now)}),
      personal_data_removed_at = ${instant(now)}, updated_at = ${instant(now)} where id = ${userId}`);
    await tx.execute(sql`delete from sessions where user_id = ${userId}`);
    await tx.execute(sql`delete from account_tokens where user_id = ${userId}`);
    await tx.execute(sql`delete from user_roles where user_id = ${userId}`);
    await tx.execute(sql`delete from leader_accounts where user_id = ${userId}`);
    await forgetAuditValues(tx, allianceId, 'user', [userId]);
  }

  for (const leaderId of people.leaderIds) {
    // A signed agreement in force names its leader: the name stays while it does; the rest goes.
    const name = kept > 0 ? sql`name` : sql`'Erased leader'`;
    await tx.execute(sql`update leaders set name = ${name}, email = ${placeholder('leader', leaderId)}, job_title = null,
      profile = '', listed = false, listed_consent_on = null, personal_data_removed_at = ${instant(now)},
      updated_at = ${instant(now)} where id = ${leaderId} and alliance_id = ${allianceId}`);
    await tx.execute(sql`delete from directory_entries where leader_id = ${leaderId}`);
    await tx.execute(
      sql`update proposals set response_note = null, link_token_hash = null where leader_id = ${leaderId}`,
    );
    await forgetAuditValues(tx, allianceId, 'leader', [leaderId]);
  }
  if (people.leaderIds.length > 0)
    await tx.execute(sql`update directory_versions set version = version + 1 where alliance_id = ${allianceId}`);

  const emails = await rowsOf(
    tx,
    sql`update outbox_messages set recipient = ${placeholder('email', 0)}, subject = ${REMOVED}, body = '',
      status = case when status = 'pending' then 'failed' else status end,
      last_error = case when status = 'pending' then 'Not sent: the person was erased on request' else last_error end,
      personal_data_removed_at = ${instant(now)} where lower(recipient) = ${email} returning id`,
  );
  await tx.execute(sql`update feedback_requests set recipients = array(select r from unnest(recipients) as r
    where lower(r) <> ${email}) where alliance_id = ${allianceId} and ${email} = any(array(select lower(x) from unnest(recipients) as x))`);
  const designation = await eraseApplicationsOf(tx, { allianceId, now }, email, people.applicationIds);
  return {
    ...designation,
    enquiries,
    accounts: people.userIds.length,
    leaderRecords: people.leaderIds.length,
    signaturesRemoved,
    signaturesKept,
    agreementsKept: kept,
    emails: emails.length,
  };
}
