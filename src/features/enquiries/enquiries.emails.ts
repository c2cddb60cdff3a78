import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import type { Leader } from '../leaders/leaders.service.ts';
import { describeSchool, type School } from '../schools/schools.service.ts';
import type { QueuedEmail } from '../../platform/outbox/outbox.service.ts';
import { HEARD_FROM, SUPPORT_TYPE_LABELS, TIMESCALES, type EnquirySubmission } from './enquiries.schema.ts';

type EnquiryFacts = {
  reference: string;
  respondBy: string;
  school: School;
  submission: EnquirySubmission;
  specialismNames: string[];
  requestedLeader: Leader | undefined;
};

/** To the person who asked: we have it, here is the reference, and when we will be in touch. */
export function acknowledgementEmail(alliance: Alliance, facts: EnquiryFacts): QueuedEmail {
  const { submission } = facts;
  return {
    kind: 'enquiry-acknowledgement',
    to: submission.contactEmail,
    replyTo: alliance.email,
    subject: `We have your request for support (${facts.reference})`,
    body: [
      `Dear ${submission.contactName},`,
      '',
      `Thank you for asking ${alliance.name} for school-to-school support for ${facts.school.name}.`,
      '',
      `Your reference is ${facts.reference}.`,
      `We will be in touch by the end of ${formatLongDate(facts.respondBy)}.`,
      '',
      'What you asked for:',
      `- ${SUPPORT_TYPE_LABELS[submission.supportType]}`,
      ...(facts.specialismNames.length > 0 ? [`- Specialisms: ${facts.specialismNames.join(', ')}`] : []),
      ...(facts.requestedLeader ? [`- If they can, from ${facts.requestedLeader.name}`] : []),
      `- When: ${TIMESCALES[submission.timescale]}`,
      '',
      `If anything changes, reply to this email or call us on ${alliance.telephone}, quoting your reference.`,
      '',
      alliance.name,
      ...alliance.addressLines,
      alliance.telephone,
      alliance.website,
    ].join('\n'),
  };
}

/** To the alliance's coordinators: a new enquiry, its deadline, and everything needed to reply. */
export function notificationEmail(alliance: Alliance, facts: EnquiryFacts): QueuedEmail {
  const { submission } = facts;
  return {
    kind: 'enquiry-notification',
    to: alliance.email,
    replyTo: submission.contactEmail,
    subject: `New request for support from ${facts.school.name} (${facts.reference}): reply by ${formatLongDate(facts.respondBy)}`,
    body: [
      `A school has asked for support. Reply by the end of ${formatLongDate(facts.respondBy)}.`,
      '',
      `Reference: ${facts.reference}`,
      `School: ${describeSchool(facts.school)}`,
      `Phase: ${facts.school.phase ?? 'not recorded'}; local authority: ${facts.school.localAuthorityName ?? 'not recorded'}`,
      `Contact: ${submission.contactName}, ${submission.contactRole}`,
      `Email: ${submission.contactEmail}`,
      `Telephone: ${submission.contactPhone}`,
      `Support: ${SUPPORT_TYPE_LABELS[submission.supportType]}`,
      `Specialisms: ${facts.specialismNames.length > 0 ? facts.specialismNames.join(', ') : 'none chosen'}`,
      ...(facts.requestedLeader
        ? [`Leader asked for: ${facts.requestedLeader.name}, ${facts.requestedLeader.homeSchool.name}`]
        : []),
      `When: ${TIMESCALES[submission.timescale]}`,
      `Heard about us from: ${submission.heardFrom ? HEARD_FROM[submission.heardFrom] : 'not said'}`,
      '',
      'What the school needs, in its own words:',
      submission.need,
    ].join('\n'),
  };
}
