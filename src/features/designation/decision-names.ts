import type { AppealOutcome, DecisionOutcome } from './applications.model.ts';

/** A decision's and an appeal's outcomes as pages, emails and the audit trail write them. */
export const OUTCOME_NAMES: Record<DecisionOutcome, string> = {
  designated: 'Designated',
  'not-designated': 'Not designated',
  deferred: 'Deferred',
};

export const APPEAL_OUTCOME_NAMES: Record<AppealOutcome, string> = {
  upheld: 'Upheld: a new decision was made',
  dismissed: 'Dismissed: the decision stands',
};
