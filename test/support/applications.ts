import { inArray } from 'drizzle-orm';
import {
  applicationEvidence,
  applicationRequests,
  applications,
  applicationSpecialisms,
} from '../../src/features/designation/applications.tables.ts';
import { REQUEST_KINDS, type RequestKind } from '../../src/features/designation/applications.model.ts';
import { specialisms } from '../../src/features/specialisms/specialisms.tables.ts';
import type { TestApp } from './test-app.ts';

export type ApplicationFixture = {
  designationType?: 'sle' | 'lle';
  applicantName?: string;
  applicantEmail?: string;
  /** The applicant's school, by URN (EXAMPLE_SCHOOLS in src/seed/examples.ts are in every test database). */
  schoolUrn: number;
  /** 'started' makes one never sent: no reference, no requests. */
  status?: 'started' | 'sent';
  sentAt?: string;
  specialisms?: string[];
  /** Criteria left without evidence (a walk that removes a criterion needs one no application cites). */
  withoutEvidenceFor?: number[];
  /** The requests answered: every one unless given. */
  answered?: readonly RequestKind[];
};

let counter = 0;

/**
 * A sent application as the application journey leaves it, written straight into its tables in one
 * transaction: the answers, a specialism or two, evidence against each of its type's criteria, and the
 * two references and two consents, answered or not.
 */
export async function sentApplication(
  t: TestApp,
  fixture: ApplicationFixture,
): Promise<{ id: number; reference: string }> {
  counter++;
  const type = fixture.designationType ?? 'sle';
  const status = fixture.status ?? 'sent';
  const sentAt = new Date(fixture.sentAt ?? t.clock.now().toISOString());
  const reference = `${type.toUpperCase()}-T${String(counter).padStart(3, '0')}-${String.fromCharCode(65 + (counter % 26))}Q`;
  const alliance = await t.app.services.alliances.current();
  const criteria = (await t.app.services.designationRules.criteria())[type];
  const answered = new Set(fixture.answered ?? REQUEST_KINDS);
  const id = await t.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(applications)
      .values({
        allianceId: alliance.id,
        reference: status === 'sent' ? reference : null,
        designationType: type,
        status,
        applicantName: fixture.applicantName ?? `Applicant ${counter}`,
        applicantEmail: fixture.applicantEmail ?? `applicant-${counter}@school.example`,
        schoolUrn: fixture.schoolUrn,
        jobTitle: type === 'sle' ? 'Head of maths' : 'Headteacher',
        role: type === 'sle' ? 'middle-leader' : 'headteacher',
        yearsInRole: 4,
        leadershipYears: 5,
        yearsStaying: type === 'sle' ? null : 3,
        governorsSupport: type === 'sle' ? null : true,
        seniorStaffCover: type === 'sle' ? null : true,
        coachingBeyondSchool: type === 'sle' ? null : true,
        phases: ['primary'],
        createdAt: sentAt,
        updatedAt: sentAt,
        sentAt: status === 'sent' ? sentAt : null,
      })
      .returning({ id: applications.id });
    const applicationId = row!.id;
    const names = fixture.specialisms ?? (type === 'sle' ? ['Maths'] : []);
    if (names.length > 0) {
      const chosen = await tx.select().from(specialisms).where(inArray(specialisms.name, names));
      await tx.insert(applicationSpecialisms).values(chosen.map((item) => ({ applicationId, specialismId: item.id })));
    }
    const cited = criteria.filter((criterion) => !fixture.withoutEvidenceFor?.includes(criterion.id));
    await tx.insert(applicationEvidence).values(
      cited.map((criterion) => ({
        applicationId,
        criterionId: criterion.id,
        evidence: `Evidence of ${criterion.title.toLowerCase()} from applicant ${counter}.`,
      })),
    );
    if (status === 'sent')
      await tx.insert(applicationRequests).values(
        REQUEST_KINDS.map((kind, index) => {
          const done = answered.has(kind);
          const consent = kind.endsWith('consent');
          return {
            applicationId,
            kind,
            name: `${kind} person ${counter}`,
            email: `${kind}-${counter}@school.example`,
            jobTitle: consent ? (kind === 'head-consent' ? 'Headteacher' : 'Chair of governors') : 'Headteacher',
            organisation: 'Their school',
            tokenHash: done ? null : `test-token-hash-${counter}-${index}`,
            sentAt,
            answeredAt: done ? sentAt : null,
            answerText: done ? (consent ? 'We can release them.' : `A strong leader (${kind}).`) : null,
            supports: done ? true : null,
            releaseDays: done && consent ? 15 : null,
          };
        }),
      );
    return applicationId;
  });
  return { id, reference };
}
