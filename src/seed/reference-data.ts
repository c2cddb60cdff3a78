import path from 'node:path';
import type { Database } from '../db/database.ts';
import { findAllianceBySlug, insertAlliance, type NewAlliance } from '../platform/alliance/alliance.repository.ts';
import { countOutcodes, countPostcodes } from '../features/postcodes/postcodes.repository.ts';
import {
  importPostcodes,
  SHIPPED_OUTCODES_FILE,
  SHIPPED_POSTCODES_FILE,
} from '../features/postcodes/postcodes.import.ts';
import { countSchools } from '../features/schools/schools.repository.ts';
import { importSchools, SHIPPED_SCHOOLS_FILE } from '../features/schools/schools.import.ts';
import { addMissingSpecialisms } from '../features/specialisms/specialisms.repository.ts';
import { STARTING_SPECIALISMS } from '../features/specialisms/specialisms.service.ts';
import { seedBankHolidays } from '../platform/calendar/bank-holidays.service.ts';
import { SOUTH_LIVERPOOL_SCHOOLS_TOGETHER } from './alliance.ts';

export type SeedLog = (message: string) => void;

/**
 * What every installation needs before it can serve a page: where postcodes are, the register of
 * schools, the bank holidays (the shipped list, until an administrator imports a newer one), and the alliance with its starting list of specialisms. Safe to run on every start: it
 * only adds what is missing.
 */
export async function seedReferenceData(
  db: Database,
  options: { allianceSlug: string; schoolsFile?: string; log?: SeedLog },
): Promise<void> {
  const log = options.log ?? (() => {});
  await seedPostcodes(db, log);
  const holidays = await seedBankHolidays(db);
  if (holidays > 0) log(`Loaded ${holidays} bank holidays`);
  if ((await countSchools(db)) === 0) {
    const started = Date.now();
    const report = await importSchools(db, options.schoolsFile ?? SHIPPED_SCHOOLS_FILE);
    const unplaced =
      report.unlocated.length > 0
        ? ` (${report.unlocated.length} with no position: ${report.unlocated.map((problem) => problem.message).join('; ')})`
        : '';
    log(`Loaded ${report.added} schools from the register in ${Date.now() - started} ms${unplaced}`);
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

/**
 * Outcodes for all of England and the postcodes of Merseyside and Halton, loaded before the schools so
 * that a school with no coordinates of its own can be placed by its postcode. An installation that has
 * loaded more postcodes (`npm run import:postcodes`) keeps them.
 */
export async function seedPostcodes(db: Database, log: SeedLog = () => {}): Promise<void> {
  for (const [file, count] of [
    [SHIPPED_OUTCODES_FILE, countOutcodes],
    [SHIPPED_POSTCODES_FILE, countPostcodes],
  ] as const) {
    if ((await count(db)) > 0) continue;
    const started = Date.now();
    const report = await importPostcodes(db, file);
    log(`Loaded ${report.written} ${report.kind} from ${path.basename(file)} in ${Date.now() - started} ms`);
  }
}
