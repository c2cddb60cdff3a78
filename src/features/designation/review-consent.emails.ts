import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import { formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { QueuedEmail } from '../../platform/outbox/outbox.service.ts';
import { DESIGNATION_ABBREVIATIONS } from '../leaders/leaders.schema.ts';
import type { DesignationType } from '../leaders/leaders.model.ts';
import type { ConsentRole } from './designation-reviews.model.ts';

export const ROLE_NAMES: Record<ConsentRole, string> = { head: 'headteacher', chair: 'chair of governors' };

/**
 * To the head or the chair of governors of the leader's school: can the school go on releasing them
 * (or, after a move, release them from their new school), and for how many days a year?
 */
export function reviewConsentEmail(
  alliance: Alliance,
  details: {
    to: string;
    name: string;
    role: ConsentRole;
    leaderName: string;
    schoolName: string;
    designationType: DesignationType;
    movedSchool: boolean;
    link: string;
    expiresOn: CalendarDate;
    /** A reminder of a request not yet answered: its link replaces the first one. */
    reminder?: boolean;
  },
): QueuedEmail {
  const designation = DESIGNATION_ABBREVIATIONS[details.designationType];
  const why = details.movedSchool
    ? `${details.leaderName} has moved to ${details.schoolName} and holds an ${designation} designation with ${alliance.name}. As ${ROLE_NAMES[details.role]}, please tell us whether ${details.schoolName} agrees to release them to support other schools, and for how many days a year.`
    : `${details.leaderName}'s ${designation} designation with ${alliance.name} is being reviewed. As ${ROLE_NAMES[details.role]} of ${details.schoolName}, please tell us whether the school can go on releasing them to support other schools, and for how many days a year.`;
  return {
    kind: 'designation-review-consent',
    to: details.to,
    replyTo: alliance.email,
    subject: `${details.reminder ? 'Reminder: ' : ''}Release consent for ${details.leaderName} (${designation}): ${details.schoolName}`,
    body: [
      `Dear ${details.name},`,
      '',
      why,
      '',
      details.reminder
        ? 'We have not had your answer yet. Answer without signing in, using this link (it works once and replaces the one we sent before):'
        : 'Answer without signing in, using this link (it works once):',
      details.link,
      `The link expires on ${formatLongDate(details.expiresOn)}. If it has expired, ask us for a new one.`,
      '',
      alliance.name,
      alliance.telephone,
      alliance.email,
    ].join('\n'),
  };
}
