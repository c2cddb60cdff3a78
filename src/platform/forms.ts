import type { FastifyRequest } from 'fastify';
import { controlCharactersMessage } from './http/text-input.ts';
import type { z } from 'zod';

/** A problem with one field of a submission, named as the JSON API names it. */
export type FieldProblem = { field: string; message: string };

/** What GOV.UK's error summary and each field's error message take. */
export type FormErrors = {
  summary: Array<{ text: string; href: string }>;
  fields: Record<string, { text: string }>;
};

/**
 * Turns field problems into the error summary (in the order the fields appear) and per-field
 * messages. `fieldIds` maps an API field name to the id of the element the summary links to.
 */
export function toFormErrors(problems: FieldProblem[], fieldIds: Record<string, string> = {}): FormErrors {
  const fields: FormErrors['fields'] = {};
  const summary: FormErrors['summary'] = [];
  for (const problem of problems) {
    if (fields[problem.field]) continue;
    fields[problem.field] = { text: problem.message };
    summary.push({ text: problem.message, href: `#${fieldIds[problem.field] ?? problem.field}` });
  }
  return { summary, fields };
}

/** One message for the whole form (it expired, say), linking to the field where the person starts again. */
export function formError(text: string, href: string): FormErrors {
  return { summary: [{ text, href }], fields: {} };
}

/** zod issues as field problems: the first problem of each field, with the schema's own messages. */
export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'body';
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        problems.push({ field: key, message: `${key} is not a field this service accepts` });
      continue;
    }
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, message: issue.message });
  }
  return problems;
}

/** Form bodies give a string for one ticked checkbox and an array for several. */
export function asArray(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
}

/** A form field as a trimmed string ('' when absent or not a string). */
export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * The fields the platform refused for control characters (platform/http/text-input.ts), as the form's
 * errors, or undefined when there were none. For routes declaring `showsRefusedText`.
 */
export function refusedFormErrors(
  request: FastifyRequest,
  fieldIds: Record<string, string> = {},
): FormErrors | undefined {
  const problems = refusedTextProblems(request);
  return problems.length > 0 ? toFormErrors(problems, fieldIds) : undefined;
}

export function refusedTextProblems(request: FastifyRequest): FieldProblem[] {
  return (request.refusedText ?? []).map((name) => ({ field: name, message: controlCharactersMessage(name) }));
}
