import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { APPLICATION_RETENTION, REMOVED } from './privacy.model.ts';
import { forgetAuditValues, instant, rowsOf, type Scope } from './personal-data.repository.ts';

type Row = Record<string, unknown>;

const idList = (ids: number[]) =>
  ids.length === 0
    ? sql`(null)`
    : sql`(${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`;

/** An application whose applicant's details are already removed (by erasure or the schedule) has no email. */
const STILL_PERSONAL = sql`a.applicant_email <> ''`;

export type ApplicationRecords = {
  applications: Row[];
  applicationEvidence: Row[];
  applicationDecisions: Row[];
  requestsAnswered: Row[];
  reviewConsents: Row[];
};

/**
 * What the service holds about an email address in designation: the applications it made (the answers,
 * the evidence against each criterion, the panel's decisions, feedback and any appeal) and the
 * references and release consents it was asked for, with what it wrote, on others' applications and
 * on designation reviews. Referees' names and words on the person's own application are the referees'
 * too, so the applicant's report says whom was asked and when, not what they wrote.
 */
export async function findApplicationRecords(
  db: Executor,
  allianceId: number,
  email: string,
): Promise<ApplicationRecords> {
  const q = (query: SQL) => rowsOf<Row>(db, query);
  const applications = await q(sql`select a.id, a.reference, a.designation_type, a.status, a.applicant_name,
      a.applicant_email, a.school_urn, s.name as school, a.job_title, a.role, a.years_in_role, a.leadership_years,
      a.years_staying, a.governors_support, a.senior_staff_cover, a.coaching_beyond_school, a.phases,
      a.other_alliance, (select array_agg(sp.name order by sp.name) from application_specialisms x
        join specialisms sp on sp.id = x.specialism_id where x.application_id = a.id) as specialisms,
      (select array_agg(r.kind || ': ' || r.name || coalesce(', answered ' || to_char(r.answered_at, 'YYYY-MM-DD'), ', not answered')
        order by r.id) from application_requests r where r.application_id = a.id and r.superseded_at is null) as asked,
      a.created_at, a.sent_at, a.withdrawn_at
    from applications a left join schools s on s.urn = a.school_urn
    where a.alliance_id = ${allianceId} and lower(a.applicant_email) = ${email} order by a.created_at`);
  const ids = idList(applications.map((row) => Number(row.id)));
  const applicationEvidence = await q(sql`select a.reference as application, c.title as criterion, e.evidence
    from application_evidence e join applications a on a.id = e.application_id
    join designation_criteria c on c.id = e.criterion_id where e.application_id in ${ids} order by a.id, c.id`);
  const applicationDecisions = await q(sql`select a.reference as application, d.outcome, d.feedback, d.decided_on,
      p.lodged_on as appeal_lodged_on, p.grounds as appeal_grounds, p.outcome as appeal_outcome,
      p.outcome_notes as appeal_notes, p.decided_on as appeal_decided_on
    from application_decisions d join applications a on a.id = d.application_id
    left join appeals p on p.decision_id = d.id where d.application_id in ${ids} order by d.recorded_at`);
  const requestsAnswered = await q(sql`select r.id, a.reference as application, a.applicant_name as applicant, r.kind,
      r.name, r.email, r.job_title, r.organisation, r.sent_at, r.answered_at, r.supports, r.release_days,
      r.answer_text as what_they_wrote, r.superseded_at
    from application_requests r join applications a on a.id = r.application_id
    where a.alliance_id = ${allianceId} and lower(r.email) = ${email} order by r.id`);
  const reviewConsents = await q(sql`select c.id, l.name as leader, c.role, c.name, c.email, c.school_urn, c.sent_at,
      c.answered_at, c.supports, c.release_days, c.comment
    from designation_review_consent_requests c join designation_reviews v on v.id = c.review_id
    join designations d on d.id = v.designation_id join leaders l on l.id = d.leader_id
    where l.alliance_id = ${allianceId} and lower(c.email) = ${email} order by c.id`);
  return { applications, applicationEvidence, applicationDecisions, requestsAnswered, reviewConsents };
}

/**
 * Removes what identifies the applicant from applications, keeping each row (its type, school, role,
 * years, phases, specialisms, dates, decision and scores) so the counts and a panel's record stay:
 * their name and contact details, their evidence, their referees and what those wrote, the panel's
 * feedback and notes, and any appeal's grounds. Links still out (to resume, or to answer) stop working.
 */
