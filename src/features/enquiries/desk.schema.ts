import { z } from 'zod';
import { parseId } from '../../platform/ids.ts';
import { datePartsFrom, parseTimeInput, readRequiredDate, type DateParts } from '../../platform/date-input.ts';
import { asArray, field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import {
  FIRST_CONTACT_METHODS,
  PRIORITY_REASONS,
  SUPPORT_TYPES,
  type FirstContactMethod,
  type PriorityReason,
} from './enquiries.model.ts';
import { ENQUIRY_STATUSES, REASON_MAX_LENGTH, type EnquiryStatus } from './enquiry-status.ts';

export const QUEUE_PAGE_SIZE = 25;

/** The response clock as a filter: awaiting a first contact (by when), or answered (target met or not). */
export const RESPONSE_FILTERS = ['overdue', 'due-today', 'due-later', 'met', 'missed'] as const;
export type ResponseFilter = (typeof RESPONSE_FILTERS)[number];

export const RESPONSE_FILTER_LABELS: Record<ResponseFilter, string> = {
  overdue: 'Overdue',
  'due-today': 'Due today',
  'due-later': 'Due later',
  met: 'Answered: target met',
  missed: 'Answered: target missed',
};

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === undefined ? undefined : value), schema.optional());
const id = (message: string) =>
  z.coerce
    .number({ error: message })
    .int(message)
    .positive(message)
    .max(2 ** 31 - 1, message);

/**
 * The queue's filters, sort and page, as its URL carries them (a GET form: shareable, bookmarkable,
 * and the back button works). "Any" is an empty value, so an unchanged form adds nothing to the URL.
 */
export const queueQuerySchema = z.object({
  status: optional(z.enum(['open', 'all', ...ENQUIRY_STATUSES], { error: 'Choose a status from the list' })).transform(
    (value) => value ?? 'open',
  ),
  kind: optional(z.enum(SUPPORT_TYPES, { error: 'Choose a kind of support from the list' })),
  specialism: optional(id('Choose a specialism from the list')),
  coordinator: optional(
    z.union([z.enum(['mine', 'unassigned']), id('Choose a coordinator from the list')], {
      error: 'Choose a coordinator from the list',
    }),
  ),
  response: optional(z.enum(RESPONSE_FILTERS, { error: 'Choose a response from the list' })),
  sort: optional(z.enum(['due', 'received'], { error: 'Sort by due date or by date received' })).transform(
    (value) => value ?? 'due',
  ),
  page: optional(
    z.coerce
      .number({ error: 'Page must be a whole number' })
      .int('Page must be a whole number')
      .min(1, 'Page must be 1 or more')
      .max(100_000, 'Page must be 100000 or less'),
  ).transform((value) => value ?? 1),
});

export type QueueQuery = z.output<typeof queueQuerySchema>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; problems: FieldProblem[] };

export function parseQueueQuery(query: unknown): Parsed<QueueQuery> {
  const parsed = queueQuerySchema.safeParse(query ?? {});
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, problems: problemsFromZod(parsed.error) };
}

/** The first-contact form as typed; correcting one already recorded, it asks why too. */
export type FirstContactFormValues = {
  contactedAt: DateParts;
  contactedTime: string;
  method: string;
  contactedBy: string;
  notes: string;
  correcting: boolean;
  reason: string;
  lateReason: string;
};

export function firstContactFormValues(body: Record<string, unknown>): FirstContactFormValues {
  return {
    contactedAt: datePartsFrom(body, 'contactedAt'),
    contactedTime: field(body, 'contactedTime'),
    method: field(body, 'method'),
    contactedBy: field(body, 'contactedBy'),
    notes: field(body, 'notes'),
    correcting: field(body, 'correcting') === 'yes',
    reason: field(body, 'reason'),
    lateReason: field(body, 'lateReason'),
  };
}

export const NOTES_MAX_LENGTH = 5000;

