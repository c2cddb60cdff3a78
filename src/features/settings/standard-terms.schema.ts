import { hasControlCharacters } from '../../platform/http/text-input.ts';
import { field, type FieldProblem } from '../../platform/forms.ts';
import {
  STANDARD_TERM_HEADINGS,
  STANDARD_TERM_KEYS,
  STANDARD_TERM_MAX_LENGTH,
  type StandardTerms,
} from '../../platform/alliance/standard-terms.ts';

/** The standard terms as typed, kept so the form can be shown again. */
export type StandardTermsFormValues = StandardTerms;

export function standardTermsFormValues(body: Record<string, unknown>): StandardTermsFormValues {
  // Paragraphs are the clauses' line breaks: kept, normalised, with each line's own spaces trimmed.
  return Object.fromEntries(
    STANDARD_TERM_KEYS.map((key) => [
      key,
      field(body, key)
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((line) => line.trim())
        .join('\n')
        .replace(/\n{3,}/g, '\n\n'),
    ]),
  ) as StandardTermsFormValues;
}

/** Every clause is needed (an agreement without a cancellation clause is the thin contract again), each bounded. */
export function parseStandardTerms(
  values: StandardTermsFormValues,
): { ok: true; terms: StandardTerms } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  for (const key of STANDARD_TERM_KEYS) {
    const heading = STANDARD_TERM_HEADINGS[key].toLowerCase();
    const value = values[key];
    if (value === '') problems.push({ field: key, message: `Enter the terms for ${heading}` });
    else if (value.length > STANDARD_TERM_MAX_LENGTH)
      problems.push({
        field: key,
        message: `The terms for ${heading} must be ${STANDARD_TERM_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
      });
    else if (hasControlCharacters(value))
      problems.push({ field: key, message: `The terms for ${heading} must not contain control characters` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, terms: values };
}
