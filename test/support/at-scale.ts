import { and, eq, isNull, sql } from 'drizzle-orm';
import { agreementVersions, agreements, deploymentTerms } from '../../src/features/agreements/agreements.tables.ts';
import { bulkInsertLeaders } from '../../src/features/leaders/leaders.repository.ts';
import { releaseConsents } from '../../src/features/release/release.tables.ts';
import { deliveryLogs } from '../../src/features/visits/visits.tables.ts';
import type { Executor } from '../../src/db/database.ts';
import type { CalendarDate } from '../../src/platform/calendar/calendar-date.ts';
import type { TestApp } from './test-app.ts';

/**
 * Records in bulk, for the tests that check the service at national scale (10,000 leaders, 100,000
 * agreements, 300,000 logs): made one at a time through the services they would take an hour, so
 * they are inserted in batches, through the tables' own definitions (a column renamed or added fails
 * to compile here rather than silently), then the planner's statistics are brought up to date.
 */

/** Rows a statement at most: PostgreSQL takes 65,535 parameters, and an agreement has seven. */
const BATCH = 5_000;

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += BATCH) await insert(rows.slice(offset, offset + BATCH));
}

export type BulkDeployments = {
  count: number;
  leaderId: (n: number) => number;
  supportedSchoolUrn: number;
  homeSchoolUrn: number;
  focusSpecialismId: number;
  halfDays: number;
  /** The dates of the nth deployment (n from 1). */
  dates: (n: number) => { startDate: CalendarDate; endDate: CalendarDate };
  /** Signed (its one version locked) or a draft. */
  status: 'signed' | 'draft';
};

/** SLE deployments, each with one version and its terms, as the current version; their ids, in order. */
export async function bulkDeployments(t: TestApp, options: BulkDeployments): Promise<number[]> {
  const allianceId = (await t.app.services.alliances.current()).id;
  // One transaction: one commit to disk instead of one for each statement.
  return t.database.db.transaction((tx) => insertDeployments(tx, allianceId, t.clock.now(), options));
}

async function insertDeployments(
  db: Executor,
  allianceId: number,
  now: Date,
  options: BulkDeployments,
): Promise<number[]> {
  const numbers = Array.from({ length: options.count }, (_, index) => index + 1);
  const ids: number[] = [];
  await inBatches(numbers, async (batch) => {
    const made = await db
      .insert(agreements)
      .values(
        batch.map((n) => ({
          allianceId,
          kind: 'sle-deployment' as const,
          status: options.status,
          supportedSchoolUrn: options.supportedSchoolUrn,
          leaderId: options.leaderId(n),
          homeSchoolUrn: options.homeSchoolUrn,
          createdAt: now,
        })),
      )
      .returning({ id: agreements.id });
    const versions = await db
      .insert(agreementVersions)
      .values(
        made.map(({ id }) => ({
          agreementId: id,
          number: 1,
          createdAt: now,
          lockedAt: options.status === 'signed' ? now : null,
        })),
      )
      .returning({ id: agreementVersions.id, agreementId: agreementVersions.agreementId });
    await db.insert(deploymentTerms).values(
      versions.map((version, index) => ({
        versionId: version.id,
        focusSpecialismId: options.focusSpecialismId,
        halfDays: options.halfDays,
        visitPattern: 'Weekly',
        ...options.dates(batch[index]!),
        fundingType: 'none' as const,
      })),
    );
    ids.push(...made.map(({ id }) => id));
  });
  // Each one's only version is its current one: one statement for all of them.
  await db
    .update(agreements)
    .set({ currentVersionId: sql`${agreementVersions.id}` })
    .from(agreementVersions)
    .where(and(eq(agreementVersions.agreementId, agreements.id), isNull(agreements.currentVersionId)));
  return ids;
}

/** A day's delivery (one half day of coaching) for each agreement and date given, logged by `loggedByUserId`. */
export async function bulkDeliveryLogs(
  t: TestApp,
  logs: Array<{ agreementId: number; date: CalendarDate }>,
  loggedByUserId: number,
): Promise<void> {
  const allianceId = (await t.app.services.alliances.current()).id;
  const now = t.clock.now();
  await t.database.db.transaction((tx) =>
    inBatches(logs, (batch) =>
      tx.insert(deliveryLogs).values(
        batch.map((log) => ({
          allianceId,
          ...log,
          halfDays: 1,
          countedHalfDays: 1,
          activities: ['coaching' as const],
          loggedAt: now,
          loggedByUserId,
        })),
      ),
    ),
  );
}

/** Designated SLEs at one school, with nothing else: their ids, in order. */
export async function bulkSleLeaders(
  t: TestApp,
  options: { count: number; homeSchoolUrn: number; emailDomain: string },
): Promise<number[]> {
  const allianceId = (await t.app.services.alliances.current()).id;
  const entries = Array.from({ length: options.count }, (_, index) => ({
    fields: {
      name: `Bulk leader ${index + 1}`,
      email: `bulk${index + 1}@${options.emailDomain}`,
      jobTitle: null,
      homeSchoolUrn: options.homeSchoolUrn,
      profile: '',
      phases: [],
      listed: false,
    },
    specialismIds: [],
    designations: [{ type: 'sle' as const, status: 'designated' as const, startDate: '2024-09-01', reviewDate: null }],
  }));
  const ids: number[] = [];
  await inBatches(entries, async (batch) =>
    ids.push(...(await t.database.db.transaction((tx) => bulkInsertLeaders(tx, allianceId, batch, t.clock.now())))),
  );
  return ids;
}

/** The release each leader's school agreed for a year, as a coordinator records it. */
export async function bulkReleaseConsents(
  t: TestApp,
  leaderIds: number[],
  startYear: number,
  releasedHalfDays: number,
): Promise<void> {
  const allianceId = (await t.app.services.alliances.current()).id;
  const consent = {
    startYear,
    releasedHalfDays,
    headName: 'H',
    headConsentedOn: `${startYear}-09-01`,
    chairName: 'C',
    chairConsentedOn: `${startYear}-09-01`,
    recordedAt: t.clock.now(),
  };
  await inBatches(leaderIds, (batch) =>
    t.database.db.insert(releaseConsents).values(batch.map((leaderId) => ({ allianceId, leaderId, ...consent }))),
  );
}

/** After bulk writes: PGlite has no autovacuum, and the planner would plan for empty tables. */
export async function analyse(t: TestApp): Promise<void> {
  await t.database.db.execute(sql`analyze`);
}
