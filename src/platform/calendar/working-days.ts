import { addDays, daysBetween, isWeekend, type CalendarDate } from './calendar-date.ts';
import { endOfLondonDay, londonDateTime, parseTimeOfDay } from './london-time.ts';

/**
 * The one place working days are counted: Monday to Friday, less England and Wales bank holidays
 * and the alliance's closure dates. Every deadline in the service is computed here.
 */
export class WorkingCalendar {
  private readonly closed: ReadonlySet<CalendarDate>;
  /** The last bank holiday known: after it, a bank holiday would be counted as a working day. */
  readonly bankHolidaysKnownUntil: CalendarDate | undefined;

  constructor(bankHolidays: Iterable<CalendarDate>, closureDates: Iterable<CalendarDate> = []) {
    const holidays = [...bankHolidays];
    this.closed = new Set([...holidays, ...closureDates]);
    this.bankHolidaysKnownUntil = holidays.reduce<CalendarDate | undefined>(
      (last, date) => (last === undefined || date > last ? date : last),
      undefined,
    );
  }

  /** True when `date` is after the last known bank holiday, so a deadline on it may not allow for one. */
  isBeyondKnownBankHolidays(date: CalendarDate): boolean {
    return this.bankHolidaysKnownUntil === undefined || date > this.bankHolidaysKnownUntil;
  }

  isWorkingDay(date: CalendarDate): boolean {
    return !isWeekend(date) && !this.closed.has(date);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: CalendarDate): CalendarDate {
    let day = addDays(date, 1);
    while (!this.isWorkingDay(day)) day = addDays(day, 1);
    return day;
  }

  /** `date` if it is a working day, else the next one. */
  workingDayOnOrAfter(date: CalendarDate): CalendarDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /** The Nth working day after `date` (N = 0 gives `date` itself). */
  addWorkingDays(date: CalendarDate, workingDays: number): CalendarDate {
    if (!Number.isInteger(workingDays) || workingDays < 0)
      throw new RangeError(`Working days must be a whole number >= 0, not ${workingDays}`);
    let day = date;
    for (let count = 0; count < workingDays; count++) day = this.nextWorkingDay(day);
    return day;
  }

  /**
   * Working days from `from` (exclusive) to `to` (inclusive): how late a deadline of `from` is on
   * `to`. Zero when `to` is not after `from`.
   */
  workingDaysAfter(from: CalendarDate, to: CalendarDate): number {
    if (daysBetween(from, to) <= 0) return 0;
    let count = 0;
    for (let day = addDays(from, 1); daysBetween(day, to) >= 0; day = addDays(day, 1)) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /**
   * When a reply to something received at `receivedAt` is due, "within N working days": day 0 is the
   * day of receipt if that is a working day and receipt was before the cut-off (London time), otherwise
   * the next working day; the deadline is the end of the Nth working day after day 0.
   */
  respondBy(receivedAt: Date, rule: ResponseRule): ResponseDeadline {
    const received = londonDateTime(receivedAt);
    const beforeCutOff = received.minutesAfterMidnight < parseTimeOfDay(rule.cutOffTime);
    const dayZero =
      beforeCutOff && this.isWorkingDay(received.date) ? received.date : this.nextWorkingDay(received.date);
    const date = this.addWorkingDays(dayZero, rule.workingDays);
    return { dayZero, date, endsAt: endOfLondonDay(date) };
  }
}

export type ResponseRule = {
  workingDays: number;
  /** "HH:MM", London time. */
  cutOffTime: string;
};

export type ResponseDeadline = {
  /** The working day the count starts from. */
  dayZero: CalendarDate;
  /** The last day on which a reply is on time. */
  date: CalendarDate;
  /** The instant the deadline passes: midnight at the end of `date`, London time. */
  endsAt: Date;
};
