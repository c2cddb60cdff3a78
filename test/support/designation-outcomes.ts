import { asc, eq } from 'drizzle-orm';
import {
  applicationRequests,
  applications,
  applicationSpecialisms,
} from '../../src/features/designation/applications.tables.ts';
import type { DesignationType, Phase } from '../../src/features/leaders/leaders.model.ts';
import { outboxMessages } from '../../src/platform/outbox/outbox.tables.ts';
import { EXAMPLE_SCHOOLS } from '../../src/seed/examples.ts';
import { specialismId } from './agreements.ts';
import type { TestApp } from './test-app.ts';

let counter = 0;

export type SentApplication = {
  designationType?: DesignationType;
  name?: string;
  email?: string;
  schoolUrn?: number;
  jobTitle?: string;
  phases?: Phase[];
  specialisms?: string[];
  /** Days a year each consent agreed to release them; null leaves that consent unanswered. */
  headReleaseDays?: number | null;
  chairReleaseDays?: number | null;
  /** When the consents were answered. */
  consentedAt?: string;
  status?: 'started' | 'sent' | 'withdrawn';
};

/**
 * A sent application whose references and consents are answered, written straight into the tables
 * (as the applications journey leaves one): what a panel designates. Its id.
 */
export async function insertSentApplication(t: TestApp, details: SentApplication = {}): Promise<number> {
  counter++;
  const alliance = await t.app.services.alliances.current();
  const type = details.designationType ?? 'sle';
  const consentedAt = new Date(details.consentedAt ?? '2026-10-05T12:00:00Z');
  const status = details.status ?? 'sent';
  const [application] = await t.database.db
    .insert(applications)
    .values({
      allianceId: alliance.id,
      reference: status === 'started' ? null : `${type.toUpperCase()}-TEST-${String(counter).padStart(2, '0')}`,
      designationType: type,
      status,
      applicantName: details.name ?? `Applicant ${counter}`,
      applicantEmail: details.email ?? `applicant.${counter}@school.example`,
      schoolUrn: details.schoolUrn ?? EXAMPLE_SCHOOLS.palmerston.urn,
      jobTitle: details.jobTitle ?? 'Head of maths',
      role: type === 'sle' ? 'middle-leader' : 'headteacher',
      yearsInRole: 4,
      leadershipYears: 5,
      phases: details.phases ?? ['primary'],
      sentAt: new Date('2026-09-20T09:00:00Z'),
    })
    .returning({ id: applications.id });
  const applicationId = application!.id;
  const specialismIds = await Promise.all((details.specialisms ?? ['Maths']).map((name) => specialismId(t, name)));
  if (specialismIds.length > 0)
    await t.database.db
      .insert(applicationSpecialisms)
      .values(specialismIds.map((id) => ({ applicationId, specialismId: id })));
  const answered = { sentAt: new Date('2026-09-20T09:00:00Z'), answeredAt: consentedAt, supports: true };
  const consent = (days: number | null | undefined) =>
    days === null ? { sentAt: answered.sentAt } : { ...answered, releaseDays: days ?? 15 };
  await t.database.db.insert(applicationRequests).values([
    {
      applicationId,
      kind: 'line-manager-reference',
      name: 'Hana Head',
      email: `head.${counter}@school.example`,
      ...answered,
      answerText: 'An outstanding leader.',
    },
    {
      applicationId,
      kind: 'supported-leader-reference',
      name: 'Sam Supported',
      email: `supported.${counter}@school.example`,
      ...answered,
      answerText: 'Transformed our maths.',
    },
    {
      applicationId,
      kind: 'head-consent',
      name: 'Hana Head',
      email: `head.${counter}@school.example`,
      ...consent(details.headReleaseDays),
    },
    {
      applicationId,
      kind: 'chair-consent',
      name: 'Carl Chair',
      email: `chair.${counter}@school.example`,
      ...consent(details.chairReleaseDays),
    },
  ]);
  return applicationId;
}

/** A panel's "designate", as the panel's decision makes it: in a transaction of its own here. */
export function designate(t: TestApp, applicationId: number, decidedOn: string, byUserId: number | null = null) {
  return t.database.db.transaction((tx) =>
    t.app.services.designationOutcomes.designate(tx, { applicationId, decidedOn, byUserId }),
  );
}

/** The listing-consent emails sent, oldest first. */
export function listingConsentEmails(t: TestApp) {
  return t.database.db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.kind, 'listing-consent'))
    .orderBy(asc(outboxMessages.id));
}

/** The token in a listing-consent email's link. */
export function listingTokenIn(body: string): string {
  return /\/listing-consent\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1] ?? '';
}
