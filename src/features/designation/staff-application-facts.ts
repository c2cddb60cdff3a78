import { daysBetween, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import { applicationStage, REQUEST_NAMES, type ApplicationStage } from './application-stage.ts';
import type {
  AppealRow,
  DecisionRow,
  ListedApplication,
  listStageFacts,
  RequestRow,
} from './staff-applications.repository.ts';

const WAITING_FOR_REQUESTS: readonly ApplicationStage[] = ['references-due', 'consent-due'];

type Facts = Awaited<ReturnType<typeof listStageFacts>>;

/** Where one application stands: its stage, since when, and what it waits for. */
export type Standing = {
  stage: ApplicationStage;
  /** The day it reached its stage. */
  since: CalendarDate;
  /** Calendar days it has waited at its stage, today included as none. */
  daysWaiting: number;
  /** What is missing before a panel can consider it: its unanswered current requests, by name. */
  missing: string[];
  requests: RequestRow[];
  /** Every decision on it, the first first (an appeal's decision sits after the decision appealed). */
  decisions: DecisionRow[];
  appeals: AppealRow[];
  /** The panels it was put to, the earliest first. */
  panels: Array<{ panelId: number; meetsOn: CalendarDate; hearing: 'application' | 'appeal' }>;
};

const latest = (dates: Array<CalendarDate | undefined>): CalendarDate | undefined =>
  dates
    .filter((date): date is CalendarDate => date !== undefined)
    .sort()
    .at(-1);

/**
 * Each application's standing, from the rows listStageFacts read. The day an application reached a
 * stage is what Staff > Applications counts the days waiting from: sent for references, the last
 * reference answered for consent, the last answer (or a deferral) for a panel, and so on. Being put
 * on a panel has no date of its own, so the panel's creation stands for it.
 */
export function standingsOf(rows: ListedApplication[], facts: Facts, today: CalendarDate): Map<number, Standing> {
  const standings = new Map<number, Standing>();
  for (const application of rows) {
    const requests = facts.requests.filter((request) => request.applicationId === application.id);
    const decisions = facts.decisions.filter((decision) => decision.applicationId === application.id);
    const appeals = facts.appeals.filter((row) => row.applicationId === application.id).map((row) => row.appeal);
    const onPanels = facts.panels.filter((panel) => panel.applicationId === application.id);
    const decidedBy = new Set(decisions.map((decision) => decision.panelId));
    // A panel hearing appeals is done with an application once its appeal has an outcome: a dismissed
    // appeal makes no decision of its own.
    const waitingPanel = onPanels.find((panel) =>
      panel.hearing === 'appeal'
        ? appeals.some((appeal) => appeal.panelId === panel.panelId && appeal.outcome === null)
        : !decidedBy.has(panel.panelId),
    );
    const openAppeal = appeals.find((appeal) => appeal.outcome === null);
    const lastDecision = decisions.at(-1);
    const stage = applicationStage({
      status: application.status,
      requests: requests.map((request) => ({ kind: request.kind, answered: request.answeredAt !== null })),
      awaitingPanel: waitingPanel !== undefined,
      decision: lastDecision?.outcome,
      appealOpen: openAppeal !== undefined,
    });
    const dayOf = (instant: Date | null | undefined) => (instant ? londonDate(instant) : undefined);
    const sent = dayOf(application.sentAt) ?? dayOf(application.createdAt)!;
    const answered = (kinds: string[]) =>
      latest(requests.filter((request) => kinds.includes(request.kind)).map((request) => dayOf(request.answeredAt)));
    const since: Record<ApplicationStage, () => CalendarDate | undefined> = {
      started: () => dayOf(application.createdAt),
      'references-due': () => sent,
      'consent-due': () => answered(['line-manager-reference', 'supported-leader-reference']) ?? sent,
      'ready-for-panel': () =>
        latest([
          sent,
          answered(requests.map((request) => request.kind)),
          lastDecision?.outcome === 'deferred' ? lastDecision.decidedOn : undefined,
        ]),
      'at-panel': () => dayOf(waitingPanel?.createdAt),
      decided: () => lastDecision?.decidedOn,
      appealed: () => openAppeal?.lodgedOn,
      withdrawn: () => dayOf(application.withdrawnAt),
    };
    const sinceDay = since[stage]() ?? sent;
    standings.set(application.id, {
      stage,
      since: sinceDay,
      daysWaiting: Math.max(0, daysBetween(sinceDay, today)),
      // Only while it waits for them: a withdrawn or decided application needs nothing more.
      missing: WAITING_FOR_REQUESTS.includes(stage)
        ? requests.filter((request) => request.answeredAt === null).map((request) => REQUEST_NAMES[request.kind])
        : [],
      requests,
      decisions,
      appeals,
      panels: onPanels.map(({ panelId, meetsOn, hearing }) => ({ panelId, meetsOn, hearing })),
    });
  }
  return standings;
}
