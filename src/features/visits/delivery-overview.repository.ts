import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { AgreementKind, AgreementStatus } from '../agreements/agreements.tables.ts';

export type DeliveryOverviewRow = {
  id: number;
  kind: AgreementKind;
  status: AgreementStatus;
  leaderName: string;
  supportedSchoolName: string;
  startDate: CalendarDate;
  endDate: CalendarDate;
  agreedHalfDays: number;
  deliveredHalfDays: number;
  lastDate: CalendarDate | null;
};

export type DeliveryOverviewQuery = {
  allianceId: number;
  /** Only agreements running since before this date with nothing logged after it ("no activity for N weeks"). */
  quietSince?: CalendarDate;
  limit: number;
  offset: number;
};

/** node-postgres and PGlite both answer a raw query with { rows }. */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Every signed (or varying) agreement of the alliance with what was agreed in its last signed version
 * and what has been delivered: one statement, whatever the number of agreements. Logs and pairings
 * are each summed in one grouped pass; the last signed version comes from the unique index on
 * (agreement_id, number). Agreed is computed as agreed-days.ts computes it for one agreement.
 * It works out every agreement for each page: about a second with 100,000 deployments on the embedded
 * database. Totals kept on each agreement as logs are written would make a page cost only its rows.
 */
export async function listDeliveryOverview(db: Executor, query: DeliveryOverviewQuery): Promise<{ rows: DeliveryOverviewRow[]; total: number }> {
  const quiet = query.quietSince
    ? sql`and rows.start_date < ${query.quietSince} and rows.end_date >= ${query.quietSince} and (rows.last_date is null or rows.last_date <= ${query.quietSince})`
    : sql``;
  const result = await db.execute(sql`
    with signed as (
      select distinct on (v.agreement_id) v.agreement_id, v.id as version_id
      from agreement_versions v
      join agreements a on a.id = v.agreement_id
      where a.alliance_id = ${query.allianceId} and a.status in ('signed', 'varying') and v.locked_at is not null
      order by v.agreement_id, v.number desc
    ),
    delivered as (
      select agreement_id, sum(counted_half_days)::int as half_days, max(date) as last_date
      from delivery_logs where alliance_id = ${query.allianceId}
      group by agreement_id
    ),
    paired as (
      select p.version_id, sum(p.half_days)::int as half_days
      from placement_pairings p join signed on signed.version_id = p.version_id
      group by p.version_id
    ),
    rows as (
      select a.id, a.kind, a.status, l.name as leader_name, s.name as supported_school_name,
        coalesce(dt.start_date, pt.start_date) as start_date,
        coalesce(dt.end_date, pt.end_date) as end_date,
        coalesce(dt.half_days, pt.intensity_half_days_per_week * ((pt.end_date - pt.start_date) / 7) + coalesce(paired.half_days, 0)) as agreed_half_days,
        coalesce(delivered.half_days, 0) as delivered_half_days,
        delivered.last_date
      from signed
      join agreements a on a.id = signed.agreement_id
      join leaders l on l.id = a.leader_id
      join schools s on s.urn = a.supported_school_urn
      left join deployment_terms dt on dt.version_id = signed.version_id
      left join placement_terms pt on pt.version_id = signed.version_id
      left join paired on paired.version_id = signed.version_id
      left join delivered on delivered.agreement_id = a.id
    )
    select rows.id, rows.kind, rows.status, rows.leader_name as "leaderName", rows.supported_school_name as "supportedSchoolName",
      rows.start_date::text as "startDate", rows.end_date::text as "endDate", rows.agreed_half_days as "agreedHalfDays",
      rows.delivered_half_days as "deliveredHalfDays", rows.last_date::text as "lastDate", count(*) over ()::int as total
    from rows
    where rows.start_date is not null ${quiet}
    order by ${query.quietSince ? sql`rows.last_date asc nulls first,` : sql``} rows.leader_name, rows.supported_school_name, rows.id
    limit ${query.limit} offset ${query.offset}`);
  const rows = rowsOf<DeliveryOverviewRow & { total: number }>(result);
  if (rows.length === 0 && query.offset > 0) {
    // Past the last page: the total still has to be known to offer the pages there are.
    const first = await listDeliveryOverview(db, { ...query, offset: 0, limit: 1 });
    return { rows: [], total: first.total };
  }
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}
