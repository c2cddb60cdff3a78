import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { hashPassword } from '../features/accounts/passwords.ts';
import { countAgreements } from '../features/agreements/agreements.repository.ts';
import { countEnquiries } from '../features/enquiries/enquiries.repository.ts';
import { parseSubmission } from '../features/enquiries/enquiries.schema.ts';
import { countLeaders, findLeaderRowByEmail } from '../features/leaders/leaders.repository.ts';
import { activeSpecialisms } from '../features/specialisms/specialisms.service.ts';
import { academicYearOf } from '../platform/calendar/academic-year.ts';
import { londonDate } from '../platform/calendar/london-time.ts';
import { addMonths, type CalendarDate } from '../platform/calendar/calendar-date.ts';
import { saveLeader } from '../features/leaders/leaders.service.ts';
import { schools } from '../features/schools/schools.tables.ts';
import type { Services } from '../services.ts';
import { EXAMPLE_AGREEMENTS, EXAMPLE_ENQUIRIES, EXAMPLE_LEADERS, EXAMPLE_USERS } from './examples.ts';
import { generateLeaders } from './leader-generator.ts';
import type { SeedLog } from './reference-data.ts';

/** Merseyside and Halton: Knowsley, Liverpool, St Helens, Sefton, Wirral, Halton. */
export const MERSEYSIDE_LOCAL_AUTHORITIES = ['340', '341', '342', '343', '344', '876'];
const DEMO_LEADERS = 60;

/**
 * Demo data for a laptop (`npm start`): the named example leaders and more invented ones on the real
 * Liverpool and Merseyside schools. Added once, to an alliance with no leaders yet.
 */
export async function seedDemoData(
  db: Database,
  allianceId: number,
  now: Date,
  log: SeedLog = () => {},
): Promise<void> {
  if ((await countLeaders(db, allianceId)) > 0) return;
  const merseyside = await db
    .select({ urn: schools.urn, phase: schools.phase })
    .from(schools)
    .where(inArray(schools.localAuthorityCode, MERSEYSIDE_LOCAL_AUTHORITIES));
  const today = londonDate(now);
  const demoLeaders = [
    ...Object.values(EXAMPLE_LEADERS),
    ...generateLeaders(merseyside, DEMO_LEADERS, 2026, 'demo.example').map((leader) => ({
      ...leader,
      designations: leader.designations.map((designation) => ({
        ...designation,
        reviewDate: designation.reviewDate ?? nextReviewAfter(designation.startDate, today),
      })),
    })),
  ];
  await db.transaction(async (tx) => {
    for (const leader of demoLeaders) {
      const outcome = await saveLeader(tx, allianceId, leader, now);
      if (!outcome.ok)
        throw new Error(`Demo leader ${leader.name}: ${outcome.problems.map((problem) => problem.message).join('; ')}`);
    }
  });
  log(`Added ${demoLeaders.length} demo system leaders on Merseyside schools`);
}

/**
 * A demo designation's next four-yearly review after today: one made in 2019 has been renewed once, as
 * a real alliance's would have been, so the invented leaders are not nearly all overdue (and out of
 * matching) on the day the demo starts.
 */
function nextReviewAfter(startDate: CalendarDate, today: CalendarDate): CalendarDate {
  let review = addMonths(startDate, 48);
  while (review <= today) review = addMonths(review, 48);
  return review;
}

/** A password no one can know in advance: 18 random bytes, about 144 bits. */
function randomPassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}

/**
 * Demo staff for a laptop or a review copy: one account per role, each system leader linked to the
 * leader of the same email. Each new account gets a random password, printed once, here; the
 * repository holds none. Accounts that exist are left alone.
 */
