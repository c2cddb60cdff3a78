import { z } from 'zod';
import { field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import type { ReviewInput } from './reviews.service.ts';
import { NOTE_SHARING } from '../agreements/agreements.model.ts';
import { PROGRESS_RATINGS } from './reviews.model.ts';

export const MAX_REVIEW_TEXT = 2000;

/** What the review form holds, as typed: kept when the form is shown again. */
export type ReviewFormValues = {
  ratings: Record<string, string>;
  evidence: Record<string, string>;
  summary: string;
  nextSteps: string;
  sharedWith: string;
};

/** Field names in the form and in its error summary: one pair per objective, by the objective's id. */
export const ratingField = (objectiveId: number) => `rating-${objectiveId}`;
export const evidenceField = (objectiveId: number) => `evidence-${objectiveId}`;

export function reviewFormValues(body: Record<string, unknown>, objectiveIds: number[]): ReviewFormValues {
  const cut = (name: string) => field(body, name).slice(0, MAX_REVIEW_TEXT + 500);
  return {
    ratings: Object.fromEntries(objectiveIds.map((id) => [String(id), cut(ratingField(id))])),
    evidence: Object.fromEntries(objectiveIds.map((id) => [String(id), cut(evidenceField(id))])),
    summary: cut('summary'),
    nextSteps: cut('nextSteps'),
    sharedWith: field(body, 'sharedWith').slice(0, 40),
  };
}

function text(missing: string, what: string) {
  return z
    .string()
    .trim()
    .min(1, missing)
    .max(MAX_REVIEW_TEXT, `${what} must be ${MAX_REVIEW_TEXT} characters or fewer`);
}

/**
 * Every objective rated, with evidence; a summary and next steps. Problems come in the order of the
 * page: each objective's rating then its evidence, then the summary and next steps.
 */
export function parseReviewForm(
  values: ReviewFormValues,
  objectiveIds: number[],
): { ok: true; input: ReviewInput } | { ok: false; problems: FieldProblem[] } {
  const shape: Record<string, z.ZodType> = {};
  objectiveIds.forEach((id, index) => {
    const name = `objective ${index + 1}`;
    shape[ratingField(id)] = z.enum(PROGRESS_RATINGS, { error: `Select how far ${name} has been met` });
    shape[evidenceField(id)] = text(
      `Enter the evidence for the rating of ${name}: what was seen, measured or said`,
      `The evidence for ${name}`,
    );
  });
  shape.summary = text('Enter a summary of the review', 'The summary');
  shape.nextSteps = text('Enter the next steps, or write that none are needed', 'The next steps');
  shape.sharedWith = z.enum(NOTE_SHARING, { error: 'Select who the review is shared with' });
  const input: Record<string, string | undefined> = {
    summary: values.summary,
    nextSteps: values.nextSteps,
    sharedWith: values.sharedWith,
  };
  for (const id of objectiveIds) {
    input[ratingField(id)] = values.ratings[String(id)] || undefined;
    input[evidenceField(id)] = values.evidence[String(id)];
  }
  const parsed = z.object(shape).safeParse(input);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error) };
  const data = parsed.data as Record<string, string>;
  return {
    ok: true,
    input: {
      ratings: objectiveIds.map((id) => ({
        objectiveId: id,
        rating: data[ratingField(id)] as ReviewInput['ratings'][number]['rating'],
        evidence: data[evidenceField(id)]!,
      })),
      summary: data.summary!,
      nextSteps: data.nextSteps!,
      sharedWith: data.sharedWith as ReviewInput['sharedWith'],
    },
  };
}
