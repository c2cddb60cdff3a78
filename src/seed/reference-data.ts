import path from 'node:path';
import type { Database } from '../db/database.ts';
import { findAllianceBySlug, insertAlliance, type NewAlliance } from '../features/alliance/alliance.repository.ts';
import { countSchools } from '../features/schools/schools.repository.ts';
import { loadSchoolsExtract } from '../features/schools/schools.import.ts';
import { addMissingSpecialisms } from '../features/specialisms/specialisms.repository.ts';
import { STARTING_SPECIALISMS } from '../features/specialisms/specialisms.service.ts';
import { SOUTH_LIVERPOOL_SCHOOLS_TOGETHER } from './alliance.ts';

export const SHIPPED_SCHOOLS_FILE = path.resolve(import.meta.dirname, '../../reference-data/schools.csv');

export type SeedLog = (message: string) => void;

/**
 * What every installation needs before it can serve a page: the register of schools and the
 * alliance with its starting list of specialisms. Safe to run on every start: it only adds what is missing.
 */
export async function seedReferenceData(
  db: Database,
  options: { allianceSlug: string; schoolsFile?: string; log?: SeedLog },
): Promise<void> {
  const log = options.log ?? (() => {});
  if ((await countSchools(db)) === 0) {
    const started = Date.now();
    const loaded = await loadSchoolsExtract(db, options.schoolsFile ?? SHIPPED_SCHOOLS_FILE);
    log(`Loaded ${loaded} schools from the register in ${Date.now() - started} ms`);
  }
  let alliance = await findAllianceBySlug(db, options.allianceSlug);
  if (!alliance) {
    const details: NewAlliance =
      options.allianceSlug === SOUTH_LIVERPOOL_SCHOOLS_TOGETHER.slug
        ? SOUTH_LIVERPOOL_SCHOOLS_TOGETHER
        : { ...SOUTH_LIVERPOOL_SCHOOLS_TOGETHER, slug: options.allianceSlug, name: `Alliance ${options.allianceSlug}` };
    alliance = await insertAlliance(db, details);
    await addMissingSpecialisms(db, alliance.id, STARTING_SPECIALISMS);
    log(`Created the alliance ${alliance.name}`);
  }
}
