import { z } from 'zod';

/**
 * The largest id (and URN, and count) a column holds: PostgreSQL's `integer`. A bigger number from a
 * URL or a body is no record at all, and must be refused before a query (where it is an error, a 500).
 */
export const MAX_ID = 2_147_483_647;

/** A record's id as sent (text from a URL or a form, or a JSON number): 1 to MAX_ID, else undefined. */
export function parseId(value: unknown): number | undefined {
  const number =
    typeof value === 'string' && /^\d{1,10}$/.test(value)
      ? Number(value)
      : typeof value === 'number'
        ? value
        : undefined;
  return number !== undefined && Number.isInteger(number) && number >= 1 && number <= MAX_ID ? number : undefined;
}

/** A JSON body's id: a whole number from 1 to MAX_ID, with one message for anything else. */
export function idNumber(message: string) {
  return z.number({ error: message }).int(message).min(1, message).max(MAX_ID, message);
}

/** A form's id (text, or a number already): the same bounds as idNumber. */
export function idText(message: string) {
  return z.union([z.string(), z.number()], { error: message }).transform((value, context) => {
    const id = parseId(typeof value === 'string' ? value.trim() : value);
    if (id === undefined) {
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return id;
  });
}
