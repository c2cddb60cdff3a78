import { formatLondonDateTime, londonInstant } from '../../platform/calendar/london-time.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { EnquiryRow } from './enquiries.repository.ts';
import type { FirstContactInput } from './desk.schema.ts';

/**
 * How long after a first contact it may be recorded without saying why: the same hour, for the call
 * written up when it ends. Later than that, a reason is stored and shown with the clock's result.
 */
export const FIRST_CONTACT_GRACE_MS = 60 * 60_000;

/**
 * A first contact recorded more than FIRST_CONTACT_GRACE_MS after it happened needs a reason; one
 * typed for a contact recorded on time is not kept (the record would say "recorded late").
 */
export function checkLateness(
  contactAt: Date,
  lateReason: string | null,
  now: Date,
): { ok: true; lateReason: string | null } | { ok: false; problem: FieldProblem } {
  if (now.getTime() - contactAt.getTime() <= FIRST_CONTACT_GRACE_MS) return { ok: true, lateReason: null };
  if (lateReason) return { ok: true, lateReason };
  return {
    ok: false,
    problem: {
      field: 'lateReason',
      message: `The first contact was more than an hour ago, on ${formatLondonDateTime(contactAt)}: enter why it is recorded only now`,
    },
  };
}

/**
 * When the form says the first contact was, and what is wrong with that time: it must have happened
 * (not in the hour the clocks skip), not be in the future, and not be before the enquiry arrived.
 */
export function whenFirstContactWas(
  enquiry: Pick<EnquiryRow, 'receivedAt'>,
  input: Pick<FirstContactInput, 'date' | 'minutesAfterMidnight'>,
  now: Date,
): { contactAt: Date | undefined; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const contactAt = londonInstant(input.date, input.minutesAfterMidnight);
  if (!contactAt)
    problems.push({
      field: 'contactedTime',
      message: 'That time did not happen in the UK: the clocks went forward an hour at 1am that day',
    });
  else if (contactAt.getTime() > now.getTime())
    problems.push({ field: 'contactedAt', message: 'The first contact must be now or in the past' });
  // The form has no seconds: a contact in the minute the enquiry arrived is after it.
  else if (contactAt.getTime() < Math.floor(enquiry.receivedAt.getTime() / 60_000) * 60_000) {
    problems.push({
      field: 'contactedAt',
      message: `The first contact must be after the enquiry arrived, on ${formatLondonDateTime(enquiry.receivedAt)}`,
    });
  }
  return { contactAt, problems };
}
