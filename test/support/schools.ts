import { and, asc, eq, notInArray } from 'drizzle-orm';
import { schools } from '../../src/features/schools/schools.tables.ts';
import type { TestApp } from './test-app.ts';

/** Open schools of the register other than those named, by URN: somewhere else for support to go. */
export async function openSchoolsOtherThan(t: TestApp, urns: number[], limit = 1) {
  return t.database.db
    .select()
    .from(schools)
    .where(and(eq(schools.status, 'open'), notInArray(schools.urn, urns)))
    .orderBy(asc(schools.urn))
    .limit(limit);
}

/**
 * Marks a school open or closed, as an import of the register from Get Information About Schools
 * does for a school whose status changed there.
 */
export async function setSchoolStatus(t: TestApp, urn: number, status: 'open' | 'closed'): Promise<void> {
  await t.database.db.update(schools).set({ status }).where(eq(schools.urn, urn));
}
