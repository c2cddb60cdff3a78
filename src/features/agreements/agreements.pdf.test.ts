import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { readyAgreement } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { type Person, person } from '../../../test/support/people.ts';

/** The PDF's text, page by page joined, as a reader (or a screen reader) would get it. */
async function pdfText(body: Buffer): Promise<{ text: string; pages: number; title: unknown }> {
  const pdf = await getDocumentProxy(new Uint8Array(body));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  const meta = await getMeta(pdf);
  return { text: text.replace(/\s+/g, ' '), pages: totalPages, title: (meta.info as Record<string, unknown>).Title };
}

describe('the agreement as a PDF', () => {
  let t: TestApp;
  let coordinator: Person;
  let banksRoadHead: Person;
  let palmerstonHead: Person;
  let id: number;
  before(async () => {
    t = await buildTestApp();
    const leaders = await addExampleLeaders(t, 'amiraHussain');
    coordinator = await person(t, { roles: ['coordinator'], name: 'Bethan Morgan', jobTitle: 'Alliance coordinator' });
    banksRoadHead = await person(t, {
      roles: ['school-contact'],
      name: 'Priya Shah',
      jobTitle: 'Deputy headteacher',
      schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    });
    palmerstonHead = await person(t, {
      roles: ['school-contact'],
      name: 'Łucja Wiśniewska',
      jobTitle: 'Headteacher',
      schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    });
    id = await readyAgreement(t, coordinator.user, {
      leaderId: leaders.amiraHussain,
      terms: {
        fundingType: 'exchange',
        feePence: null,
        exchangeDescription: 'Two days of phonics training for Palmerston’s staff',
        exchangeHalfDays: 4,
      },
    });
    const version = (await t.app.services.agreements.find(coordinator.user, id))!.version;
    const { versionFingerprint } = await import('./agreement-signing.service.ts');
    const fingerprint = versionFingerprint(version);
    for (const [who, party, capacity, headName] of [
      [banksRoadHead, 'supported-school', 'delegate', 'Maria Lopez'],
      [palmerstonHead, 'home-school', 'head', null],
      [coordinator, 'alliance', 'alliance', null],
    ] as const) {
      const signed = await t.app.services.agreementSigning.sign(who.user, id, {
        party,
        capacity,
        headName,
        fingerprint,
      });
      assert.ok(signed.ok, JSON.stringify(signed));
    }
  });
  after(() => t.close());

  test('downloads as a valid PDF naming the version, its parties, terms, objectives and signatures', async () => {
    const response = await t.app.inject({
      url: `/staff/agreements/${id}/versions/1/pdf`,
      cookies: banksRoadHead.cookies,
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    assert.equal(
      response.headers['content-disposition'],
      `attachment; filename="SA-${String(id).padStart(4, '0')}-version-1.pdf"`,
    );
    assert.equal(response.rawPayload.subarray(0, 8).toString(), '%PDF-1.7');
    assert.match(response.rawPayload.subarray(-8).toString(), /%%EOF/);

    const { text, pages, title } = await pdfText(response.rawPayload);
    assert.ok(pages >= 1);
    assert.equal(title, `Support agreement SA-${String(id).padStart(4, '0')}: SLE deployment, version 1`);
    for (const expected of [
      'Version 1, made on Monday 23 November 2026. Signed by every party on Monday 23 November 2026; it cannot be changed.',
      'Supported school: Banks Road Primary School (URN 104516)',
      'Specialist Leader of Education: Amira Hussain, Assistant headteacher',
      'SLE’s home school: Palmerston School (URN 104748)',
      'The alliance: South Liverpool Schools Together',
      'Focus specialism: Maths',
      'Days agreed: 10 days',
      'Start date: Monday 11 January 2027',
      'End date: Friday 16 July 2027',
      'Funding: An exchange of services worth 2 days: Two days of phonics training for Palmerston’s staff',
      'Objective 1: Pupils reason confidently in maths',
      'Baseline: 48% of Year 6 reached the expected standard in reasoning',
      'Success measure: At least 65% reach it in the summer assessments',
      'Supported school (Banks Road Primary School): signed by Priya Shah, Deputy headteacher, on behalf of Maria Lopez, headteacher, on 23 November 2026 at 10am. Signed in the service.',
      'SLE’s home school (Palmerston School): signed by Łucja Wiśniewska, Headteacher, on 23 November 2026 at 10am.',
      'The alliance (South Liverpool Schools Together): signed by Bethan Morgan, Alliance coordinator, for the alliance',
      `Page 1 of ${pages}`,
    ]) {
      assert.ok(text.includes(expected), `the PDF says: ${expected}\n\n${text}`);
    }
  });

  test('each version has its own PDF; another school’s contact cannot download it', async () => {
    const varied = await t.app.services.agreementEditing.startVariation(coordinator.user, id, 'One more day');
    assert.ok(varied.ok);
    const terms = (await t.app.services.agreements.find(coordinator.user, id))!.version.terms!;
    assert.equal(terms.kind, 'sle-deployment');
    const {
      kind: _kind,
      versionId: _versionId,
      focusSpecialismName: _name,
      ...fields
    } = terms as typeof terms & { focusSpecialismName: string };
    assert.ok(
      (await t.app.services.agreementEditing.saveDeploymentTerms(coordinator.user, id, { ...fields, halfDays: 22 })).ok,
    );

    const second = await pdfText(
      (await t.app.inject({ url: `/staff/agreements/${id}/versions/2/pdf`, cookies: coordinator.cookies })).rawPayload,
    );
    assert.ok(second.text.includes('Days agreed: 11 days'));
    assert.ok(second.text.includes('Reason for the variation: One more day'));
    assert.ok(second.text.includes('Supported school (Banks Road Primary School): not yet signed'));
    const first = await pdfText(
      (await t.app.inject({ url: `/staff/agreements/${id}/versions/1/pdf`, cookies: coordinator.cookies })).rawPayload,
    );
    assert.ok(first.text.includes('Days agreed: 10 days'), 'the signed version is unchanged');

    const stranger = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn });
    assert.equal(
      (await t.app.inject({ url: `/staff/agreements/${id}/versions/1/pdf`, cookies: stranger.cookies })).statusCode,
      404,
    );
    assert.equal(
      (await t.app.inject({ url: `/staff/agreements/${id}/versions/3/pdf`, cookies: coordinator.cookies })).statusCode,
      404,
    );
  });
});
