import { z } from 'zod';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import {
  datePartsFrom,
  datePartsOf,
  parseTimeInput,
  readRequiredDate,
  type DateParts,
} from '../../platform/date-input.ts';
import { asArray, field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import { parseDaysToHalfDays } from '../../platform/units.ts';
import type { Parsed } from '../agreements/agreement-terms.schema.ts';
import { halfDaysForMinutes, MAX_HOURS, parseHoursToMinutes } from './delivery-time.ts';
import { NOTE_SHARING, type NoteSharing } from '../agreements/agreements.model.ts';
import { ACTIVITIES, VISIT_LENGTHS, type Activity, type VisitLength } from './visits.model.ts';

/** Who attends a visit or delivered a session: "leader", or "pairing-<id>" for one of a placement's pairings. */
export const LEADER = 'leader';
const attendeeSchema = z.string().regex(/^(leader|pairing-\d{1,9})$/, 'Select who');
const pairingIdOf = (attendee: string) => (attendee === LEADER ? null : Number(attendee.slice('pairing-'.length)));
export const attendeeOf = (pairingId: number | null) => (pairingId === null ? LEADER : `pairing-${pairingId}`);

function zodProblems<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, data: result.data } : { ok: false, problems: problemsFromZod(result.error) };
}

export type PlannedVisitFormValues = {
  date: DateParts;
  startTime: string;
  length: string;
  place: string;
  attendee: string;
};

export type PlannedVisitInput = {
  date: CalendarDate;
  startMinutes: number | null;
  length: VisitLength;
  place: string;
  pairingId: number | null;
};

export function plannedVisitFormValues(body: Record<string, unknown>): PlannedVisitFormValues {
  return {
    date: datePartsFrom(body, 'date'),
    startTime: field(body, 'startTime').slice(0, 20),
    length: field(body, 'length'),
    place: field(body, 'place'),
    attendee: field(body, 'attendee'),
  };
}

const plannedVisitSchema = z.object({
  startTime: z.string().transform((typed, context) => {
    if (typed === '') return null;
    const minutes = parseTimeInput(typed);
    // Visits happen in the school day or a twilight session after it; this also keeps out the
    // hour the clocks skip in March (1am to 2am).
    if (minutes === undefined || minutes < 7 * 60 || minutes > 21 * 60) {
      context.addIssue({
        code: 'custom',
        message: 'Enter a start time between 7am and 9pm, like 9:30am or 18:30, or leave it empty',
      });
      return z.NEVER;
    }
    return minutes;
  }),
  length: z.enum(VISIT_LENGTHS, { error: 'Select how long the visit is' }),
  place: z
    .string()
    .trim()
    .min(1, 'Enter where the visit takes place')
    .max(300, 'The place must be 300 characters or fewer'),
  attendee: attendeeSchema.transform(pairingIdOf),
});

/** The planned-visit form: `date-day`.., start time (optional), length, place, who attends. */
export function parsePlannedVisit(values: PlannedVisitFormValues): Parsed<PlannedVisitInput> {
  const problems: FieldProblem[] = [];
  const date = readRequiredDate(values.date, 'the date of the visit');
  if (!date.ok) problems.push({ field: 'date', message: date.message });
  const rest = zodProblems(plannedVisitSchema, { ...values, attendee: values.attendee || 'none' });
  if (!rest.ok)
    problems.push(
      ...rest.problems.map((problem) =>
        problem.field === 'attendee' ? { ...problem, message: 'Select who attends the visit' } : problem,
      ),
    );
  if (!date.ok || !rest.ok) return { ok: false, problems };
  return {
    ok: true,
    data: {
      date: date.date,
      startMinutes: rest.data.startTime,
      length: rest.data.length,
      place: rest.data.place,
      pairingId: rest.data.attendee,
    },
  };
}

export type LogFormValues = {
  date: DateParts;
  attendee: string;
  days: string;
  hours: string;
  activities: string[];
  notes: string;
  sharedWith: string;
  progress: Record<string, string>;
};

export type LogInput = {
  date: CalendarDate;
  pairingId: number | null;
  halfDays: number | null;
  minutes: number | null;
  countedHalfDays: number;
  activities: Activity[];
  notes: string;
  sharedWith: NoteSharing;
  progress: Array<{ objectiveId: number; progress: string }>;
};

/** The log form's values; progress is read for the objectives named, `progress-<objectiveId>`. */
export function logFormValues(body: Record<string, unknown>, objectiveIds: number[]): LogFormValues {
  return {
    date: datePartsFrom(body, 'date'),
    attendee: field(body, 'attendee'),
    days: field(body, 'days').slice(0, 20),
    hours: field(body, 'hours').slice(0, 20),
    activities: asArray(body.activities).slice(0, ACTIVITIES.length),
    notes: field(body, 'notes'),
    sharedWith: field(body, 'sharedWith').slice(0, 40),
    progress: Object.fromEntries(objectiveIds.map((id) => [String(id), field(body, `progress-${id}`)])),
  };
}

