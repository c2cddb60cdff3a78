/** The words of the agreements capability, as values: the tables, the forms and the pages share them. */

export const AGREEMENT_KINDS = ['sle-deployment', 'lle-placement'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

/**
 * Where an agreement stands: being agreed (draft), signed by every party (locked), a signed
 * agreement with a variation being agreed, or withdrawn before it was ever signed.
 */
export const AGREEMENT_STATUSES = ['draft', 'signed', 'varying', 'withdrawn'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** The three parties to every agreement; each signs each version once. */
export const PARTIES = ['supported-school', 'home-school', 'alliance'] as const;
export type Party = (typeof PARTIES)[number];

export const FUNDING_TYPES = ['fee', 'exchange', 'none'] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];

export const COMMISSIONING_BODIES = ['local-authority', 'teaching-school', 'other'] as const;
export type CommissioningBody = (typeof COMMISSIONING_BODIES)[number];

export const PRIORITY_REASONS = ['below-expected-standards', 'vulnerable', 'new-head'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

/** A school's head signs, or someone they named to sign for them; the alliance signs through its staff. */
export const SIGNING_CAPACITIES = ['head', 'delegate', 'alliance'] as const;
export type SigningCapacity = (typeof SIGNING_CAPACITIES)[number];

/**
 * Signed by the person themselves, signed in to the service; or signed in front of a coordinator,
 * who recorded it (a head with no account, at a meeting).
 */
export const SIGNING_METHODS = ['in-service', 'witnessed'] as const;
export type SigningMethod = (typeof SIGNING_METHODS)[number];

/** What creating an agreement needs: the rest is agreed in its first version. */
export type NewAgreement = {
  enquiryId?: number | null;
  supportedSchoolUrn: number;
  leaderId: number;
  kind: AgreementKind;
};

/** A leader to choose among several that matched what a coordinator typed. */
export type LeaderChoice = { id: number; name: string; email: string; homeSchoolName: string; types: string[] };

/**
 * Who a note on an agreement (a delivery log's notes and progress, a review) is shared with, chosen by
 * whoever writes it. A first-time head's coaching notes are sensitive: the supported school's other
 * contacts (a business manager, a chair of governors) should not read them unless the writer says so.
 */
export const NOTE_SHARING = ['alliance', 'alliance-and-leader', 'everyone'] as const;
export type NoteSharing = (typeof NOTE_SHARING)[number];
