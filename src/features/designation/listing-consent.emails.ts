import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { QueuedEmail } from '../../platform/outbox/outbox.service.ts';

/**
 * To a newly designated leader: congratulations, and may the alliance list them in its public
 * directory? Answered from the link, which works once; until they say yes they are not listed.
 */
export function listingConsentEmail(
  alliance: Alliance,
  details: {
    leader: { name: string; email: string };
    designation: string;
    link: string;
    expiresOn: string;
    /** Asked again by a coordinator, rather than on designation. */
    again?: boolean;
  },
): QueuedEmail {
  return {
    kind: 'listing-consent',
    to: details.leader.email,
    replyTo: alliance.email,
    subject: details.again
      ? 'May we list you in our directory of system leaders?'
      : `You are designated as a ${details.designation}: may we list you in our directory?`,
    body: [
      `Dear ${details.leader.name},`,
      '',
      details.again
        ? `You are designated by ${alliance.name} as a ${details.designation}, and not listed in our public directory.`
        : `Congratulations: ${alliance.name} has designated you as a ${details.designation}.`,
      '',
      'Schools find system leaders in our public directory of system leaders. It shows your name, your school, your specialisms and the phases you support, never your email address or telephone number.',
      '',
      'Please tell us whether you agree to be listed. You will not be listed unless you say yes. Use this link (it works once):',
      details.link,
      `The link expires on ${formatLongDate(details.expiresOn)}. If you have an account, you can change your answer at any time from your profile.`,
      '',
      alliance.name,
      alliance.telephone,
    ].join('\n'),
  };
}
