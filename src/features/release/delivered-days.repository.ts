import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { academicYear } from '../../platform/calendar/academic-year.ts';
import { agreements } from '../agreements/agreements.tables.ts';
import { deliveryLogs } from '../visits/visits.tables.ts';

/**
 * Half days each leader has delivered in an academic year (1 September to 31 August), from the
 * delivery logged against their deployments: one grouped query over the logs dated within the year.
 * Only the leader's own delivery counts: time logged for a placement's paired staff is theirs, not
 * the leader's, and only SLE deployments, because the ledger weighs delivery against the deployments
 * committed (placements are not released days). A log in hours counts as delivery-time.ts says.
 */
export async function deliveredHalfDaysByLeader(
  db: Executor,
  allianceId: number,
  startYear: number,
  leaderIds?: number[],
): Promise<Map<number, number>> {
  if (leaderIds?.length === 0) return new Map();
  const year = academicYear(startYear);
  const rows = await db
    .select({ leaderId: agreements.leaderId, halfDays: sql<number>`sum(${deliveryLogs.countedHalfDays})::int` })
    .from(deliveryLogs)
    .innerJoin(agreements, eq(agreements.id, deliveryLogs.agreementId))
    .where(
      and(
        eq(deliveryLogs.allianceId, allianceId),
        sql`${deliveryLogs.date} between ${year.firstDay} and ${year.lastDay}`,
        isNull(deliveryLogs.pairingId),
        eq(agreements.kind, 'sle-deployment'),
        leaderIds ? sql`${agreements.leaderId} = any(${sql.param(leaderIds)}::integer[])` : undefined,
      ),
    )
    .groupBy(agreements.leaderId);
  return new Map(rows.map((row) => [row.leaderId, row.halfDays]));
}
