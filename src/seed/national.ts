import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { bulkInsertLeaders, countLeaders } from '../features/leaders/leaders.repository.ts';
import { defaultReviewDate } from '../features/leaders/leaders.service.ts';
import { schools } from '../features/schools/schools.tables.ts';
import { activeSpecialisms } from '../features/specialisms/specialisms.service.ts';
import { designations, leaders } from '../features/leaders/leaders.tables.ts';
import { releaseConsents } from '../features/release/release.tables.ts';
import { academicYearOf } from '../platform/calendar/academic-year.ts';
import { londonDate } from '../platform/calendar/london-time.ts';
import { generateLeaders, seededRandom } from './leader-generator.ts';
import type { SeedLog } from './reference-data.ts';

export const NATIONAL_LEADERS = 10_000;
const BATCH = 500;

/**
 * A national-scale data set on the real register: `count` invented leaders spread over the open
 * schools of England (so places with more schools have more leaders), with a realistic mix of
 * specialisms. Tops the alliance up to `count` leaders; running it again adds nothing.
 */
export async function seedNational(
  db: Database,
  allianceId: number,
  now: Date,
  count = NATIONAL_LEADERS,
  log: SeedLog = () => {},
): Promise<void> {
  const existing = await countLeaders(db, allianceId);
  if (existing >= count) {
    log(`The alliance already has ${existing} leaders`);
    return;
  }
  const openSchools = await db
    .select({ urn: schools.urn, phase: schools.phase })
    .from(schools)
    .where(and(eq(schools.status, 'open'), isNotNull(schools.latitude)))
    .orderBy(schools.urn);
  const specialismIds = new Map(
    (await activeSpecialisms(db, allianceId)).map((specialism) => [specialism.name, specialism.id]),
  );
  const generated = generateLeaders(openSchools, count - existing, 20_000 + existing, 'national.example', existing + 1);
  const started = Date.now();
  for (let offset = 0; offset < generated.length; offset += BATCH) {
    const batch = generated.slice(offset, offset + BATCH).map((input) => ({
      fields: {
        name: input.name,
        email: input.email,
        jobTitle: input.jobTitle ?? null,
        homeSchoolUrn: input.homeSchoolUrn,
        profile: input.profile,
        phases: input.phases,
        listed: input.listed,
      },
      specialismIds: input.specialisms
        .map((name) => specialismIds.get(name))
        .filter((id): id is number => id !== undefined),
      designations: input.designations.map((designation) => ({
        type: designation.type,
        status: designation.status,
        startDate: designation.startDate,
        reviewDate: designation.reviewDate ?? defaultReviewDate(designation.type, designation.startDate),
      })),
    }));
    await db.transaction((tx) => bulkInsertLeaders(tx, allianceId, batch, now));
    log(`  ${Math.min(offset + BATCH, generated.length)} of ${generated.length} leaders`);
  }
  await seedReleaseConsents(db, allianceId, now);
  // Bulk writes leave the planner's statistics stale and (on PGlite, which has no autovacuum) dead rows behind.
  for (const table of ['leaders', 'designations', 'leader_specialisms', 'directory_entries', 'release_consents'])
    await db.execute(sql.raw(`vacuum analyze ${table}`));
  log(`Added ${generated.length} leaders in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Release for this academic year recorded for about two SLEs in three (the rest have none yet, as
 * in life), between 5 and 25 days: matching weighs what is left.
 */
async function seedReleaseConsents(db: Database, allianceId: number, now: Date): Promise<void> {
  const startYear = academicYearOf(londonDate(now)).startYear;
  const random = seededRandom(startYear);
  const sles = await db
    .select({ leaderId: designations.leaderId })
    .from(designations)
    .innerJoin(leaders, eq(leaders.id, designations.leaderId))
    .where(and(eq(leaders.allianceId, allianceId), eq(designations.type, 'sle')));
  const rows = sles
    .filter(() => random() < 0.65)
    .map(({ leaderId }) => ({
      allianceId,
      leaderId,
      startYear,
      releasedHalfDays: 10 + 2 * Math.floor(random() * 21),
      headName: 'Headteacher',
      headConsentedOn: `${startYear}-09-01`,
      chairName: 'Chair of governors',
      chairConsentedOn: `${startYear}-09-08`,
      recordedAt: now,
    }));
  for (let offset = 0; offset < rows.length; offset += BATCH) {
    await db
      .insert(releaseConsents)
      .values(rows.slice(offset, offset + BATCH))
      .onConflictDoNothing();
  }
}
