import PDFDocument from 'pdfkit';
import { pdfFonts } from '../../platform/pdf/fonts.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import { formatHalfDays } from '../../platform/units.ts';
import { agreementReference, KIND_LABELS, LEADER_TITLES, partyLabel } from './agreements.labels.ts';
import { describeTerms, describeVersion, signatureViews } from './agreements.present.ts';
import type { Agreement } from './agreements.service.ts';
import { schoolAddress, type Contract } from './agreement-contract.ts';

const MARGIN = 56;
const GREY = '#505a5f';

/**
 * The agreement's version as a PDF: its parties, terms, objectives, pairings and signatures (who, in
 * what role, when), in the words the page uses. Made in-process with pdfkit; tagged, with its
 * language and title, so screen readers can read it.
 */
export async function agreementPdf(input: {
  contract: Contract;
  agreement: Agreement;
  generatedAt: Date;
}): Promise<Buffer> {
  const { agreement, contract } = input;
  const allianceName = contract.letterhead.name;
  const { version } = agreement;
  const kind = agreement.agreement.kind;
  const reference = agreementReference(agreement.agreement.id);
  const title = `Support agreement ${reference}: ${KIND_LABELS[kind]}, version ${version.number}`;

  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: title,
      Author: allianceName,
      Subject: `${agreement.leader.name} and ${agreement.supportedSchool.name}`,
      Creator: 'School-to-school support',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const loaded = pdfFonts();
  doc.registerFont('regular', loaded.regular);
  doc.registerFont('bold', loaded.bold);

  const tagged = (role: 'H1' | 'H2' | 'H3' | 'P', write: () => void) => doc.addStructure(doc.struct(role, {}, write));
  const heading = (text: string, level: 'H1' | 'H2' | 'H3' = 'H2') => {
    const size = { H1: 18, H2: 14, H3: 12 }[level];
    if (level !== 'H1') doc.moveDown(level === 'H2' ? 1 : 0.5);
    tagged(level, () => doc.font('bold').fontSize(size).fillColor('black').text(text));
    doc.moveDown(0.3);
  };
  const paragraph = (text: string, options: { colour?: string } = {}) =>
    tagged('P', () =>
      doc
        .font('regular')
        .fontSize(11)
        .fillColor(options.colour ?? 'black')
        .text(text),
    );
  const labelled = (key: string, value: string) =>
    tagged('P', () => {
      doc.font('bold').fontSize(11).fillColor('black').text(`${key}: `, { continued: true });
      doc.font('regular').text(value);
    });

  // The letterhead: who the agreement is with, and where to write to them.
  const { letterhead } = contract;
  tagged('P', () => doc.font('bold').fontSize(12).fillColor('black').text(letterhead.name, { align: 'right' }));
  tagged('P', () =>
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(GREY)
      .text([...letterhead.addressLines, letterhead.telephone, letterhead.email].join('\n'), { align: 'right' }),
  );
  doc.moveDown(1);
  // The reference on one line and what it is on the next: together they wrapped "version 1" onto a line of its own.
  heading(`Support agreement ${reference}`, 'H1');
  paragraph(`${KIND_LABELS[kind]}, version ${version.number}`);
  paragraph(describeVersion(version), { colour: GREY });
  if (version.variationReason) labelled('Reason for the variation', version.variationReason);
  if (agreement.agreement.status === 'withdrawn') labelled('Withdrawn', agreement.agreement.withdrawnReason ?? '');

  heading('The parties');
  const school = (party: Agreement['supportedSchool']) => `${party.name} (URN ${party.urn}), ${schoolAddress(party)}`;
  labelled(partyLabel('supported-school', kind), school(agreement.supportedSchool));
  labelled(LEADER_TITLES[kind], [agreement.leader.name, agreement.leader.jobTitle].filter(Boolean).join(', '));
  labelled(partyLabel('home-school', kind), school(agreement.homeSchool));
  labelled(partyLabel('alliance', kind), [allianceName, ...letterhead.addressLines].join(', '));
  if (agreement.enquiryReference) labelled('In answer to enquiry', agreement.enquiryReference);

  heading('Terms');
  if (version.terms) for (const line of describeTerms(version.terms)) labelled(line.key, line.value);
  else paragraph('The terms have not been completed.');

  heading('Objectives');
  if (version.objectives.length === 0) paragraph('No objectives have been added.');
  version.objectives.forEach((objective, index) => {
    heading(`Objective ${index + 1}: ${objective.objective}`, 'H3');
    labelled('Baseline', objective.baseline);
    labelled('Success measure', objective.successMeasure);
  });

  if (kind === 'lle-placement') {
    heading('Staff pairings');
    if (version.pairings.length === 0) paragraph('No other staff are paired.');
    for (const pairing of version.pairings) {
      const person = (role: string, name: string | null) => (name ? `${name}, ${role}` : role);
      labelled(
        `${person(pairing.leaderSchoolRole, pairing.leaderSchoolName)} with ${person(pairing.supportedSchoolRole, pairing.supportedSchoolName)}`,
        `${pairing.specialismName}, ${formatHalfDays(pairing.halfDays)}`,
      );
    }
  }

  heading(contract.releaseConsent.heading);
  paragraph(contract.releaseConsent.text);

  heading('Standard terms');
  for (const section of contract.standardTerms) {
    heading(section.heading, 'H3');
    for (const text of section.paragraphs) {
      paragraph(text);
      doc.moveDown(0.3);
    }
  }

  heading('Signatures');
  for (const party of signatureViews(agreement, allianceName, version.signatures)) {
    const who = `${party.partyLabel} (${party.organisation})`;
    labelled(
      who,
      party.signed ? `signed by ${party.signed.line}, on ${party.signed.when}. ${party.signed.how}.` : 'not yet signed',
    );
  }

  const generated = `${reference}, version ${version.number}. Made on ${formatLondonDateTime(input.generatedAt)} by ${allianceName}.`;
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Writing below the bottom margin would start a new page: lift it for the footer only.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    // Page furniture, not content: marked as an artifact so screen readers skip it.
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(GREY)
      .text(`${generated} Page ${index + 1} of ${range.count}.`, MARGIN, doc.page.height - MARGIN, {
        width: doc.page.width - 2 * MARGIN,
        lineBreak: false,
      });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