export async function seedDemoUsers(services: Services, db: Database, log: SeedLog): Promise<void> {
  const created: string[] = [];
  const alliance = await services.alliances.current();
  for (const example of Object.values(EXAMPLE_USERS)) {
    const password = randomPassword();
    const passwordHash = await hashPassword(password);
    const user = await db.transaction((tx) => services.users.ensureUser(tx, alliance, { ...example, passwordHash }));
    if (user.created) created.push(`  ${example.roles.join(' + ').padEnd(28)} ${example.email.padEnd(48)} ${password}`);
  }
  if (created.length === 0) return;
  log(
    ['Demo accounts (these passwords are shown only now; use "I have forgotten my password" later):', ...created].join(
      '\n',
    ),
  );
}

/**
 * The example enquiries, so the enquiry desk has work on it and the demo school contact has an
 * enquiry to follow. Sent as a school sends them (acknowledgements wait in the outbox like any
 * email); added once, to an alliance with no enquiries yet.
 */
export async function seedDemoEnquiries(services: Services, db: Database, log: SeedLog): Promise<void> {
  const alliance = await services.alliances.current();
  if ((await countEnquiries(db, alliance.id)) > 0) return;
  for (const example of Object.values(EXAMPLE_ENQUIRIES)) {
    const parsed = parseSubmission(example);
    if ('problems' in parsed)
      throw new Error(`Demo enquiry: ${parsed.problems.map((problem) => problem.message).join('; ')}`);
    const outcome = await services.enquiries.submit(parsed.submission, 'api');
    if (!outcome.ok) throw new Error(`Demo enquiry: ${outcome.problems.map((problem) => problem.message).join('; ')}`);
  }
  log(`Added ${Object.keys(EXAMPLE_ENQUIRIES).length} demo enquiries for the enquiry desk`);
}

/**
 * The example agreements, started and completed by the demo coordinator, for the demo school contact
 * and the coordinator to sign. Added once, to an alliance with no agreements yet.
 */
export async function seedDemoAgreements(services: Services, db: Database, now: Date, log: SeedLog): Promise<void> {
  const alliance = await services.alliances.current();
  if ((await countAgreements(db, alliance.id)) > 0) return;
  const account = await services.userDirectory.findByEmail(EXAMPLE_USERS.coordinator.email);
  if (!account) return;
  const coordinator = {
    ...account,
    roles: await services.userDirectory.rolesOf(account.id, alliance.id),
    schoolUrn: null,
    leaderId: null,
    sessionId: 0,
  };
  const year = academicYearOf(londonDate(now)).startYear + 1;
  const specialisms = await activeSpecialisms(db, alliance.id);
  for (const example of Object.values(EXAMPLE_AGREEMENTS)) {
    const leader = await findLeaderRowByEmail(db, alliance.id, EXAMPLE_LEADERS[example.leader].email);
    if (!leader) continue;
    const created = await services.agreements.create(coordinator, {
      kind: example.kind,
      leaderId: leader.id,
      supportedSchoolUrn: example.schoolUrn,
    });
    if (!created.ok)
      throw new Error(`Demo agreement: ${created.problems.map((problem) => problem.message).join('; ')}`);
    const id = created.value.id;
    const saved =
      'deployment' in example
        ? await services.agreementEditing.saveDeploymentTerms(coordinator, id, {
            ...example.deployment,
            focusSpecialismId: specialisms.find((specialism) => specialism.name === example.deployment.focusSpecialism)!
              .id,
            startDate: `${year}-01-11`,
            endDate: `${year}-07-16`,
            exchangeDescription: null,
            exchangeHalfDays: null,
          })
        : await services.agreementEditing.savePlacementTerms(coordinator, id, {
            ...example.placement,
            priorityReasons: [...example.placement.priorityReasons],
            intensityReason: null,
            startDate: `${year}-01-11`,
            endDate: `${year + 1}-01-14`,
            endPointReason: null,
            feePence: null,
            exchangeDescription: null,
            exchangeHalfDays: null,
          });
    if (!saved.ok) throw new Error(`Demo agreement terms: ${JSON.stringify(saved)}`);
    for (const objective of example.objectives)
      await services.agreementEditing.addObjective(coordinator, id, objective);
  }
  log(`Added ${Object.keys(EXAMPLE_AGREEMENTS).length} demo support agreements, ready to sign`);
}