/** The first contact as the form gives it: a London date and time, checked against the clock by the service. */
export type FirstContactInput = {
  date: string;
  minutesAfterMidnight: number;
  method: FirstContactMethod;
  byUserId: number;
  notes: string | null;
  /** Required by the service when the contact was over an hour before it is recorded. */
  lateReason: string | null;
};

export function parseFirstContact(values: FirstContactFormValues): Parsed<FirstContactInput> {
  const problems: FieldProblem[] = [];
  const date = readRequiredDate(values.contactedAt, 'the date of the first contact');
  if (!date.ok) problems.push({ field: 'contactedAt', message: date.message });
  const minutes = parseTimeInput(values.contactedTime);
  if (values.contactedTime === '')
    problems.push({ field: 'contactedTime', message: 'Enter the time of the first contact' });
  else if (minutes === undefined)
    problems.push({ field: 'contactedTime', message: 'Enter the time as hours and minutes, like 14:30 or 2:30pm' });
  const method = FIRST_CONTACT_METHODS.find((value) => value === values.method);
  if (!method) problems.push({ field: 'method', message: 'Select how the school was contacted' });
  const byUserId = parseId(values.contactedBy);
  if (byUserId === undefined) problems.push({ field: 'contactedBy', message: 'Select who made the first contact' });
  if (values.notes.length > NOTES_MAX_LENGTH)
    problems.push({
      field: 'notes',
      message: `Notes must be ${NOTES_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
    });
  for (const name of ['reason', 'lateReason'] as const)
    if (values[name].length > REASON_MAX_LENGTH)
      problems.push({
        field: name,
        message: `The reason must be ${REASON_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
      });
  if (problems.length > 0 || !date.ok || minutes === undefined || !method || byUserId === undefined)
    return { ok: false, problems };
  return {
    ok: true,
    data: {
      date: date.date,
      minutesAfterMidnight: minutes,
      method,
      byUserId,
      notes: values.notes || null,
      lateReason: values.lateReason.trim() || null,
    },
  };
}

export type StatusFormValues = { to: string; note: string };

export function statusFormValues(body: Record<string, unknown>): StatusFormValues {
  return { to: field(body, 'to'), note: field(body, 'note') };
}

export function parseStatusChange(values: StatusFormValues): Parsed<{ to: EnquiryStatus; note: string | null }> {
  const problems: FieldProblem[] = [];
  const to = ENQUIRY_STATUSES.find((status) => status === values.to);
  if (!to) problems.push({ field: 'to', message: 'Select what happens to the enquiry next' });
  if (values.note.length > REASON_MAX_LENGTH)
    problems.push({
      field: 'note',
      message: `The reason must be ${REASON_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
    });
  if (problems.length > 0 || !to) return { ok: false, problems };
  return { ok: true, data: { to, note: values.note || null } };
}

/** `none` takes the enquiry from whoever has it. */
export function parseCoordinatorChoice(value: string): Parsed<{ coordinatorUserId: number | null }> {
  if (value === 'none') return { ok: true, data: { coordinatorUserId: null } };
  const coordinatorUserId = parseId(value);
  if (coordinatorUserId !== undefined) return { ok: true, data: { coordinatorUserId } };
  return { ok: false, problems: [{ field: 'coordinator', message: 'Select a coordinator, or no one' }] };
}

export function priorityFormValues(body: Record<string, unknown>): string[] {
  return asArray(body.priorityReasons);
}

export function parsePriorityReasons(values: string[]): Parsed<{ reasons: PriorityReason[] }> {
  const reasons = PRIORITY_REASONS.filter((reason) => values.includes(reason));
  if (reasons.length !== new Set(values).size)
    return { ok: false, problems: [{ field: 'priorityReasons', message: 'Select priority reasons from the list' }] };
  return { ok: true, data: { reasons } };
}

export function parseNote(value: string): Parsed<{ body: string }> {
  if (value === '') return { ok: false, problems: [{ field: 'note', message: 'Enter the note' }] };
  if (value.length > NOTES_MAX_LENGTH)
    return {
      ok: false,
      problems: [
        { field: 'note', message: `The note must be ${NOTES_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer` },
      ],
    };
  return { ok: true, data: { body: value } };
}
