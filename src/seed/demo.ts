import { inArray } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { countLeaders } from '../features/leaders/leaders.repository.ts';
import { saveLeader } from '../features/leaders/leaders.service.ts';
import { schools } from '../features/schools/schools.tables.ts';
import { EXAMPLE_LEADERS } from './examples.ts';
import { generateLeaders } from './leader-generator.ts';
import type { SeedLog } from './reference-data.ts';

/** Merseyside and Halton: Knowsley, Liverpool, St Helens, Sefton, Wirral, Halton. */
export const MERSEYSIDE_LOCAL_AUTHORITIES = ['340', '341', '342', '343', '344', '876'];
const DEMO_LEADERS = 60;

/**
 * Demo data for a laptop (`npm start`): the named example leaders and more invented ones on the real
 * Liverpool and Merseyside schools. Added once, to an alliance with no leaders yet.
 */
export async function seedDemoData(db: Database, allianceId: number, now: Date, log: SeedLog = () => {}): Promise<void> {
  if ((await countLeaders(db, allianceId)) > 0) return;
  const merseyside = await db
    .select({ urn: schools.urn, phase: schools.phase })
    .from(schools)
    .where(inArray(schools.localAuthorityCode, MERSEYSIDE_LOCAL_AUTHORITIES));
  const leaders = [...Object.values(EXAMPLE_LEADERS), ...generateLeaders(merseyside, DEMO_LEADERS, 2026, 'demo.example')];
  await db.transaction(async (tx) => {
    for (const leader of leaders) {
      const outcome = await saveLeader(tx, allianceId, leader, now);
      if (!outcome.ok) throw new Error(`Demo leader ${leader.name}: ${outcome.problems.map((problem) => problem.message).join('; ')}`);
    }
  });
  log(`Added ${leaders.length} demo system leaders on Merseyside schools`);
}
