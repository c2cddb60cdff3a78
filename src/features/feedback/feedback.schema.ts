import { z } from 'zod';
import { field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import type { FeedbackAnswer } from './feedback.repository.ts';

export const MAX_COMMENTS = 1500;

/** The quality of support, 1 to 4, as the survey labels each answer. */
export const QUALITY_LABELS: Record<number, string> = { 1: 'Poor', 2: 'Fair', 3: 'Good', 4: 'Excellent' };

export type SurveyValues = { quality: string; recommend: string; comments: string };

export function surveyValues(body: Record<string, unknown>): SurveyValues {
  return {
    quality: field(body, 'quality').slice(0, 5),
    recommend: field(body, 'recommend').slice(0, 5),
    comments: field(body, 'comments').slice(0, MAX_COMMENTS + 500),
  };
}

const surveySchema = z.object({
  quality: z.enum(['1', '2', '3', '4'], { error: 'Select how good the support was, from 1 (poor) to 4 (excellent)' }),
  recommend: z.enum(['yes', 'no'], { error: 'Select yes if you would recommend the support to another school, or no' }),
  comments: z.string().max(MAX_COMMENTS, `Your comments must be ${MAX_COMMENTS} characters or fewer`),
});

export function parseSurvey(
  values: SurveyValues,
): { ok: true; answer: FeedbackAnswer } | { ok: false; problems: FieldProblem[] } {
  const parsed = surveySchema.safeParse({
    quality: values.quality || undefined,
    recommend: values.recommend || undefined,
    comments: values.comments,
  });
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error) };
  return {
    ok: true,
    answer: {
      quality: Number(parsed.data.quality),
      wouldRecommend: parsed.data.recommend === 'yes',
      comments: parsed.data.comments.trim() || null,
    },
  };
}
