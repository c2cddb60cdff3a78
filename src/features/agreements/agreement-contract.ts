import type { Alliance } from '../../platform/alliance/alliance.service.ts';
import { STANDARD_TERM_HEADINGS, STANDARD_TERM_KEYS, standardTermsOf } from '../../platform/alliance/standard-terms.ts';
import { academicYearOf } from '../../platform/calendar/academic-year.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import type { AgreementParties } from './agreements.repository.ts';
import type { VersionContent } from './agreement-versions.service.ts';

/**
 * What turns an agreement's terms into a contract: the alliance's letterhead, the addresses of the
 * schools, the release the leader's school consented to, and the alliance's standard terms. The page,
 * its print, the signing page and the PDF all take it from here, so they say the same.
 */

/** A head's and chair's consent to release an SLE for a year, as the release ledger records it. */
export type ReleaseConsentRecord = {
  headName: string;
  headConsentedOn: string;
  chairName: string;
  chairConsentedOn: string;
};

/** Looks up the consent recorded in the release ledger (a capability above agreements: wired in services.ts). */
export type ReleaseConsentSource = (
  allianceId: number,
  leaderId: number,
  startYear: number,
) => Promise<ReleaseConsentRecord | undefined>;

export type Letterhead = { name: string; addressLines: string[]; telephone: string; email: string };

export type Contract = {
  letterhead: Letterhead;
  releaseConsent: { heading: string; text: string };
  standardTerms: Array<{ heading: string; paragraphs: string[] }>;
};

/** A school's address as the register knows it: its town and postcode (GIAS gives no street here). */
export function schoolAddress(school: { town: string | null; postcode: string | null }): string {
  return [school.town, school.postcode].filter(Boolean).join(' ') || 'Address not known';
}

export function releaseConsentText(
  parties: AgreementParties,
  version: VersionContent,
  consent: ReleaseConsentRecord | undefined,
): string {
  const { leader, homeSchool } = parties;
  if (parties.agreement.kind === 'lle-placement')
    return `The release ledger records consent for SLEs only. ${homeSchool.name} consents to release ${leader.name} for this placement by signing it below.`;
  if (version.terms?.kind !== 'sle-deployment')
    return 'The release consent for the year the deployment starts is shown once its start date is agreed.';
  const year = academicYearOf(version.terms.startDate).name;
  if (!consent)
    return `No consent from ${homeSchool.name}’s headteacher and chair of governors to release ${leader.name} in ${year} is recorded in the release ledger yet.`;
  return (
    `${homeSchool.name} consented to release ${leader.name} in ${year}: ` +
    `${consent.headName}, headteacher, on ${formatLongDate(consent.headConsentedOn)}, and ` +
    `${consent.chairName}, chair of governors, on ${formatLongDate(consent.chairConsentedOn)}.`
  );
}

/** The contract around one version of an agreement; the version's own copy of the standard terms wins. */
export function describeContract(
  alliance: Alliance,
  parties: AgreementParties,
  version: VersionContent,
  consent: ReleaseConsentRecord | undefined,
): Contract {
  const terms = standardTermsOf(version.standardTerms ?? alliance.standardTerms);
  return {
    letterhead: {
      name: alliance.name,
      addressLines: alliance.addressLines,
      telephone: alliance.telephone,
      email: alliance.email,
    },
    releaseConsent: { heading: 'Release of the leader', text: releaseConsentText(parties, version, consent) },
    standardTerms: STANDARD_TERM_KEYS.map((key) => ({
      heading: STANDARD_TERM_HEADINGS[key],
      paragraphs: terms[key].split('\n').filter((paragraph) => paragraph.trim() !== ''),
    })),
  };
}
