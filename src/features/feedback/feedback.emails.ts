import { formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import { agreementReference } from '../agreements/agreements.labels.ts';
import type { QueuedEmail } from '../../platform/outbox/outbox.service.ts';

/** To the supported school, when the support has ended: how was it? Answered from the link, once. */
export function feedbackRequestEmail(
  alliance: Alliance,
  details: {
    to: string;
    agreementId: number;
    schoolName: string;
    leaderName: string;
    link: string;
    expiresOn: CalendarDate;
  },
): QueuedEmail {
  return {
    kind: 'feedback-request',
    to: details.to,
    replyTo: alliance.email,
    subject: `How was the support for ${details.schoolName}? (${agreementReference(details.agreementId)})`,
    body: [
      'Hello,',
      '',
      `The support ${details.leaderName} gave ${details.schoolName} through ${alliance.name} has ended.`,
      'Please tell us how it went: 3 short questions, about 2 minutes. Your answers help us match schools and leaders well.',
      '',
      'Answer without signing in, using this link (it works once):',
      details.link,
      `The link expires on ${formatLongDate(details.expiresOn)}. If you have an account, you can also answer from the agreement’s page after signing in.`,
      '',
      alliance.name,
      alliance.telephone,
      alliance.email,
    ].join('\n'),
  };
}
