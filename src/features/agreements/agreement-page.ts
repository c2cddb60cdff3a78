import type { CurrentUser } from '../../platform/access.ts';
import { academicYearOf } from '../../platform/calendar/academic-year.ts';
import { hasAnyRole } from '../../platform/access.ts';
import type { Services } from '../../services.ts';
import { auditTrailFor } from '../audit/audit.service.ts';
import { releasePositions, releaseWarning } from '../release/release.service.ts';
import { whyLocked } from './agreement-editing.service.ts';
import { versionFingerprint, whyUserCannotSign, whyUserCannotWitness } from './agreement-signing.service.ts';
import { signingBlockers, unsignedParties } from './agreement-versions.service.ts';
import { agreementReference, KIND_LABELS, LEADER_TITLES, partyLabel, STATUS_LABELS, STATUS_TAG_CLASSES } from './agreements.labels.ts';
import { describeTerms, describeVersion, signatureViews } from './agreements.present.ts';
import { ALLIANCE_STAFF, type Agreement } from './agreements.service.ts';
import { reviewsAndFeedbackSection } from '../reviews/agreement-section.ts';

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

/** The heading every agreement page shares: "Amira Hussain at Banks Road Primary School". */
export function agreementHeading(agreement: Agreement) {
  const { id, kind, status } = agreement.agreement;
  return {
    id,
    reference: agreementReference(id),
    kindLabel: KIND_LABELS[kind],
    title: `${agreement.leader.name} at ${agreement.supportedSchool.name}`,
    status: { text: STATUS_LABELS[status], classes: STATUS_TAG_CLASSES[status] },
  };
}

/** The document itself (parties, terms, objectives, pairings, signatures): for the page, its print and each version. */
export function agreementDocument(agreement: Agreement, allianceName: string) {
  const { kind } = agreement.agreement;
  return {
    versionText: describeVersion(agreement.version),
    variationReason: agreement.version.variationReason,
    parties: [
      { key: partyLabel('supported-school', kind), value: `${agreement.supportedSchool.name} (URN ${agreement.supportedSchool.urn})` },
      { key: LEADER_TITLES[kind], value: [agreement.leader.name, agreement.leader.jobTitle].filter(Boolean).join(', ') },
      { key: partyLabel('home-school', kind), value: `${agreement.homeSchool.name} (URN ${agreement.homeSchool.urn})` },
      { key: partyLabel('alliance', kind), value: allianceName },
      ...(agreement.enquiryReference ? [{ key: 'In answer to enquiry', value: agreement.enquiryReference }] : []),
    ],
    terms: agreement.version.terms ? describeTerms(agreement.version.terms) : undefined,
    objectives: agreement.version.objectives,
    pairings: agreement.version.pairings,
    isPlacement: kind === 'lle-placement',
    signatures: signatureViews(agreement, allianceName, agreement.version.signatures),
  };
}

/** Everything the agreement page shows to this person: what they may change and sign decides its links. */
export async function agreementPageContext(services: Services, user: CurrentUser, agreement: Agreement) {
  const alliance = await services.alliances.current();
  const { version } = agreement;
  const { id, kind } = agreement.agreement;
  const isStaff = hasAnyRole(user, ALLIANCE_STAFF);
  const locked = whyLocked(agreement, version);
  const editable = isStaff && !locked;
  const blockers = signingBlockers(version);
  const unsigned = unsignedParties(version);
  const base = `/staff/agreements/${id}`;

  const tasks = [
    { title: { text: 'Agreement terms' }, href: editable ? `${base}/terms` : undefined, status: version.terms ? { text: 'Completed' } : { tag: { text: 'Incomplete', classes: 'govuk-tag--blue' } } },
    {
      title: { text: 'Objectives' },
      hint: { text: version.objectives.length === 1 ? '1 objective' : `${version.objectives.length} objectives` },
      href: editable ? `${base}/objectives/new` : undefined,
      status: version.objectives.length > 0 ? { text: 'Completed' } : { tag: { text: 'Incomplete', classes: 'govuk-tag--blue' } },
    },
    ...(kind === 'lle-placement'
      ? [{ title: { text: 'Staff pairings (optional)' }, hint: { text: `${version.pairings.length} paired` }, href: editable ? `${base}/pairings/new` : undefined, status: { text: version.pairings.length > 0 ? 'Completed' : 'Optional' } }]
      : []),
    {
      title: { text: 'Signatures' },
      href: blockers.length === 0 ? '#signatures' : undefined,
      status: blockers.length > 0 ? { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' } : unsigned.length === 0 ? { text: 'Completed' } : { tag: { text: `${3 - unsigned.length} of 3 signed`, classes: 'govuk-tag--light-blue' } },
    },
  ];

  const document = agreementDocument(agreement, alliance.name);
  const signatures = document.signatures.map((party) => ({
    ...party,
    canSign: !party.signed && !whyUserCannotSign(user, agreement, version, party.party),
    canWitness: !party.signed && !whyUserCannotWitness(user, agreement, version, party.party),
  }));

  let warning: string | undefined;
  if (version.terms?.kind === 'sle-deployment' && agreement.agreement.status !== 'withdrawn') {
    const year = academicYearOf(version.terms.startDate);
    const position = (await releasePositions(services.db, alliance.id, year.startYear, [agreement.leader.id])).get(agreement.leader.id);
    warning = position ? releaseWarning(position, year)?.text : undefined;
    if (warning) warning = `${agreement.leader.name} has ${warning}.`;
  }

  return {
    heading: agreementHeading(agreement),
    document,
    editable,
    lockedMessage: locked,
    isStaff,
    blockers,
    tasks,
    signatures,
    fingerprint: versionFingerprint(version),
    releaseWarning: warning,
    ledgerHref: kind === 'sle-deployment' && version.terms ? `/staff/release-ledger/${agreement.leader.id}?year=${academicYearOf(version.terms.startDate).name}` : undefined,
    canVary: isStaff && agreement.agreement.status === 'signed',
    canDiscardVariation: isStaff && agreement.agreement.status === 'varying',
    canWithdraw: isStaff && agreement.agreement.status === 'draft',
    versions: agreement.versions.map((row) => ({
      number: row.number,
      href: `${base}/versions/${row.number}`,
      current: row.id === agreement.agreement.currentVersionId,
      description: describeVersion(row),
    })),
    pdfHref: `${base}/versions/${version.number}/pdf`,
    reviewsSection: await reviewsAndFeedbackSection(services, user, agreement),
    auditTrail: await auditTrailFor(services.db, user, { allianceId: alliance.id, entityType: 'agreement', entityId: id, labels: AGREEMENT_FIELD_LABELS, actions: AGREEMENT_ACTIONS }),
  };
}
