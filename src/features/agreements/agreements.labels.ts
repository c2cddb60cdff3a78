import type {
  AgreementKind,
  AgreementStatus,
  CommissioningBody,
  FundingType,
  Party,
  PriorityReason,
  SigningCapacity,
} from './agreements.model.ts';

export const KIND_LABELS: Record<AgreementKind, string> = {
  'sle-deployment': 'SLE deployment',
  'lle-placement': 'LLE placement',
};

export const KIND_HINTS: Record<AgreementKind, string> = {
  'sle-deployment': 'A Specialist Leader of Education gives a number of days in their specialism',
  'lle-placement': 'A Local Leader of Education coaches the headteacher, some time each week, over months or years',
};

export const STATUS_LABELS: Record<AgreementStatus, string> = {
  draft: 'Being agreed',
  signed: 'Signed',
  varying: 'Variation being agreed',
  withdrawn: 'Withdrawn',
};

/** GOV.UK tag colours: one for each status, so a list can be read at a glance. */
export const STATUS_TAG_CLASSES: Record<AgreementStatus, string> = {
  draft: 'govuk-tag--yellow',
  signed: 'govuk-tag--green',
  varying: 'govuk-tag--orange',
  withdrawn: 'govuk-tag--grey',
};

export const FUNDING_LABELS: Record<FundingType, string> = {
  fee: 'A fee',
  exchange: 'An exchange of services',
  none: 'No funding',
};

export const FUNDING_HINTS: Record<FundingType, string> = {
  fee: 'The alliance charges the supported school and passes the fee to the home school',
  exchange: 'The supported school gives services back instead of money',
  none: 'The home school releases the leader without charge',
};

export const COMMISSIONING_BODY_LABELS: Record<CommissioningBody, string> = {
  'local-authority': 'A local authority',
  'teaching-school': 'A teaching school',
  other: 'Another body',
};

export const PRIORITY_REASON_LABELS: Record<PriorityReason, string> = {
  'below-expected-standards': 'Pupils’ results are below the expected standards',
  vulnerable: 'The school is vulnerable, for example at risk of decline',
  'new-head': 'The headteacher is new, or in their first headship',
};

export const CAPACITY_LABELS: Record<SigningCapacity, string> = {
  head: 'Headteacher',
  delegate: 'Delegate named by the headteacher',
  alliance: 'For the alliance',
};

/** A party as an agreement names it, with the leader's kind: "the SLE’s home school". */
export function partyLabel(party: Party, kind: AgreementKind): string {
  if (party === 'supported-school') return 'Supported school';
  if (party === 'home-school') return kind === 'sle-deployment' ? 'SLE’s home school' : 'LLE’s school';
  return 'The alliance';
}

/** The party in a sentence, after "the": "supported school", "SLE’s home school", "alliance". */
export function partyPhrase(party: Party, kind: AgreementKind): string {
  if (party === 'supported-school') return 'supported school';
  if (party === 'home-school') return kind === 'sle-deployment' ? 'SLE’s home school' : 'LLE’s school';
  return 'alliance';
}

export const LEADER_TITLES: Record<AgreementKind, string> = {
  'sle-deployment': 'Specialist Leader of Education',
  'lle-placement': 'Local Leader of Education',
};

/** "SA-0042": the reference people quote, and the name of its PDF. */
export function agreementReference(id: number): string {
  return `SA-${String(id).padStart(4, '0')}`;
}

/** What the audit trail calls each action and field of an agreement. */
export const AGREEMENT_ACTIONS: Record<string, string> = {
  created: 'Agreement started',
  'terms-saved': 'Terms saved',
  'objective-added': 'Objective added',
  'objective-changed': 'Objective changed',
  'objective-removed': 'Objective removed',
  'pairing-added': 'Staff pairing added',
  'pairing-changed': 'Staff pairing changed',
  'pairing-removed': 'Staff pairing removed',
  signed: 'Signed',
  'signature-witnessed': 'Signature made in front of a coordinator recorded',
  'signatures-cleared': 'Signatures removed because the version changed',
  'version-locked': 'Signed by every party and locked',
  'variation-started': 'Variation started',
  'variation-discarded': 'Variation discarded',
  withdrawn: 'Withdrawn',
};

export const AGREEMENT_FIELD_LABELS: Record<string, string> = {
  version: 'Version',
  kind: 'Kind',
  supportedSchool: 'Supported school',
  leader: 'Leader',
  homeSchool: 'Home school',
  enquiry: 'Enquiry',
  party: 'Party',
  signatory: 'Signed by',
  capacity: 'Capacity',
  focusSpecialism: 'Focus specialism',
  halfDays: 'Half days agreed',
  visitPattern: 'Visit pattern',
  startDate: 'Start date',
  endDate: 'End date',
  fundingType: 'Funding',
  feePence: 'Fee (pence)',
  exchangeDescription: 'Exchange of services',
  exchangeHalfDays: 'Exchange worth (half days)',
  commissioningBody: 'Commissioning body',
  commissioningBodyName: 'Commissioning body’s name',
  supportedHeadName: 'Supported headteacher',
  priorityReasons: 'Priority reasons',
  focus: 'Focus',
  intensityHalfDaysPerWeek: 'Intensity (half days a week)',
  intensityReason: 'Reason for the intensity',
  endPointReason: 'Reason for the end point',
  objective: 'Objective',
  baseline: 'Baseline',
  successMeasure: 'Success measure',
  pairing: 'Pairing',
  pairingHalfDays: 'Pairing (half days)',
  signatures: 'Signatures',
  reason: 'Reason',
  status: 'Status',
};