/** The form for a new log (shared as `defaultSharing` says) or for changing `log`. */
export function logFormFrom(
  log: Omit<LogInput, 'countedHalfDays'> | undefined,
  objectiveIds: number[],
  defaultSharing: NoteSharing,
): LogFormValues {
  const progress = Object.fromEntries(
    objectiveIds.map((id) => [String(id), log?.progress.find((item) => item.objectiveId === id)?.progress ?? '']),
  );
  if (!log)
    return {
      date: datePartsOf(null),
      attendee: LEADER,
      days: '',
      hours: '',
      activities: [],
      notes: '',
      sharedWith: defaultSharing,
      progress,
    };
  return {
    date: datePartsOf(log.date),
    attendee: attendeeOf(log.pairingId),
    days: log.halfDays !== null ? String(log.halfDays / 2) : '',
    hours: log.minutes !== null ? String(Math.round((log.minutes / 60) * 100) / 100) : '',
    activities: log.activities,
    notes: log.notes,
    sharedWith: log.sharedWith,
    progress,
  };
}

const logSchema = z.object({
  attendee: attendeeSchema.transform(pairingIdOf),
  activities: z
    .array(z.enum(ACTIVITIES, { error: 'Select what was done' }))
    .min(1, 'Select at least one thing that was done'),
  notes: z.string().max(5000, 'The notes must be 5000 characters or fewer'),
  sharedWith: z.enum(NOTE_SHARING, { error: 'Select who the notes and progress are shared with' }),
});

/** The log form's date, if it is a real date (so its rules can be checked with the form's other problems). */
export function logDateOf(values: LogFormValues): CalendarDate | undefined {
  const date = readRequiredDate(values.date, 'the date of the visit or session');
  return date.ok ? date.date : undefined;
}

/** The log form: date, who delivered, time in days or hours, activities, notes, progress per objective. */
export function parseLog(values: LogFormValues): Parsed<LogInput> {
  const problems: FieldProblem[] = [];
  const date = readRequiredDate(values.date, 'the date of the visit or session');
  if (!date.ok) problems.push({ field: 'date', message: date.message });
  const rest = zodProblems(logSchema, { ...values, attendee: values.attendee || 'none' });
  if (!rest.ok)
    problems.push(
      ...rest.problems.map((problem) =>
        problem.field === 'attendee' ? { ...problem, message: 'Select who delivered the support' } : problem,
      ),
    );

  // Days or hours, whichever box is filled in: one of them, not both.
  let time: Pick<LogInput, 'halfDays' | 'minutes' | 'countedHalfDays'> | undefined;
  if (values.days === '' && values.hours === '') {
    problems.push({ field: 'days', message: 'Enter the time, in days or in hours' });
  } else if (values.days !== '' && values.hours !== '') {
    problems.push({ field: 'days', message: 'Enter the time in days or in hours, not both' });
  } else if (values.days !== '') {
    const halfDays = parseDaysToHalfDays(values.days);
    if (halfDays === undefined || halfDays === 0 || halfDays > 20)
      problems.push({ field: 'days', message: 'Enter the time in whole or half days, like 0.5 or 1, up to 10 days' });
    else time = { halfDays, minutes: null, countedHalfDays: halfDays };
  } else {
    const minutes = parseHoursToMinutes(values.hours);
    if (minutes === undefined || minutes > MAX_HOURS * 60)
      problems.push({ field: 'hours', message: `Enter the time in hours, like 2 or 1.5, up to ${MAX_HOURS} hours` });
    else time = { halfDays: null, minutes, countedHalfDays: halfDaysForMinutes(minutes) };
  }

  const progress: LogInput['progress'] = [];
  for (const [id, text] of Object.entries(values.progress)) {
    if (text.length > 2000)
      problems.push({
        field: `progress-${id}`,
        message: 'Progress towards an objective must be 2000 characters or fewer',
      });
    else if (text !== '') progress.push({ objectiveId: Number(id), progress: text });
  }
  if (problems.length > 0 || !date.ok || !rest.ok || !time) return { ok: false, problems: orderLike(problems) };
  return {
    ok: true,
    data: {
      date: date.date,
      pairingId: rest.data.attendee,
      ...time,
      activities: rest.data.activities,
      notes: rest.data.notes,
      sharedWith: rest.data.sharedWith,
      progress,
    },
  };
}

/** The summary lists problems in the order the fields appear on the page. */
const FIELD_ORDER = ['date', 'attendee', 'days', 'hours', 'activities', 'notes', 'sharedWith'];
function orderLike(problems: FieldProblem[]): FieldProblem[] {
  const rank = (field: string) => (FIELD_ORDER.includes(field) ? FIELD_ORDER.indexOf(field) : FIELD_ORDER.length);
  return [...problems].sort((a, b) => rank(a.field) - rank(b.field));
}
