import { z } from 'zod';
import { DESIGNATION_TYPES, PHASES } from '../leaders/leaders.model.ts';

export const PAGE_SIZE = 20;
export const WITHIN_CHOICES = [1, 2, 5, 10, 25, 50, 100] as const;

/** A query parameter given once is a string, given several times an array: either way, a list. */
const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );

/**
 * The directory's filters, as they appear in its URL (shareable, and the back button works) and in
 * `GET /api/system-leaders`. Unknown parameters are ignored, as links from elsewhere may add some.
 */
export const directoryQuerySchema = z
  .object({
    specialism: repeatable(z.string().trim().min(1).max(100, 'Specialism names are at most 100 characters')).pipe(
      z.array(z.string()).max(30, 'Choose at most 30 specialisms'),
    ),
    type: repeatable(z.enum(DESIGNATION_TYPES, { error: 'Type must be sle, lle or nle' })),
    phase: repeatable(z.enum(PHASES, { error: `Phase must be one of: ${PHASES.join(', ')}` })),
    near: z
      .string()
      .trim()
      .max(100, 'Near must be 100 characters or fewer')
      .optional()
      .transform((value) => value || undefined),
    within: z.preprocess(
      (value) => (value === '' || value === undefined ? undefined : Number(value)),
      z
        .number({ error: 'Within must be a number of miles' })
        .positive('Within must be more than 0 miles')
        .max(500, 'Within must be 500 miles or fewer')
        .optional(),
    ),
    q: z
      .string()
      .trim()
      .max(200, 'Search words must be 200 characters or fewer')
      .optional()
      .transform((value) => value || undefined),
    sort: z.enum(['distance', 'name'], { error: 'Sort must be distance or name' }).optional(),
    page: z.preprocess(
      (value) => (value === '' || value === undefined ? 1 : Number(value)),
      z
        .number({ error: 'Page must be a whole number' })
        .int('Page must be a whole number')
        .min(1, 'Page must be 1 or more')
        .max(10_000, 'Page must be 10000 or less'),
    ),
  })
  .superRefine((query, context) => {
    if (query.within !== undefined && !query.near)
      context.addIssue({
        code: 'custom',
        path: ['near'],
        message: 'Enter a postcode or school to search within a distance of',
      });
    if (query.sort === 'distance' && !query.near)
      context.addIssue({
        code: 'custom',
        path: ['near'],
        message: 'Enter a postcode or school to sort by distance from',
      });
  });

export type DirectoryQuery = z.output<typeof directoryQuerySchema>;
