import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import { TIMESCALES } from '../enquiries/enquiries.schema.ts';
import type { QueuedEmail } from '../../platform/outbox/outbox.service.ts';

type Enquiry = {
  reference: string;
  need: string;
  timescale: string;
  contactName: string;
  contactEmail: string;
  school: { name: string; town: string | null };
};

/** To a leader: would they support this school? Answered from the link, which works once. */
export function proposalEmail(
  alliance: Alliance,
  details: {
    leader: { name: string; email: string };
    enquiry: Enquiry;
    specialisms: string[];
    link: string;
    expiresOn: string;
    message: string | null;
  },
): QueuedEmail {
  const { enquiry } = details;
  return {
    kind: 'proposal',
    to: details.leader.email,
    replyTo: alliance.email,
    subject: `Could you support ${enquiry.school.name}? (${enquiry.reference})`,
    body: [
      `Dear ${details.leader.name},`,
      '',
      `${alliance.name} would like to put you forward to support ${enquiry.school.name}${enquiry.school.town ? `, ${enquiry.school.town}` : ''}.`,
      ...(details.message ? ['', details.message] : []),
      '',
      ...(details.specialisms.length > 0 ? [`Specialisms: ${details.specialisms.join(', ')}`] : []),
      `When: ${TIMESCALES[enquiry.timescale as keyof typeof TIMESCALES] ?? enquiry.timescale}`,
      '',
      'What the school says it needs:',
      enquiry.need,
      '',
      'Please tell us whether you can help. You can answer without signing in, using this link (it works once):',
      details.link,
      `The link expires on ${formatLongDate(details.expiresOn)}. You can also sign in and answer from "Proposals for you".`,
      '',
      alliance.name,
      alliance.telephone,
    ].join('\n'),
  };
}

/** To the school: who the alliance has asked. */
export function proposedToSchoolEmail(
  alliance: Alliance,
  details: { enquiry: Enquiry; leaders: Array<{ name: string; description: string }> },
): QueuedEmail {
  const { enquiry } = details;
  return {
    kind: 'proposal-school',
    to: enquiry.contactEmail,
    replyTo: alliance.email,
    subject: `We have asked leaders to support ${enquiry.school.name} (${enquiry.reference})`,
    body: [
      `Dear ${enquiry.contactName},`,
      '',
      `We have asked ${details.leaders.length === 1 ? 'this leader' : 'these leaders'} whether they can support ${enquiry.school.name}:`,
      ...details.leaders.map((leader) => `- ${leader.name}, ${leader.description}`),
      '',
      'We will be in touch when they reply, to agree the support with you.',
      '',
      alliance.name,
      alliance.telephone,
    ].join('\n'),
  };
}

/** To the alliance: a leader's answer. */
export function answerEmail(
  alliance: Alliance,
  details: {
    leaderName: string;
    accepted: boolean;
    note: string | null;
    enquiry: { reference: string; school: { name: string } };
  },
): QueuedEmail {
  const answer = details.accepted ? 'accepted' : 'declined';
  return {
    kind: 'proposal-answer',
    to: alliance.email,
    subject: `${details.leaderName} has ${answer} the proposal for ${details.enquiry.school.name} (${details.enquiry.reference})`,
    body: [
      `${details.leaderName} has ${answer} the proposal to support ${details.enquiry.school.name}.`,
      ...(details.note ? ['', `Their note: ${details.note}`] : []),
    ].join('\n'),
  };
}

/** To a leader whose proposal was still standing when the school agreed support with someone else. */
export function proposalNoLongerNeededEmail(
  alliance: Alliance,
  details: { leader: { name: string; email: string }; enquiry: { reference: string; school: { name: string } } },
): QueuedEmail {
  return {
    kind: 'proposal-closed',
    to: details.leader.email,
    replyTo: alliance.email,
    subject: `Support for ${details.enquiry.school.name} is no longer needed (${details.enquiry.reference})`,
    body: [
      `Dear ${details.leader.name},`,
      '',
      `Thank you for considering supporting ${details.enquiry.school.name}. The school has agreed support with another leader, so the proposal we sent you is closed and its link no longer works. There is nothing you need to do.`,
      '',
      alliance.name,
      alliance.telephone,
    ].join('\n'),
  };
}
