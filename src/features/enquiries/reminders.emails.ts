import { formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import type { QueuedEmail } from '../../platform/outbox/outbox.service.ts';
import { describeClock, type ClockState } from './enquiry-clock.ts';

export type ReminderItem = {
  reference: string;
  schoolName: string;
  schoolTown: string | null;
  respondBy: CalendarDate;
  clock: ClockState;
};

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The morning's list for one coordinator: theirs, and those no one has taken, each with its link. */
export function reminderEmail(
  alliance: Alliance,
  facts: {
    date: CalendarDate;
    baseUrl: string;
    coordinator: { id: number; name: string; email: string };
    mine: ReminderItem[];
    unassigned: ReminderItem[];
  },
): QueuedEmail {
  const all = [...facts.mine, ...facts.unassigned];
  const overdue = all.filter((item) => item.clock.state === 'overdue').length;
  const dueToday = all.length - overdue;
  const counts = [overdue > 0 && `${overdue} overdue`, dueToday > 0 && `${dueToday} due today`]
    .filter(Boolean)
    .join(', ');
  const lines = (items: ReminderItem[]) =>
    items.flatMap((item) => [
      `- ${item.reference}, ${item.schoolName}${item.schoolTown ? `, ${item.schoolTown}` : ''}: ${describeClock(item.clock, item.respondBy).text.toLowerCase()} (reply due by the end of ${formatLongDate(item.respondBy)})`,
      `  ${facts.baseUrl}/staff/enquiries/${item.reference}`,
    ]);
  return {
    kind: 'enquiry-reminder',
    to: facts.coordinator.email,
    subject: `Enquiries to answer: ${counts} (${formatLongDate(facts.date)})`,
    // One per coordinator per day, however many instances of the app run the job or however often.
    dedupeKey: `enquiry-reminder:${alliance.id}:${facts.coordinator.id}:${facts.date}`,
    body: [
      `Dear ${facts.coordinator.name},`,
      '',
      `${plural(all.length, 'enquiry', 'enquiries')} from schools ${all.length === 1 ? 'is' : 'are'} waiting for a first contact and ${all.length === 1 ? 'is' : 'are'} due today or overdue. The response target is ${plural(alliance.responseWorkingDays, 'working day')}.`,
      ...(facts.mine.length > 0 ? ['', 'Assigned to you:', ...lines(facts.mine)] : []),
      ...(facts.unassigned.length > 0 ? ['', 'Not assigned to anyone yet:', ...lines(facts.unassigned)] : []),
      '',
      `The enquiry queue: ${facts.baseUrl}/staff/enquiries`,
      '',
      'You get this email on working days when an enquiry assigned to you, or to no one, is due or overdue.',
      alliance.name,
    ].join('\n'),
  };
}
