import { countAgreementsWithSchoolByLeader } from '../agreements/agreements.repository.ts';
import { releasePositions as releaseLedgerPositions } from '../release/release.service.ts';
import type { ReleasePositions, SupportGiven } from './matching.service.ts';

/**
 * What matching reads from other capabilities: each leader's release left this year (the release
 * ledger) and their agreements with the school (support agreements). Passed to MatchingService so
 * its tests can state these facts directly.
 */
export const releasePositions: ReleasePositions = (db, allianceId, startYear) => releaseLedgerPositions(db, allianceId, startYear);

export const supportGiven: SupportGiven = (db, allianceId, schoolUrn) => countAgreementsWithSchoolByLeader(db, allianceId, schoolUrn);
