import type { ApplicationStatus, DecisionOutcome, RequestKind } from './applications.model.ts';

/** Where an application is, as Staff > Applications shows it, in the order it gets there. */
export const APPLICATION_STAGES = [
  'started',
  'references-due',
  'consent-due',
  'ready-for-panel',
  'at-panel',
  'decided',
  'appealed',
  'withdrawn',
] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

export const STAGE_NAMES: Record<ApplicationStage, string> = {
  started: 'Started',
  'references-due': 'References due',
  'consent-due': 'Consent due',
  'ready-for-panel': 'Ready for panel',
  'at-panel': 'At panel',
  decided: 'Decided',
  appealed: 'Appealed',
  withdrawn: 'Withdrawn',
};

/** What the stage is worked out from: the application, its current (not superseded) requests, its panel and decisions. */
export type StageFacts = {
  status: ApplicationStatus;
  requests: { kind: RequestKind; answered: boolean }[];
  /** It is on a panel that has not yet decided it. */
  awaitingPanel: boolean;
  /** The latest decision, if any. */
  decision: DecisionOutcome | undefined;
  /** An appeal against the latest decision is lodged and not yet decided. */
  appealOpen: boolean;
};

const REFERENCES: readonly RequestKind[] = ['line-manager-reference', 'supported-leader-reference'];

/**
 * An application's stage. A deferred decision sends it back to be ready for a later panel; references
 * are chased before consent because a panel cannot sit without them, but both are asked for at once.
 */
export function applicationStage(facts: StageFacts): ApplicationStage {
  if (facts.status === 'withdrawn') return 'withdrawn';
  if (facts.status === 'started') return 'started';
  if (facts.appealOpen) return 'appealed';
  if (facts.awaitingPanel) return 'at-panel';
  if (facts.decision && facts.decision !== 'deferred') return 'decided';
  const waiting = facts.requests.filter((request) => !request.answered);
  if (waiting.some((request) => REFERENCES.includes(request.kind))) return 'references-due';
  if (waiting.length > 0) return 'consent-due';
  return 'ready-for-panel';
}

/** What is still missing before a panel can consider it, for the applications list ("Reference from the headteacher"). */
export const REQUEST_NAMES: Record<RequestKind, string> = {
  'line-manager-reference': 'Reference from the headteacher (for an LLE, the chair of governors)',
  'supported-leader-reference': 'Reference from a leader they have supported',
  'head-consent': 'Headteacher’s release consent',
  'chair-consent': 'Chair of governors’ release consent',
};
