import { updateUser } from '../../src/features/accounts/accounts.repository.ts';
import type { LeaderInput } from '../../src/features/leaders/leaders.schema.ts';
import { saveLeader } from '../../src/features/leaders/leaders.service.ts';
import type { TestApp } from './test-app.ts';

let counter = 0;

/** A listed SLE at Palmerston School with the details given: the input saveLeader takes. */
export function leaderInput(overrides: Partial<LeaderInput> = {}): LeaderInput {
  counter++;
  return {
    name: `Test Leader ${counter}`,
    email: `test.leader.${counter}@school.example`,
    jobTitle: 'Deputy headteacher',
    homeSchoolUrn: 104748,
    profile: 'Leads maths across the school.',
    phases: ['primary'],
    listed: true,
    listedConsentOn: '2025-03-03',
    specialisms: ['Maths'],
    designations: [{ type: 'sle', status: 'designated', startDate: '2024-09-01', reviewDate: null }],
    ...overrides,
  };
}

/** Adds a leader through saveLeader, as the seed and the roster do; returns their id. */
export async function addLeader(t: TestApp, overrides: Partial<LeaderInput> = {}): Promise<number> {
  const alliance = await t.app.services.alliances.current();
  const outcome = await t.database.db.transaction((tx) => saveLeader(tx, alliance.id, leaderInput(overrides), t.clock.now()));
  if (!outcome.ok) throw new Error(outcome.problems.map((problem) => problem.message).join('; '));
  return outcome.leaderId;
}

/** Links a staff account to a leader (users.leader_id), as an administrator's link would. */
export async function linkUserToLeader(t: TestApp, userId: number, leaderId: number): Promise<void> {
  await updateUser(t.database.db, userId, { leaderId });
}
