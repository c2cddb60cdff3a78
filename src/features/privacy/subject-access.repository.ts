import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from './personal-data.repository.ts';
import { findApplicationRecords, type ApplicationRecords } from './application-personal-data.repository.ts';

export type PersonRecord = Record<string, unknown>;

/** Everything held about one email address, section by section: each lookup is by an index. */
export type PersonRecords = {
  account: PersonRecord[];
  enquiries: PersonRecord[];
  leader: PersonRecord[];
  designations: PersonRecord[];
  releaseConsents: PersonRecord[];
  proposals: PersonRecord[];
  agreements: PersonRecord[];
  signatures: PersonRecord[];
  deliveryLogs: PersonRecord[];
  reviews: PersonRecord[];
  feedback: PersonRecord[];
  emails: PersonRecord[];
  auditEntries: PersonRecord[];
} & ApplicationRecords;

const ids = (rows: PersonRecord[]) => rows.map((row) => Number(row.id));
const inList = (values: number[]) =>
  values.length === 0
    ? sql`(null)`
    : sql`(${sql.join(
        values.map((value) => sql`${value}`),
        sql`, `,
      )})`;
const texts = (values: number[]) =>
  values.length === 0
    ? sql`(null)`
    : sql`(${sql.join(
        values.map((value) => sql`${String(value)}`),
        sql`, `,
      )})`;

export async function findPersonRecords(db: Executor, allianceId: number, email: string): Promise<PersonRecords> {
  const q = (query: SQL) => rowsOf<PersonRecord>(db, query);
  const account = await q(sql`select u.id, u.name, u.email, u.job_title, u.created_at, u.deactivated_at,
      u.personal_data_removed_at, (select array_agg(role order by role) from user_roles r
        where r.user_id = u.id and r.alliance_id = ${allianceId}) as roles,
      (select school_urn from school_contacts c where c.user_id = u.id) as school_urn
    from users u where lower(u.email) = ${email}`);
  const enquiries = await q(sql`select e.id, e.reference, e.received_at, e.status, e.school_urn, s.name as school,
      e.contact_name, e.contact_role, e.contact_email, e.contact_phone, e.support_type, e.need, e.timescale,
      e.heard_from, e.first_contact_at, e.first_contact_notes, e.personal_data_removed_at
    from enquiries e join schools s on s.urn = e.school_urn
    where lower(e.contact_email) = ${email} and e.alliance_id = ${allianceId} order by e.received_at`);
  const leader = await q(sql`select l.id, l.name, l.email, l.job_title, l.home_school_urn, s.name as home_school,
      l.profile, l.phases, l.listed, l.listed_consent_on, l.created_at, l.personal_data_removed_at
    from leaders l join schools s on s.urn = l.home_school_urn
    where l.alliance_id = ${allianceId} and lower(l.email) = ${email}`);
  const leaderIds = ids(leader);
  const userIds = ids(account);
  const enquiryIds = ids(enquiries);
  const designations = await q(sql`select leader_id, type, status, start_date, review_date from designations
    where leader_id in ${inList(leaderIds)} order by start_date`);
  const releaseConsents = await q(sql`select leader_id, start_year, released_half_days, head_name, head_consented_on,
      chair_name, chair_consented_on, recorded_at from release_consents
    where leader_id in ${inList(leaderIds)} order by start_year`);
  const proposals = await q(sql`select p.id, e.reference as enquiry, p.status, p.proposed_at, p.message,
      p.responded_at, p.responded_via, p.response_note
    from proposals p join enquiries e on e.id = p.enquiry_id
    where p.leader_id in ${inList(leaderIds)} order by p.proposed_at`);
  const signatures = await q(sql`select v.agreement_id, v.number as version, g.party, g.signatory_name,
      g.signatory_role, g.capacity, g.head_name, g.method, g.signed_at
    from agreement_signatures g join agreement_versions v on v.id = g.version_id
    where g.user_id in ${inList(userIds)} order by g.signed_at`);
  const signedIds = signatures.map((row) => Number(row.agreement_id));
  const agreements = await q(sql`select a.id, a.kind, a.status, a.supported_school_urn, a.home_school_urn,
      a.created_at, a.withdrawn_at, a.personal_data_removed_at,
      case when a.leader_id in ${inList(leaderIds)} then 'leader'
        when a.enquiry_id in ${inList(enquiryIds)} then 'the school that asked'
        else 'signatory' end as part
    from agreements a
    where a.alliance_id = ${allianceId} and (a.leader_id in ${inList(leaderIds)}
      or a.enquiry_id in ${inList(enquiryIds)} or a.id in ${inList(signedIds)})
    order by a.id`);
  const agreementIds = ids(agreements);
  const deliveryLogs = await q(sql`select agreement_id, date, counted_half_days, activities, notes, logged_at
    from delivery_logs where agreement_id in ${inList(agreementIds)} order by agreement_id, date`);
  const reviews = await q(sql`select agreement_id, kind, summary, next_steps, recorded_at
    from agreement_reviews where agreement_id in ${inList(agreementIds)} order by agreement_id, recorded_at`);
  const feedback = await q(sql`select r.agreement_id, r.recipients, r.first_requested_at, f.quality,
      f.would_recommend, f.comments, f.answered_at
    from feedback_requests r left join feedback_responses f on f.request_id = r.id
    where r.agreement_id in ${inList(agreementIds)} order by r.agreement_id`);
  const emails = await q(sql`select id, kind, recipient, subject, status, created_at, sent_at, body
    from outbox_messages where lower(recipient) = ${email} order by created_at`);
  const designation = await findApplicationRecords(db, allianceId, email);
  const applicationIds = ids(designation.applications);
  const named = sql.join(
    [
      sql`(entity_type = 'user' and entity_id in ${texts(userIds)})`,
      sql`(entity_type = 'leader' and entity_id in ${texts(leaderIds)})`,
      sql`(entity_type = 'enquiry' and entity_id in ${texts(enquiryIds)})`,
      sql`(entity_type = 'application' and entity_id in ${texts(applicationIds)})`,
    ],
    sql` or `,
  );
  const auditEntries = await q(sql`select id, at, entity_type, entity_id, action, actor_user_id, before, after
    from audit_events where alliance_id = ${allianceId}
      and (actor_user_id in ${inList(userIds)} or ${named}) order by at, id limit 5000`);
  return {
    account,
    enquiries,
    leader,
    designations,
    releaseConsents,
    proposals,
    agreements,
    signatures,
    deliveryLogs,
    reviews,
    feedback,
    emails,
    auditEntries,
    ...designation,
  };
}
