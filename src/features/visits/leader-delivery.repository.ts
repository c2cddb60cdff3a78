import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { AgreementKind, AgreementStatus } from '../agreements/agreements.model.ts';

export type LeaderDeliveryRow = {
  agreementId: number;
  kind: AgreementKind;
  status: AgreementStatus;
  supportedSchoolName: string;
  startDate: CalendarDate;
  endDate: CalendarDate;
  /** The leader's own delivery logged within the period (a placement's paired staff apart). */
  deliveredHalfDays: number;
};

/** node-postgres and PGlite both answer a raw query with { rows }. */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * A leader's signed agreements running at some time in a period, with what they delivered in it:
 * the evidence a designation review weighs. Dates are those of the last version every party signed.
 * At most `limit`, latest first: a leader has a handful in four years.
 */
export async function listLeaderDelivery(
  db: Executor,
  query: { allianceId: number; leaderId: number; from: CalendarDate; to: CalendarDate; limit: number },
): Promise<LeaderDeliveryRow[]> {
  const result = await db.execute(sql`
    with base as (
      select a.id, a.kind, a.status, a.supported_school_urn,
        case when a.status = 'signed' then a.current_version_id
          else (select v.id from agreement_versions v where v.agreement_id = a.id and v.locked_at is not null order by v.number desc limit 1) end as version_id
      from agreements a
      where a.alliance_id = ${query.allianceId} and a.leader_id = ${query.leaderId} and a.status in ('signed', 'varying')
    ),
    dated as (
      select base.id, base.kind, base.status, s.name as supported_school_name,
        coalesce(dt.start_date, pt.start_date) as start_date, coalesce(dt.end_date, pt.end_date) as end_date
      from base
      join schools s on s.urn = base.supported_school_urn
      left join deployment_terms dt on dt.version_id = base.version_id
      left join placement_terms pt on pt.version_id = base.version_id
    )
    select dated.id as "agreementId", dated.kind, dated.status, dated.supported_school_name as "supportedSchoolName",
      dated.start_date::text as "startDate", dated.end_date::text as "endDate",
      coalesce((select sum(d.counted_half_days) from delivery_logs d where d.agreement_id = dated.id
        and d.pairing_id is null and d.date between ${query.from} and ${query.to}), 0)::int as "deliveredHalfDays"
    from dated
    where dated.start_date <= ${query.to} and dated.end_date >= ${query.from}
    order by dated.start_date desc, dated.id desc
    limit ${query.limit}`);
  return rowsOf<LeaderDeliveryRow>(result);
}
