import { countAgreementsWithSchoolByLeader } from '../agreements/agreements.repository.ts';
import { academicYear } from '../../platform/calendar/academic-year.ts';
import { releasePositionsTable } from '../release/release.repository.ts';
import type { ReleasePositions, SupportGiven } from './matching.service.ts';

/**
 * What matching reads from other capabilities: each leader's release left this year (the release
 * ledger) and their agreements with the school (support agreements). Passed to MatchingService so
 * its tests can state these facts directly.
 */
export const releasePositions: ReleasePositions = (allianceId, startYear) => {
  const year = academicYear(startYear);
  return releasePositionsTable(allianceId, { startYear, firstDay: year.firstDay, lastDay: year.lastDay });
};

export const supportGiven: SupportGiven = (db, allianceId, schoolUrn) => countAgreementsWithSchoolByLeader(db, allianceId, schoolUrn);