export async function anonymiseApplications(tx: Executor, ids: number[], { allianceId }: Scope): Promise<number> {
  if (ids.length === 0) return 0;
  const list = idList(ids);
  const updated = await rowsOf<{ id: number }>(
    tx,
    sql`update applications a set applicant_name = ${REMOVED}, applicant_email = '', job_title = null,
      other_alliance = null, resume_token_hash = null, resume_token_expires_at = null
      where a.alliance_id = ${allianceId} and a.id in ${list} and ${STILL_PERSONAL} returning a.id`,
  );
  await tx.execute(sql`update application_evidence set evidence = ${REMOVED} where application_id in ${list}`);
  await tx.execute(sql`update application_requests set name = ${REMOVED}, email = '', job_title = '', organisation = '',
    token_hash = null, token_expires_at = null,
    answer_text = case when answer_text is null then null else ${REMOVED} end where application_id in ${list}`);
  await tx.execute(sql`update application_decisions set feedback = case when feedback = '' then '' else ${REMOVED} end
    where application_id in ${list}`);
  await tx.execute(sql`update appeals set grounds = ${REMOVED},
    outcome_notes = case when outcome_notes = '' then '' else ${REMOVED} end
    where decision_id in (select id from application_decisions where application_id in ${list})`);
  await tx.execute(sql`update panel_scores set notes = '' where application_id in ${list} and notes <> ''`);
  await tx.execute(sql`update panel_declared_conflicts set reason = ${REMOVED} where application_id in ${list}`);
  await forgetAuditValues(tx, allianceId, 'application', ids);
  return updated.length;
}

/** Deletes applications never sent (nothing was decided on them, nobody else relied on them); how many. */
export async function deleteUnsentApplications(tx: Executor, ids: number[], { allianceId }: Scope): Promise<number> {
  if (ids.length === 0) return 0;
  const deleted = await rowsOf<{ id: number }>(
    tx,
    sql`delete from applications where alliance_id = ${allianceId} and status = 'started' and id in ${idList(ids)}
      returning id`,
  );
  await forgetAuditValues(
    tx,
    allianceId,
    'application',
    deleted.map((row) => Number(row.id)),
  );
  return deleted.length;
}

/** An application sent and not yet decided, whose applicant asked to be erased: it goes to no panel. */
export async function withdrawUndecided(tx: Executor, ids: number[], { allianceId, now }: Scope): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`update applications a set status = 'withdrawn', withdrawn_at = ${instant(now)}
    where a.alliance_id = ${allianceId} and a.id in ${idList(ids)} and a.status = 'sent'
      and not exists (select 1 from application_decisions d where d.application_id = a.id)`);
}

/**
 * A referee or consenter erased: their name, address, job, organisation and what they wrote go; whether
 * they supported it and the days agreed stay (a panel decided on them; the release ledger holds the days).
 */
export async function eraseRequestsOf(tx: Executor, allianceId: number, email: string): Promise<number> {
  const requests = await rowsOf(
    tx,
    sql`update application_requests r set name = ${REMOVED}, email = '', job_title = '', organisation = '',
      token_hash = null, token_expires_at = null,
      answer_text = case when answer_text is null then null else ${REMOVED} end
      where lower(r.email) = ${email}
        and r.application_id in (select id from applications where alliance_id = ${allianceId}) returning r.id`,
  );
  const consents = await rowsOf(
    tx,
    sql`update designation_review_consent_requests c set name = ${REMOVED}, email = '', token_hash = null,
      token_expires_at = null, comment = '' where lower(c.email) = ${email} and c.review_id in (select v.id
        from designation_reviews v join designations d on d.id = v.designation_id join leaders l on l.id = d.leader_id
        where l.alliance_id = ${allianceId}) returning c.id`,
  );
  return requests.length + consents.length;
}

/** Never sent, and not saved for longer than the schedule allows. */
export function dueUnsentApplications({ allianceId, now }: Scope): SQL {
  return sql`select a.id from applications a where a.alliance_id = ${allianceId} and a.status = 'started'
    and a.updated_at < ${instant(now)} - make_interval(months => ${APPLICATION_RETENTION.unsentMonths}::int)`;
}

/**
 * Withdrawn, or not designated with no appeal waiting (the last decision, by when it was recorded),
 * longer ago than the schedule allows; and their applicant's details still there.
 */
export function dueClosedApplications({ allianceId, now }: Scope): SQL {
  const cutoff = sql`(${instant(now)} at time zone 'Europe/London')::date - make_interval(years => ${APPLICATION_RETENTION.closedYears}::int)`;
  return sql`select a.id from applications a where a.alliance_id = ${allianceId} and ${STILL_PERSONAL} and (
    (a.status = 'withdrawn' and a.withdrawn_at < ${instant(now)} - make_interval(years => ${APPLICATION_RETENTION.closedYears}::int))
    or (a.status = 'sent' and exists (select 1 from application_decisions d where d.id = (select l.id
        from application_decisions l where l.application_id = a.id order by l.recorded_at desc, l.id desc limit 1)
      and d.outcome = 'not-designated' and d.decided_on < ${cutoff}
      and not exists (select 1 from appeals p join application_decisions pd on pd.id = p.decision_id
        where pd.application_id = a.id and p.outcome is null))))`;
}
