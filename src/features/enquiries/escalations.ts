import type { Executor } from '../../db/database.ts';
import { formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import type { QueuedEmail } from '../../platform/outbox/outbox.service.ts';
import { listOverdueNotEscalated, markEscalated } from './desk.repository.ts';

type Escalated = {
  reference: string;
  schoolName: string;
  schoolTown: string | null;
  respondBy: string;
  overdue: number;
};

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * Tells the alliance lead (every active administrator) about enquiries still without a first contact
 * `escalateAfterWorkingDays` working days after their reply was due: reminders go to coordinators,
 * and a target breached that long needs someone who can move people. Each enquiry is escalated once
 * (its `escalatedAt` is set in the same transaction as the emails are queued), never again.
 */
export async function queueEscalations(
  tx: Executor,
  facts: {
    alliance: Alliance;
    calendar: WorkingCalendar;
    date: CalendarDate;
    now: Date;
    baseUrl: string;
    administrators: ReadonlyArray<{ id: number; name: string; email: string }>;
    queue: (tx: Executor, email: QueuedEmail) => Promise<unknown>;
  },
): Promise<number> {
  const { alliance, calendar, date } = facts;
  const due: Array<Escalated & { id: number }> = (await listOverdueNotEscalated(tx, alliance.id, date))
    .map((row) => ({ ...row, overdue: calendar.workingDaysAfter(row.respondBy, date) }))
    .filter((row) => row.overdue >= alliance.escalateAfterWorkingDays);
  if (due.length === 0 || facts.administrators.length === 0) return 0;
  for (const administrator of facts.administrators)
    await facts.queue(tx, escalationEmail(alliance, { ...facts, administrator, due }));
  await markEscalated(
    tx,
    due.map((item) => item.id),
    facts.now,
  );
  return due.length;
}

function escalationEmail(
  alliance: Alliance,
  facts: {
    date: CalendarDate;
    baseUrl: string;
    administrator: { id: number; name: string; email: string };
    due: Escalated[];
  },
): QueuedEmail {
  const { due } = facts;
  return {
    kind: 'enquiry-escalation',
    to: facts.administrator.email,
    subject: `Response target breached: ${plural(due.length, 'enquiry', 'enquiries')} overdue by ${plural(alliance.escalateAfterWorkingDays, 'working day')} or more`,
    dedupeKey: `enquiry-escalation:${alliance.id}:${facts.administrator.id}:${facts.date}`,
    body: [
      `Dear ${facts.administrator.name},`,
      '',
      `${due.length === 1 ? 'This enquiry has' : 'These enquiries have'} had no first contact ${alliance.escalateAfterWorkingDays === 1 ? 'a working day' : `${alliance.escalateAfterWorkingDays} working days`} or more after the reply was due. The coordinators have had their reminders; you are told once about each.`,
      '',
      ...due.flatMap((item) => [
        `- ${item.reference}, ${item.schoolName}${item.schoolTown ? `, ${item.schoolTown}` : ''}: overdue by ${plural(item.overdue, 'working day')} (reply was due by the end of ${formatLongDate(item.respondBy)})`,
        `  ${facts.baseUrl}/staff/enquiries/${item.reference}`,
      ]),
      '',
      `When to be told is a setting: ${facts.baseUrl}/staff/settings`,
      alliance.name,
    ].join('\n'),
  };
}
