import type { DecisionOutcome } from '../features/designation/applications.model.ts';
import { addDays, type CalendarDate } from '../platform/calendar/calendar-date.ts';
import type { CurrentUser } from '../platform/access.ts';
import type { Services } from '../services.ts';
import type { DemoStage } from './designation-demo-applicants.ts';

export type PanelPeople = { coordinator: CurrentUser; chair: CurrentUser; members: CurrentUser[] };

/** How far ahead the demo's next panel meets: far enough to gather scores, near enough to be next. */
export const NEXT_PANEL_DAYS = 10;

const fail = (what: string, detail: unknown): never => {
  throw new Error(`Demo designation: ${what}: ${JSON.stringify(detail)}`);
};

/** A panel made as a coordinator makes one on Staff > Panels: its date, members, chair and applications. */
async function makePanel(
  services: Services,
  people: PanelPeople,
  meetsOn: CalendarDate,
  note: string,
  applicationIds: number[],
): Promise<number> {
  const { coordinator } = people;
  const id = await services.panels.create(coordinator, { meetsOn, hearing: 'application', note });
  const view = async () => (await services.panels.view(coordinator, id)) ?? fail('the new panel', id);
  for (const member of people.members) {
    const added = await services.panels.addMember(coordinator, await view(), member.id);
    if (!added.ok) fail(`adding ${member.name} to the panel`, added.problems);
  }
  const chosen = await services.panels.chooseChair(coordinator, await view(), people.chair.id);
  if (!chosen.ok) fail('choosing the chair', chosen.problems);
  for (const applicationId of applicationIds) {
    const put = await services.panels.addApplication(coordinator, await view(), applicationId);
    if (!put.ok) fail(`putting application ${applicationId} to the panel`, put.problems);
  }
  return id;
}

/** Each member who may score the applicant (one from their school may not), up to `scorers`, scores every criterion. */
async function score(
  services: Services,
  members: CurrentUser[],
  panelId: number,
  applicationId: number,
  mark: number,
  scorers = members.length,
): Promise<void> {
  let scored = 0;
  for (const member of members) {
    if (scored >= scorers) return;
    const sheet = await services.panelScoring.sheet(member, panelId, applicationId);
    if (!sheet?.canScore) continue;
    scored++;
    const saved = await services.panelScoring.saveScores(
      member,
      sheet,
      sheet.criteria.map((criterion, index) => ({
        criterionId: criterion.id,
        score: Math.min(4, mark + (index % 2)),
        notes:
          mark >= 3
            ? 'Clear evidence, confirmed by both references.'
            : 'Little evidence of impact beyond their own team.',
      })),
    );
    if (!saved.ok) fail(`${member.name}'s scores`, saved.problems);
  }
}

const DECISIONS: Array<{ stage: DemoStage; outcome: DecisionOutcome; mark: number; feedback: string }> = [
  { stage: 'designated', outcome: 'designated', mark: 3, feedback: '' },
  {
    stage: 'not-designated',
    outcome: 'not-designated',
    mark: 2,
    feedback:
      'Your leadership in your own school is strong; the panel would like to see evidence of impact in another school first. We encourage you to apply again next year.',
  },
  {
    stage: 'appealed',
    outcome: 'not-designated',
    mark: 2,
    feedback: 'The evidence of outreach was from one short project; the panel could not judge its impact.',
  },
];

/**
 * The demo's panels. One met today and decided three applications (designated, not designated with
 * feedback, and not designated and appealed): a decision must have a panel, and is dated no later
 * than today. The next meets in NEXT_PANEL_DAYS with one application, partly scored: one member has
 * scored, one is from the applicant's school and may not, and the chair has yet to.
 */
export async function seedDemoPanels(
  services: Services,
  people: PanelPeople,
  ids: Record<DemoStage, number>,
  today: CalendarDate,
): Promise<{ decidedPanelId: number; nextPanelId: number }> {
  const decided = DECISIONS.map((decision) => ids[decision.stage]);
  const decidedPanelId = await makePanel(services, people, today, 'Autumn term designation panel', decided);
  for (const decision of DECISIONS) {
    const applicationId = ids[decision.stage];
    await score(services, people.members, decidedPanelId, applicationId, decision.mark);
    const sheet =
      (await services.panelScoring.sheet(people.chair, decidedPanelId, applicationId)) ??
      fail('the chair’s view of the application', applicationId);
    const recorded = await services.panelDecisions.decide(people.chair, sheet, {
      outcome: decision.outcome,
      feedback: decision.feedback,
      decidedOn: today,
    });
    if (!recorded.ok) fail(`the decision on ${decision.stage}`, recorded.problems);
  }
  const appealed =
    (await services.staffApplications.detail(ids.appealed)) ?? fail('the appealed application', ids.appealed);
  const lodged = await services.appeals.record(people.coordinator, appealed, {
    lodgedOn: today,
    grounds:
      'The panel did not see the evaluation of my project with Palmerston School, which I attach; it shows the impact the feedback says was missing.',
  });
  if (!lodged.ok) fail('the appeal', lodged.problems);

  const atPanel = ids['at-panel'];
  const nextPanelId = await makePanel(
    services,
    people,
    addDays(today, NEXT_PANEL_DAYS),
    'Spring term designation panel',
    [atPanel],
  );
  await score(services, people.members, nextPanelId, atPanel, 3, 1);
  return { decidedPanelId, nextPanelId };
}
