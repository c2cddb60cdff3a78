import type { CurrentUser } from '../../platform/access.ts';
import { hasAnyRole } from '../../platform/access.ts';
import { whyLocked } from './agreement-editing.service.ts';
import { allowsMove } from './agreement-status.ts';
import { versionFingerprint, whyUserCannotSign, whyUserCannotWitness } from './agreement-signing.service.ts';
import { signingBlockers, unsignedParties } from './agreement-versions.service.ts';
import {
  agreementReference,
  KIND_LABELS,
  LEADER_TITLES,
  partyLabel,
  STATUS_LABELS,
  STATUS_TAG_CLASSES,
} from './agreements.labels.ts';
import { describeTerms, describeVersion, signatureViews } from './agreements.present.ts';
import { schoolAddress, type Contract } from './agreement-contract.ts';
import { ALLIANCE_STAFF, type Agreement, type AgreementService } from './agreements.service.ts';

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

/**
 * The document itself (letterhead, parties with their addresses, terms, objectives, pairings, the
 * leader's release, the standard terms and signatures): for the page, its print and each version.
 */
export function agreementDocument(agreement: Agreement, contract: Contract, enquiryHref?: string) {
  const { kind } = agreement.agreement;
  const allianceName = contract.letterhead.name;
  const school = (party: Agreement['supportedSchool']) => `${party.name} (URN ${party.urn})\n${schoolAddress(party)}`;
  return {
    letterhead: contract.letterhead,
    versionText: describeVersion(agreement.version),
    variationReason: agreement.version.variationReason,
    parties: [
      { key: partyLabel('supported-school', kind), value: school(agreement.supportedSchool) },
      {
        key: LEADER_TITLES[kind],
        value: [agreement.leader.name, agreement.leader.jobTitle].filter(Boolean).join(', '),
      },
      { key: partyLabel('home-school', kind), value: school(agreement.homeSchool) },
      { key: partyLabel('alliance', kind), value: [allianceName, ...contract.letterhead.addressLines].join('\n') },
      ...(agreement.enquiryReference
        ? [{ key: 'In answer to enquiry', value: agreement.enquiryReference, href: enquiryHref }]
        : []),
    ],
    terms: agreement.version.terms ? describeTerms(agreement.version.terms) : undefined,
    objectives: agreement.version.objectives,
    pairings: agreement.version.pairings,
    isPlacement: kind === 'lle-placement',
    releaseConsent: contract.releaseConsent,
    standardTerms: contract.standardTerms,
    signatures: signatureViews(agreement, allianceName, agreement.version.signatures),
  };
}

/**
 * The agreement's own part of its page for this person (what they may change and sign decides its
 * links); agreement-page/ adds the sections of the capabilities built on agreements.
 */
export async function agreementPageContext(agreements: AgreementService, user: CurrentUser, agreement: Agreement) {
  const { version } = agreement;
  const { id, kind } = agreement.agreement;
  const isStaff = hasAnyRole(user, ALLIANCE_STAFF);
  const locked = whyLocked(agreement, version);
  const editable = isStaff && !locked;
  const blockers = signingBlockers(version);
  const unsigned = unsignedParties(version);
  const base = `/staff/agreements/${id}`;

  const tasks = [
    {
      title: { text: 'Agreement terms' },
      href: editable ? `${base}/terms` : undefined,
      status: version.terms ? { text: 'Completed' } : { tag: { text: 'Incomplete', classes: 'govuk-tag--blue' } },
    },
    {
      title: { text: 'Objectives' },
      hint: { text: version.objectives.length === 1 ? '1 objective' : `${version.objectives.length} objectives` },
      href: editable ? `${base}/objectives/new` : undefined,
      status:
        version.objectives.length > 0
          ? { text: 'Completed' }
          : { tag: { text: 'Incomplete', classes: 'govuk-tag--blue' } },
    },
    ...(kind === 'lle-placement'
      ? [
          {
            title: { text: 'Staff pairings (optional)' },
            hint: { text: `${version.pairings.length} paired` },
            href: editable ? `${base}/pairings/new` : undefined,
            status: { text: version.pairings.length > 0 ? 'Completed' : 'Optional' },
          },
        ]
      : []),
    {
      title: { text: 'Signatures' },
      href: blockers.length === 0 ? '#signatures' : undefined,
      status:
        blockers.length > 0
          ? { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' }
          : unsigned.length === 0
            ? { text: 'Completed' }
            : { tag: { text: `${3 - unsigned.length} of 3 signed`, classes: 'govuk-tag--light-blue' } },
    },
  ];

  const document = agreementDocument(
    agreement,
    await agreements.contractFor(agreement),
    agreements.enquiryHrefFor(user, agreement),
  );
  const signatures = document.signatures.map((party) => ({
    ...party,
    canSign: !party.signed && !whyUserCannotSign(user, agreement, version, party.party),
    canWitness: !party.signed && !whyUserCannotWitness(user, agreement, version, party.party),
  }));

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
    canVary: isStaff && allowsMove(agreement.agreement.status, 'vary'),
    canDiscardVariation: isStaff && allowsMove(agreement.agreement.status, 'discard-variation'),
    canWithdraw: isStaff && allowsMove(agreement.agreement.status, 'withdraw'),
    versions: agreement.versions.map((row) => ({
      number: row.number,
      href: `${base}/versions/${row.number}`,
      current: row.id === agreement.agreement.currentVersionId,
      description: describeVersion(row),
    })),
    pdfHref: `${base}/versions/${version.number}/pdf`,
    auditTrail: await agreements.trail(user, id),
  };
}
