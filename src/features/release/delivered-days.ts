import type { Executor } from '../../db/database.ts';

/**
 * Half days each leader has delivered in an academic year, from the visits logged against their
 * deployments. Visits are not recorded yet: the delivery capability will replace this body with one
 * grouped query over its visits (by leader, for visits dated within the year), keeping this signature.
 * Until then no leader has delivered anything, so the map is empty and every leader counts 0.
 */
export async function deliveredHalfDaysByLeader(_db: Executor, _allianceId: number, _startYear: number, _leaderIds?: number[]): Promise<Map<number, number>> {
  return new Map();
}
