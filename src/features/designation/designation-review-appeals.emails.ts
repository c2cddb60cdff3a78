import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import { formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { QueuedEmail } from '../../platform/outbox/outbox.service.ts';

export type ReviewAppealStep =
  | { step: 'lodged'; lodgedOn: CalendarDate }
  | { step: 'panel'; meetsOn: CalendarDate }
  | { step: 'upheld'; reviewDate: CalendarDate; notes: string }
  | { step: 'dismissed'; notes: string };

/** To the leader: each step of their appeal against being de-designated, as it is recorded. */
export function reviewAppealEmail(
  alliance: Alliance,
  details: { to: string; leaderName: string; abbreviation: string } & ReviewAppealStep,
): QueuedEmail {
  const what = `your appeal against the outcome of the review of your ${details.abbreviation} designation`;
  const lines: Record<ReviewAppealStep['step'], () => { subject: string; body: string[] }> = {
    lodged: () => ({
      subject: `We have your appeal (${details.abbreviation})`,
      body: [
        `We have recorded ${what}, lodged on ${formatLongDate((details as { lodgedOn: CalendarDate }).lodgedOn)}.`,
        'A panel that did not take part in the review will hear it, and we will tell you its outcome.',
      ],
    }),
    panel: () => ({
      subject: `Your appeal will be heard (${details.abbreviation})`,
      body: [
        `A panel will hear ${what} at its meeting on ${formatLongDate((details as { meetsOn: CalendarDate }).meetsOn)}.`,
      ],
    }),
    upheld: () => ({
      subject: `Your appeal was upheld (${details.abbreviation})`,
      body: [
        `The panel upheld ${what}. Your designation is restored, and its next review is due on ${formatLongDate((details as { reviewDate: CalendarDate }).reviewDate)}.`,
        ...notes(details),
      ],
    }),
    dismissed: () => ({
      subject: `Your appeal was dismissed (${details.abbreviation})`,
      body: [`The panel dismissed ${what}. The review's outcome stands.`, ...notes(details)],
    }),
  };
  const { subject, body } = lines[details.step]();
  return {
    kind: `designation-review-appeal-${details.step}`,
    to: details.to,
    replyTo: alliance.email,
    subject,
    body: [`Dear ${details.leaderName},`, '', ...body, '', alliance.name, alliance.telephone, alliance.email].join(
      '\n',
    ),
  };
}

const notes = (details: object) =>
  'notes' in details && typeof details.notes === 'string' && details.notes
    ? ['', 'The panel’s notes:', details.notes]
    : [];
