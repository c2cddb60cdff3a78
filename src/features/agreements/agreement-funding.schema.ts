import { z } from 'zod';
import { field, type FieldProblem } from '../../platform/forms.ts';
import { parseDaysToHalfDays, parsePoundsToPence } from '../../platform/units.ts';
import { FUNDING_TYPES, type FundingType } from './agreements.model.ts';

/**
 * How an agreement's support is funded, as the SLE deployment's and the LLE placement's terms forms
 * both ask it: a fee, an exchange of services valued in days, or none.
 */
export type FundingFormValues = {
  fundingType: string;
  fee: string;
  exchangeDescription: string;
  exchangeDays: string;
};

export type FundingFields = {
  fundingType: FundingType;
  feePence: number | null;
  exchangeDescription: string | null;
  exchangeHalfDays: number | null;
};

/** The funding questions' fields, in the order the forms ask them. */
export const FUNDING_ORDER = ['fundingType', 'fee', 'exchangeDescription', 'exchangeDays'];

/** Days as typed, to half days: `missing` when empty, `format` when not whole or half days. */
export function halfDaysFrom(
  typed: string,
  problems: FieldProblem[],
  name: string,
  messages: { missing: string; format: string },
): number | undefined {
  if (typed === '') problems.push({ field: name, message: messages.missing });
  else {
    const halfDays = parseDaysToHalfDays(typed);
    if (halfDays === undefined) problems.push({ field: name, message: messages.format });
    return halfDays;
  }
  return undefined;
}

export function fundingFormValues(body: Record<string, unknown>): FundingFormValues {
  return {
    fundingType: field(body, 'fundingType'),
    fee: field(body, 'fee').slice(0, 30),
    exchangeDescription: field(body, 'exchangeDescription'),
    exchangeDays: field(body, 'exchangeDays').slice(0, 20),
  };
}

/** Saved funding back into the form; a placement saved before funding was asked starts unanswered. */
export function fundingFormFrom(
  terms:
    | {
        fundingType: FundingType | null;
        feePence: number | null;
        exchangeDescription: string | null;
        exchangeHalfDays: number | null;
      }
    | undefined,
): FundingFormValues {
  return {
    fundingType: terms?.fundingType ?? '',
    fee: terms?.feePence ? (terms.feePence / 100).toFixed(2) : '',
    exchangeDescription: terms?.exchangeDescription ?? '',
    exchangeDays: terms?.exchangeHalfDays ? String(terms.exchangeHalfDays / 2) : '',
  };
}

const exchangeDescription = z
  .string()
  .trim()
  .min(1, 'Describe the services the supported school gives in exchange')
  .max(1000, 'The description of the exchange must be 1000 characters or fewer');

/**
 * The funding answers' format, adding any problems to `problems`; undefined when one is unreadable.
 * `what` names the support in the message for no choice: "the deployment" or "the placement".
 */
export function parseFunding(
  values: FundingFormValues,
  problems: FieldProblem[],
  what: string,
): FundingFields | undefined {
  const before = problems.length;
  const fundingType = FUNDING_TYPES.find((type) => type === values.fundingType);
  if (!fundingType) problems.push({ field: 'fundingType', message: `Select how ${what} is funded` });
  let feePence: number | null = null;
  let description: string | null = null;
  let exchangeHalfDays: number | null = null;
  if (fundingType === 'fee') {
    if (values.fee === '') problems.push({ field: 'fee', message: 'Enter the fee in pounds' });
    else {
      feePence = parsePoundsToPence(values.fee) ?? null;
      if (feePence === null)
        problems.push({ field: 'fee', message: 'Enter the fee in pounds and pence, like 1,500 or 1500.50' });
    }
  }
  if (fundingType === 'exchange') {
    const parsed = exchangeDescription.safeParse(values.exchangeDescription);
    if (parsed.success) description = parsed.data;
    else problems.push({ field: 'exchangeDescription', message: parsed.error.issues[0]!.message });
    exchangeHalfDays =
      halfDaysFrom(values.exchangeDays, problems, 'exchangeDays', {
        missing: 'Enter what the exchange is worth in days',
        format: 'Enter what the exchange is worth in whole or half days, like 2 or 2.5',
      }) ?? null;
  }
  if (!fundingType || problems.length > before) return undefined;
  return { fundingType, feePence, exchangeDescription: description, exchangeHalfDays };
}
