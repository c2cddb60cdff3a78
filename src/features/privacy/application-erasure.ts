import type { Executor } from '../../db/database.ts';
import {
  anonymiseApplications,
  deleteUnsentApplications,
  eraseRequestsOf,
  withdrawUndecided,
} from './application-personal-data.repository.ts';
import type { Scope } from './personal-data.repository.ts';

/**
 * The designation part of erasing a person, in the erasure's transaction. Their applications never
 * sent are deleted; one sent and not yet decided is withdrawn (a panel cannot assess someone who is no
 * longer there); every other keeps its row, type, school, dates, decision and scores for the counts and
 * the panel's record, their details, evidence, referees and feedback removed. As a referee or consenter,
 * their name, address and words go; whether they supported it and the days agreed stay.
 */
export async function eraseApplicationsOf(tx: Executor, scope: Scope, email: string, applicationIds: number[]) {
  const unsentApplicationsDeleted = await deleteUnsentApplications(tx, applicationIds, scope);
  await withdrawUndecided(tx, applicationIds, scope);
  const applications = await anonymiseApplications(tx, applicationIds, scope);
  const referencesAndConsents = await eraseRequestsOf(tx, scope.allianceId, email);
  return { applications, unsentApplicationsDeleted, referencesAndConsents };
}
