import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { QueuedEmail } from '../../platform/outbox/outbox.service.ts';
import type { AppealOutcome, DecisionOutcome } from './applications.model.ts';
import { TYPE_NAMES } from './designation.model.ts';
import type { DesignationType } from '../leaders/leaders.model.ts';

type Applicant = {
  reference: string | null;
  applicantName: string;
  applicantEmail: string;
  designationType: DesignationType;
};

const OUTCOME_SENTENCES: Record<DecisionOutcome, (type: string) => string> = {
  designated: (type) => `We are delighted to tell you that the panel has designated you as a ${type}.`,
  'not-designated': (type) => `We are sorry to tell you that the panel has not designated you as a ${type}.`,
  deferred: () =>
    'The panel has deferred its decision on your application: it will be considered again at a later panel.',
};

const NEXT_STEPS: Record<DecisionOutcome, string[]> = {
  designated: [
    'Your designation is followed by core training: we will write to you about it, and ask whether you agree to be listed in our public directory of system leaders.',
  ],
  'not-designated': [],
  deferred: ['You do not need to do anything now: we will tell you when the next panel meets.'],
};

function signOff(alliance: Alliance): string[] {
  return ['', alliance.name, ...(alliance.telephone ? [alliance.telephone] : [])];
}

/** To the applicant: the panel's decision, with its feedback, and for a refusal how long they have to appeal. */
export function decisionEmail(
  alliance: Alliance,
  details: { application: Applicant; outcome: DecisionOutcome; feedback: string; decidedOn: string; appealBy?: string },
): QueuedEmail {
  const { application } = details;
  const type = TYPE_NAMES[application.designationType];
  return {
    kind: 'designation-decision',
    to: application.applicantEmail,
    replyTo: alliance.email,
    subject: `The panel’s decision on your application (${application.reference ?? ''})`,
    body: [
      `Dear ${application.applicantName},`,
      '',
      `A panel of ${alliance.name} considered your application on ${formatLongDate(details.decidedOn)}.`,
      '',
      OUTCOME_SENTENCES[details.outcome](type),
      ...(details.feedback ? ['', 'The panel’s feedback:', details.feedback] : []),
      ...(NEXT_STEPS[details.outcome].length > 0 ? ['', ...NEXT_STEPS[details.outcome]] : []),
      ...(details.appealBy
        ? [
            '',
            `If you believe the decision is wrong, you may appeal by ${formatLongDate(details.appealBy)}. Reply to this email with your grounds: a different panel will hear your appeal.`,
          ]
        : []),
      ...signOff(alliance),
    ].join('\n'),
  };
}

/** To the applicant: what the panel hearing their appeal decided. */
export function appealOutcomeEmail(
  alliance: Alliance,
  details: {
    application: Applicant;
    outcome: AppealOutcome;
    notes: string;
    decidedOn: string;
    newDecision?: { outcome: DecisionOutcome; feedback: string };
  },
): QueuedEmail {
  const { application } = details;
  const type = TYPE_NAMES[application.designationType];
  return {
    kind: 'designation-appeal-outcome',
    to: application.applicantEmail,
    replyTo: alliance.email,
    subject: `The outcome of your appeal (${application.reference ?? ''})`,
    body: [
      `Dear ${application.applicantName},`,
      '',
      `A different panel of ${alliance.name} heard your appeal on ${formatLongDate(details.decidedOn)}.`,
      '',
      details.outcome === 'upheld'
        ? 'The panel upheld your appeal, and made a new decision.'
        : 'The panel dismissed your appeal: the original decision stands.',
      ...(details.notes ? ['', 'The panel’s reasons:', details.notes] : []),
      ...(details.newDecision
        ? [
            '',
            OUTCOME_SENTENCES[details.newDecision.outcome](type),
            ...(details.newDecision.feedback ? ['', details.newDecision.feedback] : []),
          ]
        : []),
      ...signOff(alliance),
    ].join('\n'),
  };
}
