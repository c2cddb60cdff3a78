import type { LeaderInput } from '../../src/features/leaders/leaders.schema.ts';
import { saveLeader } from '../../src/features/leaders/leaders.service.ts';
import { EXAMPLE_LEADERS } from '../../src/seed/examples.ts';
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

/**
 * The one way tests make system leaders: saved through saveLeader, as the roster import and the seed
 * save them (a leader already on the register, by email address, is updated); their ids, in order.
 */
export async function saveLeaders(t: TestApp, inputs: LeaderInput[], allianceId?: number): Promise<number[]> {
  const alliance = allianceId ?? (await t.app.services.alliances.current()).id;
  return t.database.db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const input of inputs) {
      const outcome = await saveLeader(tx, alliance, input, t.clock.now());
      if (!outcome.ok)
        throw new Error(`Leader ${input.name}: ${outcome.problems.map((problem) => problem.message).join('; ')}`);
      ids.push(outcome.leaderId);
    }
    return ids;
  });
}

/** A leader with the details given (leaderInput's defaults for the rest); their id. */
export async function addLeader(t: TestApp, overrides: Partial<LeaderInput> = {}): Promise<number> {
  const [id] = await saveLeaders(t, [leaderInput(overrides)]);
  return id!;
}

export type LeaderKey = keyof typeof EXAMPLE_LEADERS;

/** The named example leaders, saved as the roster import saves them; their ids by key. */
export async function addExampleLeaders(t: TestApp, ...keys: LeaderKey[]): Promise<Record<LeaderKey, number>> {
  const ids = await saveLeaders(
    t,
    keys.map((key) => EXAMPLE_LEADERS[key]),
  );
  return Object.fromEntries(keys.map((key, index) => [key, ids[index]!])) as Record<LeaderKey, number>;
}

/** Links a staff account to a leader, as saving its roles does for a matching email address. */
export async function linkUserToLeader(t: TestApp, userId: number, leaderId: number): Promise<void> {
  await t.app.services.leaders.linkAccount(t.database.db, userId, leaderId);
}
