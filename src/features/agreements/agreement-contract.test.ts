import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { readyAgreement, signedAgreement } from '../../../test/support/agreements.ts';
import { errorSummary, page, textsOf } from '../../../test/support/html.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, cookiesFrom, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { DEFAULT_STANDARD_TERMS, STANDARD_TERM_MAX_LENGTH } from '../../platform/alliance/standard-terms.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';

const WORDED = {
  responsibilities: 'The supported school gives the leader a desk.\n\nThe home school pays the leader.',
  cancellation: 'Ten working days’ notice, in writing.',
  safeguarding: 'The leader follows the school’s policy.',
  dataProtection: 'Each school is its own controller.',
  invoicing: 'Invoices are payable within 14 days.',
};

async function pdfTextOf(t: TestApp, id: number, number: number, cookies: Record<string, string>) {
  const response = await t.app.inject({ url: `/staff/agreements/${id}/versions/${number}/pdf`, cookies });
  assert.equal(response.statusCode, 200);
  const pdf = await getDocumentProxy(new Uint8Array(response.rawPayload));
  const { text } = await extractText(pdf, { mergePages: true });
  return { text: text.replace(/[ \t]+/g, ' '), lines: text.split('\n').map((line) => line.trim()) };
}

describe('the agreement as a contract', () => {
  let t: TestApp;
  let admin: Person;
  let coordinator: Person;
  let supportedContact: Person;
  let leaders: Record<string, number>;
  before(async () => {
    t = await buildTestApp();
    leaders = await addExampleLeaders(t, 'amiraHussain', 'benCarter');
    admin = await person(t, { roles: ['administrator'] });
    coordinator = await person(t, { roles: ['coordinator'], name: 'Bethan Morgan' });
    supportedContact = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn });
  });
  after(() => t.close());

  test('the page and the PDF carry the letterhead, both schools’ addresses, the release consent and the standard terms', async () => {
    const id = await readyAgreement(t, coordinator.user, { leaderId: leaders.amiraHussain! });
    const consent = await t.app.services.release.recordConsent(coordinator.user, leaders.amiraHussain!, 2026, {
      releasedHalfDays: 30,
      headName: 'Łucja Wiśniewska',
      headConsentedOn: '2026-07-01',
      chairName: 'Gareth Jones',
      chairConsentedOn: '2026-07-08',
    });
    assert.ok(consent.ok, JSON.stringify(consent));

    const response = await t.app.inject({ url: `/staff/agreements/${id}`, cookies: supportedContact.cookies });
    assert.equal(response.statusCode, 200);
    const html = page(response.body);
    const letterhead = html.querySelector('#letterhead')!.text.replace(/\s+/g, ' ').trim();
    assert.equal(
      letterhead,
      'South Liverpool Schools Together c/o Palmerston School Minehead Road Liverpool L17 6AU 0151 428 2128 support@south-liverpool-schools.example',
    );
    const parties = textsOf(response.body, '#parties + .govuk-summary-list .govuk-summary-list__value');
    assert.match(parties[0]!, /^Banks Road Primary School \(URN 104516\)\sLiverpool L19 8JZ$/);
    assert.match(parties[2]!, /^Palmerston School \(URN 104748\)\sLiverpool L17/);
    assert.ok(!parties.some((party) => /Headteacher \(Headteacher\)/.test(party)));
    assert.equal(
      html.querySelector('#release-consent + p')!.text,
      'Palmerston School consented to release Amira Hussain in 2026/27: Łucja Wiśniewska, headteacher, on Wednesday 1 July 2026, and Gareth Jones, chair of governors, on Wednesday 8 July 2026.',
    );
    const headings = textsOf(response.body, '#standard-terms ~ h3');
    assert.deepEqual(headings, [
      'Responsibilities of each party',
      'Cancellation',
      'Safeguarding',
      'Data protection',
      'Invoicing for a fee',
    ]);
    const paragraphs = textsOf(response.body, '#standard-terms ~ p');
    for (const paragraph of DEFAULT_STANDARD_TERMS.safeguarding.split('\n')) assert.ok(paragraphs.includes(paragraph));

    const pdf = await pdfTextOf(t, id, 1, supportedContact.cookies);
    assert.ok(pdf.lines.includes(`Support agreement SA-${String(id).padStart(4, '0')}`), 'the reference is a line');
    assert.ok(pdf.lines.includes('SLE deployment, version 1'), '"version" is not wrapped onto a line of its own');
    assert.ok(!pdf.lines.includes('version 1'));
    for (const expected of [
      'South Liverpool Schools Together',
      'Minehead Road',
      'L17 6AU',
      'Palmerston School (URN 104748), Liverpool L17',
      'Release of the leader',
      'Gareth Jones, chair of governors, on Wednesday 8 July 2026',
      'Invoicing for a fee',
      'payable within 30 days',
    ])
      assert.ok(pdf.text.replace(/\s+/g, ' ').includes(expected), `the PDF says ${expected}`);
  });

  test('an LLE placement says how its release is consented to, and without consent a deployment says none is recorded', async () => {
    const placement = await readyAgreement(t, coordinator.user, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter!,
      schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
    });
    const placementPage = page(
      (await t.app.inject({ url: `/staff/agreements/${placement}`, cookies: coordinator.cookies })).body,
    );
    assert.match(
      placementPage.querySelector('#release-consent + p')!.text,
      /Banks Road Primary School consents to release Ben Carter for this placement by signing it below/,
    );

    const deployment = await readyAgreement(t, coordinator.user, {
      leaderId: leaders.amiraHussain!,
      terms: { startDate: '2027-09-13', endDate: '2027-12-17' },
    });
    const deploymentPage = page(
      (await t.app.inject({ url: `/staff/agreements/${deployment}`, cookies: coordinator.cookies })).body,
    );
    assert.equal(
      deploymentPage.querySelector('#release-consent + p')!.text,
      'No consent from Palmerston School’s headteacher and chair of governors to release Amira Hussain in 2027/28 is recorded in the release ledger yet.',
    );
  });

  test('administrators word the standard terms; new agreements print them, signed ones keep what was signed', async () => {
    const signedBefore = await signedAgreement(t, coordinator, { leaderId: leaders.amiraHussain! });

    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    assert.match(form.page.body, /Standard terms of agreements/);
    assert.ok(
      form.page.body.includes('Either school may end the agreement by giving the alliance'),
      'the defaults are shown to edit',
    );
    const saved = await submitForm(t.app, '/staff/settings/standard-terms', WORDED, form);
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/staff/settings#standard-terms');
    const settingsPage = await t.app.inject({
      url: '/staff/settings',
      cookies: { ...admin.cookies, ...cookiesFrom(saved) },
    });
    assert.match(settingsPage.body, /Standard terms saved/);
    assert.match(settingsPage.body, /Standard terms: Cancellation: from ‘Either school may cancel/);

    const after = await readyAgreement(t, coordinator.user, { leaderId: leaders.amiraHussain! });
    const afterPage = await t.app.inject({ url: `/staff/agreements/${after}`, cookies: coordinator.cookies });
    const paragraphs = textsOf(afterPage.body, '#standard-terms ~ p');
    assert.ok(paragraphs.includes('The supported school gives the leader a desk.'));
    assert.ok(paragraphs.includes('The home school pays the leader.'), 'a blank line starts a paragraph');
    assert.ok(paragraphs.includes('Ten working days’ notice, in writing.'));
    assert.ok(
      (await pdfTextOf(t, after, 1, coordinator.cookies)).text.includes('Invoices are payable within 14 days.'),
    );

    const beforePage = await t.app.inject({ url: `/staff/agreements/${signedBefore}`, cookies: coordinator.cookies });
    assert.ok(!beforePage.body.includes('Ten working days’ notice'), 'the signed version keeps its own terms');
    assert.ok((await pdfTextOf(t, signedBefore, 1, coordinator.cookies)).text.includes('payable within 30 days'));

    const varied = await t.app.services.agreementEditing.startVariation(coordinator.user, signedBefore, 'More days');
    assert.ok(varied.ok);
    const variation = await t.app.inject({ url: `/staff/agreements/${signedBefore}`, cookies: coordinator.cookies });
    assert.ok(variation.body.includes('Ten working days’ notice'), 'a variation is signed on today’s terms');
  });

  test('each clause is needed, bounded and free of control characters; the form keeps what was typed', async () => {
    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    const typed = {
      ...WORDED,
      responsibilities: '',
      cancellation: 'x'.repeat(STANDARD_TERM_MAX_LENGTH + 1),
      safeguarding: 'Report at once\u0007',
    };
    const response = await submitForm(t.app, '/staff/settings/standard-terms', typed, form);
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorSummary(response.body), [
      { href: '#safeguarding', text: 'Safeguarding must not contain control characters' },
    ]);

    const withoutControl = await submitForm(
      t.app,
      '/staff/settings/standard-terms',
      { ...typed, safeguarding: 'Report at once' },
      form,
    );
    assert.equal(withoutControl.statusCode, 400);
    assert.deepEqual(errorSummary(withoutControl.body), [
      { href: '#responsibilities', text: 'Enter the terms for responsibilities of each party' },
      { href: '#cancellation', text: 'The terms for cancellation must be 3,000 characters or fewer' },
    ]);
    assert.ok(withoutControl.body.includes('Invoices are payable within 14 days.'), 'what was typed is kept');
  });
});
