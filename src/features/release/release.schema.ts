import { z } from 'zod';
import { datePartsFrom, datePartsOf, readRequiredDate, type DateParts } from '../../platform/date-input.ts';
import { field, problemsFromZod, type FieldProblem } from '../../platform/forms.ts';
import { parseDaysToHalfDays } from '../../platform/units.ts';
import type { ConsentFields, ReleaseConsentRow } from './release.repository.ts';

/** The consent form as typed, kept so it can be shown again. */
export type ConsentFormValues = {
  releasedDays: string;
  headName: string;
  headConsentedOn: DateParts;
  chairName: string;
  chairConsentedOn: DateParts;
};

export function consentFormValues(body: Record<string, unknown>): ConsentFormValues {
  return {
    releasedDays: field(body, 'releasedDays').slice(0, 20),
    headName: field(body, 'headName'),
    headConsentedOn: datePartsFrom(body, 'headConsentedOn'),
    chairName: field(body, 'chairName'),
    chairConsentedOn: datePartsFrom(body, 'chairConsentedOn'),
  };
}

export function consentFormFrom(consent: ReleaseConsentRow | undefined): ConsentFormValues {
  return {
    releasedDays: consent ? String(consent.releasedHalfDays / 2) : '',
    headName: consent?.headName ?? '',
    headConsentedOn: datePartsOf(consent?.headConsentedOn),
    chairName: consent?.chairName ?? '',
    chairConsentedOn: datePartsOf(consent?.chairConsentedOn),
  };
}

const names = z.object({
  headName: z
    .string()
    .trim()
    .min(1, 'Enter the headteacher’s name')
    .max(120, 'The headteacher’s name must be 120 characters or fewer'),
  chairName: z
    .string()
    .trim()
    .min(1, 'Enter the chair of governors’ name')
    .max(120, 'The chair of governors’ name must be 120 characters or fewer'),
});

const ORDER = ['releasedDays', 'headName', 'headConsentedOn', 'chairName', 'chairConsentedOn'];

/** Days released may be 0 (the school agreed to release none this year), never more than 200. */
export function parseConsent(
  values: ConsentFormValues,
): { ok: true; data: ConsentFields } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  let releasedHalfDays: number | undefined;
  if (values.releasedDays === '')
    problems.push({ field: 'releasedDays', message: 'Enter the days the school agreed to release' });
  else {
    releasedHalfDays = parseDaysToHalfDays(values.releasedDays);
    if (releasedHalfDays === undefined)
      problems.push({
        field: 'releasedDays',
        message: 'Enter the days released in whole or half days, like 15 or 15.5',
      });
    else if (releasedHalfDays > 400)
      problems.push({ field: 'releasedDays', message: 'The days released must be 200 or fewer' });
  }
  const parsedNames = names.safeParse(values);
  if (!parsedNames.success) problems.push(...problemsFromZod(parsedNames.error));
  const head = readRequiredDate(values.headConsentedOn, 'the date the headteacher agreed');
  if (!head.ok) problems.push({ field: 'headConsentedOn', message: head.message });
  const chair = readRequiredDate(values.chairConsentedOn, 'the date the chair of governors agreed');
  if (!chair.ok) problems.push({ field: 'chairConsentedOn', message: chair.message });
  if (
    problems.length > 0 ||
    releasedHalfDays === undefined ||
    releasedHalfDays > 400 ||
    !parsedNames.success ||
    !head.ok ||
    !chair.ok
  ) {
    return { ok: false, problems: problems.sort((a, b) => ORDER.indexOf(a.field) - ORDER.indexOf(b.field)) };
  }
  return {
    ok: true,
    data: {
      releasedHalfDays,
      headName: parsedNames.data.headName,
      headConsentedOn: head.date,
      chairName: parsedNames.data.chairName,
      chairConsentedOn: chair.date,
    },
  };
}
