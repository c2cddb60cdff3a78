/**
 * The domain's units as people read them. Support is counted in half days (stored as whole numbers
 * of half days, shown as days) and money in pence (shown in pounds).
 */

/** Far beyond any agreement (40 years of school days), and well inside a database integer. */
export const MAX_HALF_DAYS = 20_000;

/** Over twenty million pounds is a mistyped amount; it also stays inside a database integer of pence. */
export const MAX_PENCE = 2_000_000_000;

/** 3 half days -> "1.5 days"; 2 -> "1 day". */
export function formatHalfDays(halfDays: number): string {
  const days = halfDays / 2;
  return `${Number.isInteger(days) ? days : days.toFixed(1)} ${days === 1 ? 'day' : 'days'}`;
}

/** "1.5" (or "1½", "1 1/2") days as typed -> 3 half days; undefined unless a whole number of half days. */
export function parseDaysToHalfDays(text: string): number | undefined {
  const cleaned = text
    .trim()
    .replace(/\s*days?$/i, '')
    .replace('½', '.5')
    .replace(/^(\d+)\s+1\/2$/, '$1.5')
    .replace(/^\.5$/, '0.5');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const halfDays = Number(cleaned) * 2;
  return Number.isInteger(halfDays) && halfDays <= MAX_HALF_DAYS ? halfDays : undefined;
}

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** 123450 -> "£1,234.50". */
export function formatPence(pence: number): string {
  return POUNDS.format(pence / 100);
}

/** "£1,234.50", "1234.5" or "1,234" -> pence; undefined if not an amount of money to the penny. */
export function parsePoundsToPence(text: string): number | undefined {
  const cleaned = text
    .trim()
    .replace(/^£/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const pence = Math.round(Number(cleaned) * 100);
  return pence <= MAX_PENCE ? pence : undefined;
}
