import { registerQuerySchema } from '../features/leaders/leaders-admin.schema.ts';
import { addDays, addMonths, type CalendarDate } from '../platform/calendar/calendar-date.ts';
import type { CurrentUser } from '../platform/access.ts';
import type { Services } from '../services.ts';
import { EXAMPLE_LEADERS } from './examples.ts';

/** Who gave the demo leaders' core training: the alliance itself, as teaching schools did. */
export const DEMO_TRAINING_PROVIDER = 'South Liverpool Schools Together';
/** Left "designated, training due", so the flag shows in the register, the directory and matching. */
export const DEMO_TRAINING_DUE = [EXAMPLE_LEADERS.carysJones.email];

const fail = (what: string, detail: unknown): never => {
  throw new Error(`Demo designation: ${what}: ${JSON.stringify(detail)}`);
};

/**
 * Core training for every demo leader's designation in force, a couple of months after it began
 * (never after today), as a coordinator records it, except DEMO_TRAINING_DUE's. The count recorded.
 */
export async function recordDemoCoreTraining(
  services: Services,
  coordinator: CurrentUser,
  today: CalendarDate,
): Promise<number> {
  let recorded = 0;
  for (let page = 1, pageCount = 1; page <= pageCount; page++) {
    const register = await services.leadersAdmin.register(registerQuerySchema.parse({ page: String(page) }));
    pageCount = register.pageCount;
    for (const entry of register.entries) {
      if (DEMO_TRAINING_DUE.includes(entry.email)) continue;
      for (const designation of entry.designations.filter((held) => held.trainingDue && held.startDate <= today)) {
        const on = [addMonths(designation.startDate, 2), today].sort()[0]!;
        const saved = await services.designatedLeaders.recordCoreTraining(coordinator, entry.id, designation.id, {
          on,
          provider: DEMO_TRAINING_PROVIDER,
        });
        if (!saved.ok) fail(`core training for ${entry.name}`, saved.problems);
        recorded++;
      }
    }
  }
  return recorded;
}

/**
 * Staff > Designation reviews with something on each list: a designation due for review by the end
 * of the next term, and an overdue one with its review opened. The invented leaders' start dates
 * usually give both; where they do not (a small register), an example leader's designation is
 * dated so that it is, as a coordinator corrects a start date on the leader's page.
 */
export async function seedDemoReviews(services: Services, coordinator: CurrentUser, today: CalendarDate) {
  const lists = async () => (await services.designationReviews.lists(coordinator)) ?? fail('the review lists', '');
  const first = await lists();
  const { windowEnd } = first;
  let { due, overdue } = first;
  if (overdue.rows.length === 0) {
    await redate(services, coordinator, EXAMPLE_LEADERS.benCarter.email, addMonths(addDays(today, -30), -48));
    overdue = (await lists()).overdue;
  }
  const toOpen =
    overdue.rows.find((row) => row.leaderName === EXAMPLE_LEADERS.benCarter.name) ??
    overdue.rows[0] ??
    fail('no overdue designation', '');
  const opened = await services.designationReviews.startPeriodReview(coordinator, toOpen.designationId);
  if (!opened.ok) fail(`opening ${toOpen.leaderName}'s review`, opened.problems);
  ({ due } = await lists());
  if (due.rows.length === 0) {
    await redate(services, coordinator, EXAMPLE_LEADERS.amiraHussain.email, addMonths(addDays(windowEnd, -21), -48));
    ({ due } = await lists());
  }
  return { opened: toOpen.leaderName, due: due.rows[0]?.leaderName ?? fail('no designation due', '') };
}

/** Moves the start of the leader's first designation, its review date following (4 years on). */
async function redate(services: Services, coordinator: CurrentUser, email: string, startDate: CalendarDate) {
  const register = await services.leadersAdmin.register(registerQuerySchema.parse({ q: email }));
  const entry = register.entries.find((each) => each.email === email) ?? fail('no such demo leader', email);
  const designation = entry.designations[0] ?? fail('no designation', email);
  const saved = await services.leadersAdmin.saveDesignation(
    coordinator,
    entry.id,
    { type: designation.type, status: designation.status, startDate, reviewDate: null },
    'change',
  );
  if (!saved.ok) fail(`redating ${entry.name}'s designation`, saved.problems);
}
