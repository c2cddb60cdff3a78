import { z } from 'zod';
import { field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import type { SpecialismDetails } from './specialisms-admin.service.ts';

export type SpecialismFormValues = { name: string; groupName: string };

export function specialismFormValues(body: Record<string, unknown>): SpecialismFormValues {
  // Runs of spaces inside a name are a typing slip, and would make "Early  Years" a second specialism.
  return { name: field(body, 'name').replace(/\s+/g, ' '), groupName: field(body, 'groupName').replace(/\s+/g, ' ') };
}

const schema = z.object({
  name: z.string().min(1, 'Enter the specialism’s name').max(100, 'The name must be 100 characters or fewer'),
  groupName: z
    .string()
    .min(1, 'Enter the group the specialism belongs to')
    .max(100, 'The group must be 100 characters or fewer'),
});

export function parseSpecialism(
  values: SpecialismFormValues,
): { ok: true; details: SpecialismDetails } | { ok: false; problems: FieldProblem[] } {
  const parsed = schema.safeParse(values);
  return parsed.success ? { ok: true, details: parsed.data } : { ok: false, problems: problemsFromZod(parsed.error) };
}
