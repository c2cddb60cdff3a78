import { formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import type { QueuedEmail } from '../../platform/outbox/outbox.service.ts';
import type { DesignationType } from '../leaders/leaders.model.ts';
import type { RequestKind } from './applications.model.ts';
import { TYPE_NAMES } from './designation.model.ts';

const signature = (alliance: Alliance) => ['', alliance.name, alliance.telephone, alliance.email];

/** To the applicant, when they give their name and email, and whenever they ask for a new link. */
export function resumeLinkEmail(
  alliance: Alliance,
  details: { to: string; name: string; type: DesignationType; link: string; expiresOn: CalendarDate },
): QueuedEmail {
  return {
    kind: 'application-resume',
    to: details.to,
    replyTo: alliance.email,
    subject: `Your application to be a ${TYPE_NAMES[details.type]}: your link to come back to it`,
    body: [
      `Dear ${details.name},`,
      '',
      `Your application to ${alliance.name} is saved as you go. To come back to it on any device, use this link:`,
      details.link,
      `The link works until ${formatLongDate(details.expiresOn)}. Keep it to yourself: anyone with it can change your answers.`,
      'If it has expired, ask for a new one on the application’s first page.',
      ...signature(alliance),
    ].join('\n'),
  };
}

/** To the applicant, when they send: the reference, and what happens next. */
export function applicationSentEmail(
  alliance: Alliance,
  details: { to: string; name: string; type: DesignationType; reference: string },
): QueuedEmail {
  return {
    kind: 'application-sent',
    to: details.to,
    replyTo: alliance.email,
    subject: `Application received: ${details.reference}`,
    body: [
      `Dear ${details.name},`,
      '',
      `Thank you for applying to be a ${TYPE_NAMES[details.type]} with ${alliance.name}.`,
      `Your reference is ${details.reference}.`,
      '',
      'We have asked your referees for their references, and your headteacher and chair of governors to confirm',
      'your school can release you. When they have answered, a panel of headteachers considers your application',
      'against the criteria, and we write to you with its decision.',
      ...signature(alliance),
    ].join('\n'),
  };
}

const ASKED: Record<RequestKind, string> = {
  'line-manager-reference': 'a reference',
  'supported-leader-reference': 'a reference',
  'head-consent': 'your agreement that the school can release them',
  'chair-consent': 'the governing body’s agreement that the school can release them',
};

/** To a referee or a consenter: what is asked, and the single-use link to answer by. */
export function requestEmail(
  alliance: Alliance,
  details: {
    to: string;
    name: string;
    kind: RequestKind;
    applicantName: string;
    type: DesignationType;
    reference: string;
    link: string;
    expiresOn: CalendarDate;
    reminder: boolean;
  },
): QueuedEmail {
  const consent = details.kind === 'head-consent' || details.kind === 'chair-consent';
  return {
    kind: details.reminder ? 'application-request-reminder' : 'application-request',
    to: details.to,
    replyTo: alliance.email,
    subject: `${details.reminder ? 'Reminder: ' : ''}${consent ? 'Release consent' : 'A reference'} for ${details.applicantName} (${details.reference})`,
    body: [
      `Dear ${details.name},`,
      '',
      `${details.applicantName} has applied to ${alliance.name} to be a ${TYPE_NAMES[details.type]}, and named you. We would be grateful for ${ASKED[details.kind]}.`,
      ...(details.reminder
        ? ['We have not yet had your answer; this is a new link (the one we sent before no longer works).']
        : []),
      consent
        ? 'It takes a minute: say whether the school can release them, and for how many days a year.'
        : 'The page shows the criteria; write what you know of their work against them, and whether you support the application.',
      '',
      'Answer using this link (it works once):',
      details.link,
      `The link expires on ${formatLongDate(details.expiresOn)}. If it has expired, contact us and we will send another.`,
      ...signature(alliance),
    ].join('\n'),
  };
}
