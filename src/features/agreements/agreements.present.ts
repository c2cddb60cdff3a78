import { daysBetween, formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime, londonDate } from '../../platform/calendar/london-time.ts';
import { formatHalfDays, formatPence } from '../../platform/units.ts';
import type { SignatureWithRecorder } from './agreement-content.repository.ts';
import { placementRange } from './agreement-terms.service.ts';
import type { Terms } from './agreement-versions.service.ts';
import { COMMISSIONING_BODY_LABELS, PRIORITY_REASON_LABELS, partyLabel, partyPhrase } from './agreements.labels.ts';
import type { AgreementParties } from './agreements.repository.ts';
import type { Party } from './agreements.model.ts';

/**
 * What an agreement says, as labelled lines: one description for the page, the printed copy and the
 * PDF, so all three always say the same.
 */
export type Line = { key: string; value: string; lines?: string[] };

function weeksOrMonths(startDate: string, endDate: string): string {
  const days = daysBetween(startDate, endDate);
  const months = Math.round(days / 30.44);
  return months >= 2 ? `about ${months} months` : `${Math.round(days / 7)} weeks`;
}

/** How the support is funded, in a sentence; `releasing` is whose school releases the leader. */
function describeFunding(terms: Terms, releasing: string): string {
  if (terms.fundingType === 'fee')
    return `A fee of ${formatPence(terms.feePence ?? 0)}, charged by the alliance to the supported school and passed to ${releasing}`;
  if (terms.fundingType === 'exchange')
    return `An exchange of services worth ${formatHalfDays(terms.exchangeHalfDays ?? 0)}: ${terms.exchangeDescription ?? ''}`;
  if (terms.fundingType === 'none') return `No funding: ${releasing} releases the leader without charge`;
  // Placement terms saved before placements recorded funding.
  return 'Not recorded';
}

export function describeTerms(terms: Terms): Line[] {
  if (terms.kind === 'sle-deployment') {
    return [
      { key: 'Focus specialism', value: terms.focusSpecialismName },
      { key: 'Days agreed', value: formatHalfDays(terms.halfDays) },
      { key: 'Visit pattern', value: terms.visitPattern },
      { key: 'Start date', value: formatLongDate(terms.startDate) },
      { key: 'End date', value: formatLongDate(terms.endDate) },
      { key: 'Funding', value: describeFunding(terms, 'the home school') },
    ];
  }
  const range = placementRange(terms);
  const perWeek =
    terms.intensityHalfDaysPerWeek === 1
      ? 'Half a day a week'
      : `${formatHalfDays(terms.intensityHalfDaysPerWeek)} a week`;
  return [
    {
      key: 'Commissioned by',
      value: `${terms.commissioningBodyName} (${COMMISSIONING_BODY_LABELS[terms.commissioningBody].replace(/^An? /, '').toLowerCase()})`,
    },
    { key: 'Supported headteacher', value: terms.supportedHeadName },
    {
      key: 'Why the school is a priority',
      value: terms.priorityReasons.map((reason) => PRIORITY_REASON_LABELS[reason]).join('; '),
      lines: terms.priorityReasons.map((reason) => PRIORITY_REASON_LABELS[reason]),
    },
    { key: 'Focus on school improvement', value: terms.focus },
    {
      key: 'Intensity',
      value:
        perWeek +
        (terms.intensityReason
          ? `. ${range.intensityOutside ? 'Reason for more than 1 day a week' : 'Note'}: ${terms.intensityReason}`
          : ''),
    },
    { key: 'Start date', value: formatLongDate(terms.startDate) },
    {
      key: 'Agreed end point',
      value:
        `${formatLongDate(terms.endDate)} (${weeksOrMonths(terms.startDate, terms.endDate)})` +
        (terms.endPointReason
          ? `. ${range.lengthOutside ? 'Reason for a length outside 6 months to 3 years' : 'Note'}: ${terms.endPointReason}`
          : ''),
    },
    { key: 'Funding', value: describeFunding(terms, 'the LLE’s school') },
  ];
}

export type SignatureView = {
  party: Party;
  partyLabel: string;
  /** After "the", in a sentence: "SLE’s home school". */
  phrase: string;
  organisation: string;
  /** `line`: who signed and in what capacity, as one phrase ("Priya Shah, Deputy headteacher, on behalf of ..."). */
  signed?: { name: string; role: string; line: string; when: string; how: string };
};

/**
 * Who signed, in their own role, and for whom when they signed as a delegate. Never the role and a
 * capacity side by side ("Deputy headteacher (Headteacher)"), which read as if a deputy were the head.
 */
export function signatureLine(
  signature: Pick<SignatureWithRecorder, 'signatoryName' | 'signatoryRole' | 'capacity' | 'headName'>,
): string {
  const signer = `${signature.signatoryName}, ${signature.signatoryRole}`;
  if (signature.capacity === 'delegate') return `${signer}, on behalf of ${signature.headName}, headteacher`;
  if (signature.capacity === 'alliance') return `${signer}, for the alliance`;
  return signer;
}

export function describeSignature(signature: SignatureWithRecorder): NonNullable<SignatureView['signed']> {
  return {
    name: signature.signatoryName,
    role: signature.signatoryRole,
    line: signatureLine(signature),
    when: formatLondonDateTime(signature.signedAt),
    how:
      signature.method === 'witnessed'
        ? `Signed in front of ${signature.recordedByName}, who recorded it`
        : 'Signed in the service',
  };
}

/** The three parties and their signatures on a version, in the agreement's order. */
export function signatureViews(
  parties: AgreementParties,
  allianceName: string,
  signatures: SignatureWithRecorder[],
): SignatureView[] {
  const organisation: Record<Party, string> = {
    'supported-school': parties.supportedSchool.name,
    'home-school': parties.homeSchool.name,
    alliance: allianceName,
  };
  return (['supported-school', 'home-school', 'alliance'] as const).map((party) => {
    const signature = signatures.find((candidate) => candidate.party === party);
    return {
      party,
      partyLabel: partyLabel(party, parties.agreement.kind),
      phrase: partyPhrase(party, parties.agreement.kind),
      organisation: organisation[party],
      ...(signature ? { signed: describeSignature(signature) } : {}),
    };
  });
}

/** "Version 2, a variation: the head asked for two more days. Signed by every party on 3 December 2026." */
export function describeVersion(version: {
  number: number;
  variationReason: string | null;
  lockedAt: Date | null;
  createdAt: Date;
}): string {
  const what =
    version.number === 1
      ? `Version 1, made on ${formatLongDate(londonDate(version.createdAt))}`
      : `Version ${version.number}, a variation made on ${formatLongDate(londonDate(version.createdAt))}`;
  return `${what}. ${version.lockedAt ? `Signed by every party on ${formatLongDate(londonDate(version.lockedAt))}; it cannot be changed.` : 'Not yet signed by every party.'}`;
}
