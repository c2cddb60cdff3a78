import { eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { DEFAULT_RETENTION, type RetentionCounts, type RetentionSchedule } from './privacy.model.ts';
import { retentionSettings } from './privacy.tables.ts';
import { anonymiseAgreements, anonymiseEnquiries, instant, rowsOf } from './personal-data.repository.ts';
import {
  anonymiseApplications,
  deleteUnsentApplications,
  dueClosedApplications,
  dueUnsentApplications,
} from './application-personal-data.repository.ts';

export async function loadSchedule(db: Executor, allianceId: number): Promise<RetentionSchedule> {
  const [row] = await db.select().from(retentionSettings).where(eq(retentionSettings.allianceId, allianceId));
  if (!row) return { ...DEFAULT_RETENTION };
  return {
    closedEnquiryYears: row.closedEnquiryYears,
    agreementYears: row.agreementYears,
    outboxBodyDays: row.outboxBodyDays,
  };
}

export async function saveSchedule(
  tx: Executor,
  allianceId: number,
  schedule: RetentionSchedule,
  actorUserId: number,
  now: Date,
): Promise<void> {
  const values = { ...schedule, updatedAt: now, updatedByUserId: actorUserId };
  await tx
    .insert(retentionSettings)
    .values({ allianceId, ...values })
    .onConflictDoUpdate({ target: retentionSettings.allianceId, set: values });
}

export type DueScope = { allianceId: number; now: Date; schedule: RetentionSchedule };

/** Enquiries closed without support (no agreement, or only withdrawn ones) longer ago than the schedule allows. */
function dueEnquiries({ allianceId, now, schedule }: DueScope): SQL {
  return sql`select e.id from enquiries e
    where e.alliance_id = ${allianceId} and e.personal_data_removed_at is null
      and e.status in ('declined-by-school', 'withdrawn', 'closed-no-match')
      and coalesce(e.status_changed_at, e.received_at) < ${instant(now)} - make_interval(years => ${schedule.closedEnquiryYears}::int)
      and not exists (select 1 from agreements a where a.enquiry_id = e.id and a.status <> 'withdrawn')`;
}

/**
 * Agreements whose end is longer ago than the schedule allows: a withdrawn one ended when it was
 * withdrawn; any other at the end date of its current terms (or, with none, when it was started).
 */
function dueAgreements({ allianceId, now, schedule }: DueScope): SQL {
  return sql`select a.id from agreements a
    left join deployment_terms d on d.version_id = a.current_version_id
    left join placement_terms p on p.version_id = a.current_version_id
    where a.alliance_id = ${allianceId} and a.personal_data_removed_at is null
      and (case when a.status = 'withdrawn' then a.withdrawn_at::date
        else coalesce(d.end_date, p.end_date, a.created_at::date) end)
        < (${instant(now)} at time zone 'Europe/London')::date - make_interval(years => ${schedule.agreementYears}::int)`;
}

/** Sent (or given up on) emails older than the schedule allows whose bodies are still kept. */
function dueEmailBodies({ now, schedule }: DueScope): SQL {
  const cutoff = sql`${instant(now)} - make_interval(days => ${schedule.outboxBodyDays}::int)`;
  return sql`select id from outbox_messages where personal_data_removed_at is null
    and ((status = 'sent' and sent_at < ${cutoff}) or (status = 'failed' and created_at < ${cutoff}))`;
}

/** Sessions past their absolute end or idle for longer than the idle time-out. */
function dueSessions(scope: DueScope, idleSince: Date): SQL {
  return sql`select id from sessions where alliance_id = ${scope.allianceId}
    and (expires_at <= ${instant(scope.now)} or last_seen_at <= ${instant(idleSince)})`;
}

function dueSignInLinks(scope: DueScope): SQL {
  return sql`select id from account_tokens where alliance_id = ${scope.allianceId} and expires_at <= ${instant(scope.now)}`;
}

const countOf = async (db: Executor, query: SQL) =>
  Number((await rowsOf<{ n: number }>(db, sql`select count(*) as n from (${query}) as due`))[0]!.n);

/** What a run now would remove: the same queries the run uses, counted. */
export async function countDue(db: Executor, scope: DueScope, idleSince: Date): Promise<RetentionCounts> {
  return {
    enquiriesAnonymised: await countOf(db, dueEnquiries(scope)),
    agreementsAnonymised: await countOf(db, dueAgreements(scope)),
    emailBodiesRemoved: await countOf(db, dueEmailBodies(scope)),
    sessionsDeleted: await countOf(db, dueSessions(scope, idleSince)),
    signInLinksDeleted: await countOf(db, dueSignInLinks(scope)),
    applicationsAnonymised: await countOf(db, dueClosedApplications(scope)),
    unsentApplicationsDeleted: await countOf(db, dueUnsentApplications(scope)),
  };
}

const idsOf = async (db: Executor, query: SQL) =>
  (await rowsOf<{ id: number }>(db, query)).map((row) => Number(row.id));

/** Removes what is due, in the caller's transaction, and says how much of each. */
export async function removeDue(tx: Executor, scope: DueScope, idleSince: Date): Promise<RetentionCounts> {
  const personal = { allianceId: scope.allianceId, now: scope.now };
  // Agreements first: each takes its enquiry with it, which the enquiry rule never counts.
  const agreementsAnonymised = await anonymiseAgreements(tx, await idsOf(tx, dueAgreements(scope)), personal);
  const enquiriesAnonymised = await anonymiseEnquiries(tx, await idsOf(tx, dueEnquiries(scope)), personal);
  const emails = await rowsOf(
    tx,
    sql`update outbox_messages set body = '', personal_data_removed_at = ${instant(scope.now)}
      where id in (${dueEmailBodies(scope)}) returning id`,
  );
  const sessions = await rowsOf(
    tx,
    sql`delete from sessions where id in (${dueSessions(scope, idleSince)}) returning id`,
  );
  const links = await rowsOf(tx, sql`delete from account_tokens where id in (${dueSignInLinks(scope)}) returning id`);
  const applications = await idsOf(tx, dueClosedApplications(scope));
  const unsent = await idsOf(tx, dueUnsentApplications(scope));
  return {
    enquiriesAnonymised,
    agreementsAnonymised,
    emailBodiesRemoved: emails.length,
    sessionsDeleted: sessions.length,
    signInLinksDeleted: links.length,
    applicationsAnonymised: await anonymiseApplications(tx, applications, personal),
    unsentApplicationsDeleted: await deleteUnsentApplications(tx, unsent, personal),
  };
}
