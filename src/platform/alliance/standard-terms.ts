/**
 * The alliance's standard terms: the clauses printed on every support agreement, beside what each
 * agreement's own terms say. Administrators word them in the settings; until they do, the wording
 * below serves, so a new installation's agreements are already a contract.
 */
export const STANDARD_TERM_KEYS = [
  'responsibilities',
  'cancellation',
  'safeguarding',
  'dataProtection',
  'invoicing',
] as const;
export type StandardTermKey = (typeof STANDARD_TERM_KEYS)[number];
export type StandardTerms = Record<StandardTermKey, string>;

/** Each clause's heading, on the agreement and in the settings. */
export const STANDARD_TERM_HEADINGS: Record<StandardTermKey, string> = {
  responsibilities: 'Responsibilities of each party',
  cancellation: 'Cancellation',
  safeguarding: 'Safeguarding',
  dataProtection: 'Data protection',
  invoicing: 'Invoicing for a fee',
};

/** A clause is a few paragraphs, not a document: long enough for real wording, short enough to print. */
export const STANDARD_TERM_MAX_LENGTH = 3000;

export const DEFAULT_STANDARD_TERMS: StandardTerms = {
  responsibilities: [
    'The supported school agrees the objectives with the leader, gives them the access, information and time with staff the work needs, and names a contact for the support.',
    'The home school releases the leader for the days agreed and keeps their pay and employment; the leader remains its employee throughout.',
    'The alliance brokers the support, keeps this agreement and its record of delivery, reviews progress with both schools at the mid-point and the end, and deals with any concern about the support.',
  ].join('\n'),
  cancellation: [
    'Either school may cancel a planned visit by giving the other at least 5 working days’ notice; a visit cancelled at shorter notice by the supported school counts as delivered.',
    'Either school may end the agreement by giving the alliance and the other school 20 working days’ notice in writing. Days delivered before the end are paid for as agreed.',
  ].join('\n'),
  safeguarding: [
    'The leader follows the supported school’s safeguarding and child protection policy while working there, and reports any concern at once to its designated safeguarding lead.',
    'The home school confirms that the leader has an enhanced DBS check with a check of the children’s barred list, recorded on its single central record, and gives the supported school the assurance it needs.',
  ].join('\n'),
  dataProtection: [
    'Each school remains the controller of the personal data it holds. The leader sees pupils’ and staff’s personal data only as the support needs, keeps it on the supported school’s systems, and takes no copies away.',
    'The alliance keeps the names, notes and records of this agreement for its retention period and then removes them, as its privacy notice says.',
  ].join('\n'),
  invoicing: [
    'Where a fee is agreed, the alliance invoices the supported school after the support ends (or each term, for support longer than a term), payable within 30 days, and passes the fee to the home school within 30 days of receiving it.',
    'Where no fee is agreed, no invoice is raised.',
  ].join('\n'),
};

/** The terms in force: the alliance's own wording, or the shipped one for clauses it has not worded. */
export function standardTermsOf(stored: Partial<StandardTerms> | null | undefined): StandardTerms {
  return Object.fromEntries(
    STANDARD_TERM_KEYS.map((key) => [key, stored?.[key] || DEFAULT_STANDARD_TERMS[key]]),
  ) as StandardTerms;
}
