import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { AgreementKind, AgreementStatus } from '../agreements/agreements.model.ts';

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

/** The academic year (by the calendar year it starts in) a date falls in: 1 September starts one. */
const academicYearSql = (date: SQL) =>
  sql`(extract(year from ${date})::int - case when extract(month from ${date}) < 9 then 1 else 0 end)`;

/** node-postgres and PGlite both answer a raw query with { rows }. */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Every signed (or varying) agreement of the alliance with what was agreed in its last signed version
 * and what has been delivered, a page at a time. The page is chosen first, from the agreements, their
 * leaders and schools; only its rows then have their logs and pairings summed (each through its index),
 * so a page costs about the same with 100 agreements or 100,000. Filtering for no activity needs each
 * agreement's last log, one index probe each. Agreed is computed as agreed-days.ts computes it for one
 * agreement; a test holds the two together.
 */
export async function listDeliveryOverview(
  db: Executor,
  query: DeliveryOverviewQuery,
): Promise<{ rows: DeliveryOverviewRow[]; total: number }> {
  const since = query.quietSince;
  const quiet = since
    ? sql`left join lateral (select max(d.date) as last_date from delivery_logs d where d.agreement_id = rows.id) quiet on true`
    : sql`cross join (select null::date as last_date) quiet`;
  const result = await db.execute(sql`
    with base as (
      -- The last version every party signed: the current one, unless a variation is being agreed.
      select a.id, a.kind, a.status, a.leader_id, a.supported_school_urn,
        case when a.status = 'signed' then a.current_version_id
          else (select v.id from agreement_versions v where v.agreement_id = a.id and v.locked_at is not null order by v.number desc limit 1) end as version_id
      from agreements a
      where a.alliance_id = ${query.allianceId} and a.status in ('signed', 'varying')
    ),
    rows as (
      select base.id, base.kind, base.status, base.version_id, l.name as leader_name, s.name as supported_school_name,
        coalesce(dt.start_date, pt.start_date) as start_date,
        coalesce(dt.end_date, pt.end_date) as end_date,
        dt.half_days as deployment_half_days, pt.intensity_half_days_per_week as intensity
      from base
      join leaders l on l.id = base.leader_id
      join schools s on s.urn = base.supported_school_urn
      left join deployment_terms dt on dt.version_id = base.version_id
      left join placement_terms pt on pt.version_id = base.version_id
    ),
    page as (
      select rows.*, quiet.last_date as quiet_last, count(*) over () as total
      from rows ${quiet}
      where rows.start_date is not null
        ${since ? sql`and rows.start_date < ${since} and rows.end_date >= ${since} and (quiet.last_date is null or quiet.last_date <= ${since})` : sql``}
      order by ${since ? sql`quiet_last asc nulls first,` : sql``} rows.leader_name, rows.supported_school_name, rows.id
      limit ${query.limit} offset ${query.offset}
    )
    select page.id, page.kind, page.status, page.leader_name as "leaderName", page.supported_school_name as "supportedSchoolName",
      page.start_date::text as "startDate", page.end_date::text as "endDate",
      coalesce(page.deployment_half_days, page.intensity * weeks.count) + coalesce(paired.half_days, 0) as "agreedHalfDays",
      coalesce(delivered.half_days, 0) as "deliveredHalfDays", delivered.last_date::text as "lastDate", page.total::int as total
    from page
    left join lateral (select sum(d.counted_half_days)::int as half_days, max(d.date) as last_date from delivery_logs d where d.agreement_id = page.id) delivered on true
    left join lateral (select sum(p.half_days)::int as half_days from placement_pairings p where p.version_id = page.version_id and page.kind = 'lle-placement') paired on true
    -- A placement's weeks as agreed-days.ts counts them: its term weeks (Monday to Sunday weeks with a
    -- term day) when a term starts in every academic year it runs in, else its whole weeks.
    left join lateral (
      select case when page.kind <> 'lle-placement' then 0
        when not exists (
          select 1 from generate_series(${academicYearSql(sql`page.start_date`)}, ${academicYearSql(sql`page.end_date`)}) as year
          where not exists (select 1 from term_dates td where td.alliance_id = ${query.allianceId}
            and td.first_day >= make_date(year, 9, 1) and td.first_day < make_date(year + 1, 9, 1)))
        then (select count(distinct date_trunc('week', day))::int from term_dates td,
            generate_series(greatest(td.first_day, page.start_date), least(td.last_day, page.end_date), interval '1 day') as day
          where td.alliance_id = ${query.allianceId} and td.first_day <= page.end_date and td.last_day >= page.start_date)
        else (page.end_date - page.start_date) / 7 end as count
    ) weeks on true
    order by ${since ? sql`page.quiet_last asc nulls first,` : sql``} page.leader_name, page.supported_school_name, page.id`);
  const rows = rowsOf<DeliveryOverviewRow & { total: number }>(result);
  if (rows.length === 0 && query.offset > 0) {
    // Past the last page: the total still has to be known to offer the pages there are.
    const first = await listDeliveryOverview(db, { ...query, offset: 0, limit: 1 });
    return { rows: [], total: first.total };
  }
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}
