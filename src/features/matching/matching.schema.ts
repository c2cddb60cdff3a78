import { z } from 'zod';
import { COMPONENTS, COMPONENT_LABELS } from './matching.weights.ts';

const weight = (label: string) =>
  z.coerce
    .number({ error: `Enter a weight for ${label.toLowerCase()}, a whole number from 0 to 100` })
    .int(`${label}: use a whole number`)
    .min(0, `${label}: use 0 to 100`)
    .max(100, `${label}: use 0 to 100`);

/** The weights form: each reason's weight from 0 to 100, and the distance beyond which nearness counts for nothing. */
export const weightsFormSchema = z
  .object({
    ...(Object.fromEntries(COMPONENTS.map((component) => [component, weight(COMPONENT_LABELS[component])])) as Record<
      (typeof COMPONENTS)[number],
      ReturnType<typeof weight>
    >),
    maxDistanceMiles: z.coerce
      .number({ error: 'Enter the distance in whole miles, from 1 to 500' })
      .int('Enter the distance in whole miles, from 1 to 500')
      .min(1, 'Enter the distance in whole miles, from 1 to 500')
      .max(500, 'Enter the distance in whole miles, from 1 to 500'),
  })
  .refine((weights) => COMPONENTS.some((component) => weights[component] > 0), {
    path: ['specialism'],
    message: 'At least one weight must be more than 0',
  });
