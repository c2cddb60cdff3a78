import { addDays, formatLongDate, type CalendarDate } from '../../platform/calendar/calendar-date.ts';

/** The last day an appeal can be lodged: `appealDays` calendar days after the decision, that day included. */
export function lastDayToAppeal(decidedOn: CalendarDate, appealDays: number): CalendarDate {
  return addDays(decidedOn, appealDays);
}

export type AppealTiming = { ok: true } | { ok: false; reason: string };

/**
 * Whether an appeal lodged on a day is in time. An appeal lodged on the decision's own day counts (the
 * applicant may have been told at the panel); one dated before the decision, or after today, is a
 * mistake in the date rather than an appeal out of time, and is refused as one.
 */
export function appealTiming(
  decision: { decidedOn: CalendarDate },
  lodgedOn: CalendarDate,
  appealDays: number,
  today: CalendarDate,
): AppealTiming {
  if (lodgedOn > today) return { ok: false, reason: 'The date the appeal was lodged must be today or in the past' };
  if (lodgedOn < decision.decidedOn)
    return {
      ok: false,
      reason: `The date the appeal was lodged must be on or after the decision (${formatLongDate(decision.decidedOn)})`,
    };
  const lastDay = lastDayToAppeal(decision.decidedOn, appealDays);
  if (lodgedOn > lastDay)
    return {
      ok: false,
      reason: `The appeal is out of time: appeals must be lodged within ${appealDays} days of the decision, by ${formatLongDate(lastDay)}`,
    };
  return { ok: true };
}
