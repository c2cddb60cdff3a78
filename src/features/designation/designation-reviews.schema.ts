import { z } from 'zod';
import { field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import { EARLY_REASONS, type EarlyReason } from './designation-review-rules.ts';
import { REVIEW_OUTCOMES } from './designation-reviews.model.ts';
import type { OutcomeChoice } from './designation-reviews.service.ts';
import type { ConsentAnswer, ConsentPeople } from './review-consent.service.ts';

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };
type Body = Record<string, unknown>;

export const NOTE_LIMIT = 2000;
export const EVIDENCE_LIMIT = 5000;
export const COMMENT_LIMIT = 1000;
/** A school releases a leader for at most 200 days a year: about every school day (the table's check). */
export const MAX_RELEASE_DAYS = 200;
const NAME_LIMIT = 200;
const EMAIL_LIMIT = 254;

/** Text as typed, its line endings made one kind and bounded well past its limit, so it can be shown again. */
const text = (body: Body, name: string, limit: number) =>
  field(body, name)
    .replace(/\r\n?/g, '\n')
    .slice(0, limit + 500);

const parsedWith = <T>(schema: z.ZodType<T>, values: unknown): Parsed<T> => {
  const parsed = schema.safeParse(values);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: problemsFromZod(parsed.error) };
};

export type EarlyReviewValues = { reason: string; reasonNote: string };

export function earlyReviewValues(body: Body): EarlyReviewValues {
  return { reason: field(body, 'reason').slice(0, 30), reasonNote: text(body, 'reasonNote', NOTE_LIMIT) };
}

const earlyReviewSchema = z.object({
  reason: z.enum(EARLY_REASONS, { error: 'Select why the review is opened early' }),
  reasonNote: z
    .string()
    .min(1, 'Enter what led to the early review')
    .max(NOTE_LIMIT, `The note must be ${NOTE_LIMIT} characters or fewer`),
});

export function parseEarlyReview(values: EarlyReviewValues): Parsed<{ reason: EarlyReason; reasonNote: string }> {
  return parsedWith(earlyReviewSchema, values);
}

export function evidenceNoteValue(body: Body): string {
  return text(body, 'evidenceNote', EVIDENCE_LIMIT);
}

export function parseEvidenceNote(note: string): Parsed<string> {
  return parsedWith(z.string().max(EVIDENCE_LIMIT, `The note must be ${EVIDENCE_LIMIT} characters or fewer`), note);
}

export type ConsentPeopleValues = { headName: string; headEmail: string; chairName: string; chairEmail: string };

export function consentPeopleValues(body: Body): ConsentPeopleValues {
  return {
    headName: field(body, 'headName').slice(0, NAME_LIMIT + 100),
    headEmail: field(body, 'headEmail').slice(0, EMAIL_LIMIT + 100),
    chairName: field(body, 'chairName').slice(0, NAME_LIMIT + 100),
    chairEmail: field(body, 'chairEmail').slice(0, EMAIL_LIMIT + 100),
  };
}

/** `whose` as it goes before a noun: "headteacher’s", "chair of governors’". */
const name = (whose: string) =>
  z
    .string()
    .min(1, `Enter the ${whose} name`)
    .max(NAME_LIMIT, `The ${whose} name must be ${NAME_LIMIT} characters or fewer`);
const email = (whose: string) =>
  z
    .string()
    .min(1, `Enter the ${whose} email address`)
    .max(EMAIL_LIMIT, `The ${whose} email address must be ${EMAIL_LIMIT} characters or fewer`)
    .pipe(z.email(`Enter the ${whose} email address in the correct format, like name@example.com`));

const consentPeopleSchema = z.object({
  headName: name('headteacher’s'),
  headEmail: email('headteacher’s'),
  chairName: name('chair of governors’'),
  chairEmail: email('chair of governors’'),
});

export function parseConsentPeople(values: ConsentPeopleValues): Parsed<ConsentPeople> {
  const parsed = parsedWith(consentPeopleSchema, values);
  if (!parsed.ok) return parsed;
  const { headName, headEmail, chairName, chairEmail } = parsed.value;
  return {
    ok: true,
    value: { head: { name: headName, email: headEmail }, chair: { name: chairName, email: chairEmail } },
  };
}

export type OutcomeValues = { outcome: string; outcomeReason: string };

export function outcomeValues(body: Body): OutcomeValues {
  return { outcome: field(body, 'outcome').slice(0, 30), outcomeReason: text(body, 'outcomeReason', NOTE_LIMIT) };
}

const outcomeSchema = z
  .object({
    outcome: z.enum(REVIEW_OUTCOMES, { error: 'Select the outcome of the review' }),
    outcomeReason: z.string().max(NOTE_LIMIT, `The reason must be ${NOTE_LIMIT} characters or fewer`),
  })
  .refine((values) => values.outcome !== 'de-designated' || values.outcomeReason.length > 0, {
    path: ['outcomeReason'],
    message: 'Enter the reason for de-designating them: it is kept with the outcome',
  });

export function parseOutcome(values: OutcomeValues): Parsed<OutcomeChoice> {
  const parsed = parsedWith(outcomeSchema, values);
  return parsed.ok
    ? { ok: true, value: { outcome: parsed.value.outcome, reason: parsed.value.outcomeReason } }
    : parsed;
}

export type ConsentAnswerValues = { supports: string; releaseDays: string; comment: string };

export function consentAnswerValues(body: Body): ConsentAnswerValues {
  return {
    supports: field(body, 'supports').slice(0, 5),
    releaseDays: field(body, 'releaseDays').slice(0, 20),
    comment: text(body, 'comment', COMMENT_LIMIT),
  };
}

/** The answer, each problem found in one go: days are asked for only when the school agrees. */
export function parseConsentAnswer(values: ConsentAnswerValues): Parsed<ConsentAnswer> {
  const problems: FieldProblem[] = [];
  if (values.supports !== 'yes' && values.supports !== 'no')
    problems.push({ field: 'supports', message: 'Select yes if the school can release them, or no' });
  let releaseDays: number | null = null;
  if (values.supports === 'yes') {
    if (values.releaseDays === '')
      problems.push({ field: 'releaseDays', message: 'Enter the days a year the school can release them' });
    else if (!/^\d{1,3}$/.test(values.releaseDays))
      problems.push({ field: 'releaseDays', message: 'The days a year must be a whole number, like 15' });
    else if (Number(values.releaseDays) > MAX_RELEASE_DAYS)
      problems.push({ field: 'releaseDays', message: `The days a year must be between 0 and ${MAX_RELEASE_DAYS}` });
    else releaseDays = Number(values.releaseDays);
  }
  if (values.comment.length > COMMENT_LIMIT)
    problems.push({ field: 'comment', message: `Your comment must be ${COMMENT_LIMIT} characters or fewer` });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { supports: values.supports === 'yes', releaseDays, comment: values.comment } };
}
