import { formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import { isOpen, type EnquiryStatus } from './enquiry-status.ts';

/**
 * Where an enquiry stands against the response target. The clock runs while the enquiry is open with
 * no first contact yet; recording the first contact stops it, met or missed. An enquiry closed before
 * anyone reached the school has no clock.
 */
export type ClockState =
  | { state: 'due-later'; workingDaysLeft: number }
  | { state: 'due-today' }
  | { state: 'overdue'; workingDaysOverdue: number }
  | { state: 'met'; firstContactAt: Date; lateReason: string | null }
  | { state: 'missed'; firstContactAt: Date; lateReason: string | null }
  | { state: 'stopped' };

export type ClockFacts = {
  status: EnquiryStatus;
  respondBy: CalendarDate;
  firstContactAt: Date | null;
  respondedOnTime: boolean | null;
  /** Why the first contact was recorded over an hour after it happened; shown with the result. */
  firstContactLateReason?: string | null;
};

export function clockState(enquiry: ClockFacts, today: CalendarDate, calendar: WorkingCalendar): ClockState {
  if (enquiry.firstContactAt)
    return {
      state: enquiry.respondedOnTime ? 'met' : 'missed',
      firstContactAt: enquiry.firstContactAt,
      lateReason: enquiry.firstContactLateReason ?? null,
    };
  // Closed before anyone reached the school. Reopened (withdrawn, then back), it runs again from the
  // original receipt: reopening does not buy a new deadline.
  if (!isOpen(enquiry.status)) return { state: 'stopped' };
  if (enquiry.respondBy === today) return { state: 'due-today' };
  // Dates as ISO strings compare in calendar order.
  if (enquiry.respondBy > today)
    return { state: 'due-later', workingDaysLeft: calendar.workingDaysAfter(today, enquiry.respondBy) };
  return { state: 'overdue', workingDaysOverdue: calendar.workingDaysAfter(enquiry.respondBy, today) };
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The clock as a page shows it: a tag (text and GOV.UK colour) and a sentence with the dates. */
export function describeClock(
  clock: ClockState,
  respondBy: CalendarDate,
): { text: string; tagClass: string; detail: string } {
  const due = formatLongDate(respondBy);
  switch (clock.state) {
    case 'due-later':
      return {
        text: `Due in ${plural(clock.workingDaysLeft, 'working day')}`,
        tagClass: 'govuk-tag--grey',
        detail: `Reply by the end of ${due}`,
      };
    case 'due-today':
      return { text: 'Due today', tagClass: 'govuk-tag--yellow', detail: `Reply by the end of today, ${due}` };
    case 'overdue':
      return {
        // On a weekend or closure day straight after the deadline no working day has yet been missed.
        text:
          clock.workingDaysOverdue > 0 ? `Overdue by ${plural(clock.workingDaysOverdue, 'working day')}` : 'Overdue',
        tagClass: 'govuk-tag--red',
        detail: `The reply was due by the end of ${due}`,
      };
    case 'met':
    case 'missed': {
      const late = clock.lateReason ? ` (recorded late: ${clock.lateReason})` : '';
      return {
        text: `${clock.state === 'met' ? 'Target met' : 'Target missed'}${clock.lateReason ? ', recorded late' : ''}`,
        tagClass: clock.state === 'met' ? 'govuk-tag--green' : 'govuk-tag--pink',
        detail: `First contact ${formatLondonDateTime(clock.firstContactAt)}${late}, due by the end of ${due}`,
      };
    }
    case 'stopped':
      return {
        text: 'No first contact',
        tagClass: 'govuk-tag--grey',
        detail: `The enquiry was closed before a first contact was recorded; the reply was due by the end of ${due}`,
      };
  }
}
