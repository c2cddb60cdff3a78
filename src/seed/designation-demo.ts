import type { Database } from '../db/database.ts';
import type { DesignationType } from '../features/leaders/leaders.model.ts';
import { addDays, formatLongDate, type CalendarDate } from '../platform/calendar/calendar-date.ts';
import { londonDate } from '../platform/calendar/london-time.ts';
import type { CurrentUser } from '../platform/access.ts';
import type { Services } from '../services.ts';
import { DEMO_APPLICANTS, type DemoStage } from './designation-demo-applicants.ts';
import { answerRequests, applyAs, demoActor } from './designation-demo-journeys.ts';
import { recordDemoCoreTraining, seedDemoReviews } from './designation-demo-leaders.ts';
import { NEXT_PANEL_DAYS, seedDemoPanels } from './designation-demo-panels.ts';
import { EXAMPLE_USERS } from './examples.ts';
import type { SeedLog } from './reference-data.ts';

/** Leaders the demo's designation adds to the register: the applicant its panel designates. */
export const DEMO_DESIGNATED_LEADERS = 1;
/** How long the demo's SLE round runs: about a term. */
const SLE_ROUND_DAYS = 90;
const NEEDED_SPECIALISMS = ['Maths', 'SEN', 'Early Years'];

/**
 * Designation for the demo: an open SLE round (for the specialisms most asked for) and an LLE one;
 * an application at every stage Staff > Applications shows, each taken there through the services
 * the pages call (the applicant's answers, the referees' and consenters' answers by their emailed
 * links, the panels' scores and decisions, an appeal, a withdrawal); the demo leaders' core training
 * (all but one); and a review due and an overdue one opened. Added once, to an alliance with no
 * application yet, and only with the demo accounts there (seedDemoUsers) to act as.
 */
export async function seedDemoDesignation(
  services: Services,
  // The demo seeds' common signature; everything here goes through the services.
  _db: Database,
  now: Date,
  log: SeedLog = () => {},
): Promise<void> {
  const people = await demoPeople(services);
  if (!people) return;
  if ((await services.staffApplications.list({ stage: 'all', page: 1 })).total > 0) return;
  const today = londonDate(now);
  const { coordinator, administrator } = people;
  const roundId = await openRounds(services, coordinator, today);

  const ids = {} as Record<DemoStage, number>;
  for (const applicant of DEMO_APPLICANTS) {
    ids[applicant.stage] = await applyAs(services, applicant, roundId);
    if (applicant.stage !== 'started') await answerRequests(services, administrator, applicant, applicant.answered);
  }
  const withdrawn = await services.staffApplications.detail(ids.withdrawn);
  if (!withdrawn || !(await services.staffApplications.withdraw(coordinator, withdrawn)))
    throw new Error('Demo designation: withdrawing an application');

  // Before the panel designates its applicant, who is then left "designated, training due".
  const trained = await recordDemoCoreTraining(services, coordinator, today);
  await seedDemoPanels(services, people, ids, today);
  const reviews = await seedDemoReviews(services, coordinator, today);
  log(
    [
      `Added ${DEMO_APPLICANTS.length} demo applications for designation, one at each stage, and two panels`,
      `  (one met today; the next meets on ${formatLongDate(addDays(today, NEXT_PANEL_DAYS))}, chaired by ${people.chair.name})`,
      `  Core training recorded for ${trained} demo designations; ${reviews.opened}'s review opened (overdue),`,
      `  ${reviews.due}'s due for review soon`,
    ].join('\n'),
  );
}

/** The demo accounts the seed acts as: the coordinator, the administrator (who reads the emails) and the panel. */
async function demoPeople(services: Services) {
  const actor = (email: string) => demoActor(services, email);
  const [coordinator, administrator, chair, banksRoad, matthewArnold] = await Promise.all([
    actor(EXAMPLE_USERS.coordinator.email),
    actor(EXAMPLE_USERS.administrator.email),
    actor(EXAMPLE_USERS.panelMember.email),
    actor(EXAMPLE_USERS.panelMemberBanksRoad.email),
    actor(EXAMPLE_USERS.panelMemberMatthewArnold.email),
  ]);
  if (!coordinator || !administrator || !chair || !banksRoad || !matthewArnold) return undefined;
  return { coordinator, administrator, chair, members: [chair, banksRoad, matthewArnold] };
}

/** An SLE round (closing in about a term) and an LLE one (all year), unless one of each is open: the SLE round's id. */
async function openRounds(services: Services, coordinator: CurrentUser, today: CalendarDate): Promise<number> {
  const ids: Partial<Record<DesignationType, number>> = {};
  const active = await services.specialisms.active();
  for (const type of ['sle', 'lle'] as const) {
    const open = (await services.recruitmentRounds.current()).find(
      (round) => round.open && round.designationType === type,
    );
    if (open) {
      ids[type] = open.id;
      continue;
    }
    const opened = await services.recruitmentRounds.open(coordinator, {
      designationType: type,
      opensOn: today,
      closesOn: type === 'sle' ? addDays(today, SLE_ROUND_DAYS) : null,
      note:
        type === 'sle'
          ? 'Applications sent by the closing date go to the spring term panel.'
          : 'We especially welcome headteachers who have led a school out of difficulty.',
      specialismIds:
        type === 'sle' ? active.filter((item) => NEEDED_SPECIALISMS.includes(item.name)).map((item) => item.id) : [],
    });
    if (!opened.ok) throw new Error(`Demo designation: opening the ${type} round: ${JSON.stringify(opened.problems)}`);
    ids[type] = opened.value;
  }
  return ids.sle!;
}
