import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { PLACEMENT_FORM } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { errorSummary, formFields } from '../../../test/support/html.ts';
import { type Person, person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { agreements, placementTerms } from './agreements.tables.ts';

describe('an LLE placement’s funding, asked as an SLE deployment’s is', () => {
  let t: TestApp;
  let coordinator: Person;
  let placement: number;
  before(async () => {
    t = await buildTestApp();
    const leaders = await addExampleLeaders(t, 'benCarter');
    coordinator = await person(t, { roles: ['coordinator'] });
    const lle = await t.app.services.agreements.create(coordinator.user, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      supportedSchoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    assert.ok(lle.ok);
    placement = lle.value.id;
  });
  after(() => t.close());

  const url = () => `/staff/agreements/${placement}/terms`;
  async function submit(fields: Record<string, string | string[]>) {
    return submitForm(t.app, url(), fields, await openForm(t.app, url(), coordinator.cookies));
  }
  async function saved() {
    const [row] = await t.database.db
      .select({ terms: placementTerms })
      .from(placementTerms)
      .innerJoin(agreements, eq(agreements.currentVersionId, placementTerms.versionId))
      .where(eq(agreements.id, placement));
    return row?.terms;
  }
  const page = async () =>
    (await t.app.inject({ url: `/staff/agreements/${placement}`, cookies: coordinator.cookies })).body;

  test('funding must be chosen, and a fee or an exchange filled in, with the answers kept', async () => {
    const { fundingType: _none, ...unfunded } = PLACEMENT_FORM;
    const missing = await submit(unfunded);
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(errorSummary(missing.body), [
      { href: '#fundingType', text: 'Select how the placement is funded' },
    ]);
    assert.equal(formFields(missing.body).commissioningBodyName, 'Liverpool City Council');

    const noFee = await submit({ ...PLACEMENT_FORM, fundingType: 'fee', fee: '' });
    assert.deepEqual(errorSummary(noFee.body), [{ href: '#fee', text: 'Enter the fee in pounds' }]);
    const zeroFee = await submit({ ...PLACEMENT_FORM, fundingType: 'fee', fee: '0' });
    assert.deepEqual(errorSummary(zeroFee.body), [
      { href: '#fee', text: 'The fee must be more than £0. If there is no fee, choose ‘No funding’' },
    ]);
    const hugeFee = await submit({ ...PLACEMENT_FORM, fundingType: 'fee', fee: '100000.01' });
    assert.deepEqual(errorSummary(hugeFee.body), [{ href: '#fee', text: 'The fee must be £100,000.00 or less' }]);
    const badExchange = await submit({ ...PLACEMENT_FORM, fundingType: 'exchange', exchangeDays: 'two' });
    assert.deepEqual(errorSummary(badExchange.body), [
      { href: '#exchangeDescription', text: 'Describe the services the supported school gives in exchange' },
      { href: '#exchangeDays', text: 'Enter what the exchange is worth in whole or half days, like 2 or 2.5' },
    ]);
    assert.equal(formFields(badExchange.body).exchangeDays, 'two');
    const unknownType = await submit({ ...PLACEMENT_FORM, fundingType: 'grant' });
    assert.equal(unknownType.statusCode, 400);
    assert.equal(await saved(), undefined);
  });

  test('a fee, then an exchange: only the chosen funding is stored, shown on the page, the PDF and the history', async () => {
    assert.equal((await submit({ ...PLACEMENT_FORM, fundingType: 'fee', fee: '2,000' })).statusCode, 303);
    assert.deepEqual(
      (({ fundingType, feePence, exchangeDescription, exchangeHalfDays }) => ({
        fundingType,
        feePence,
        exchangeDescription,
        exchangeHalfDays,
      }))((await saved())!),
      { fundingType: 'fee', feePence: 200_000, exchangeDescription: null, exchangeHalfDays: null },
    );
    assert.match(
      await page(),
      /A fee of £2,000(\.00)?, charged by the alliance to the supported school and passed to the LLE’s school/,
    );

    const exchange = {
      ...PLACEMENT_FORM,
      fundingType: 'exchange',
      fee: '2,000',
      exchangeDescription: 'Governor training for the LLE’s school',
      exchangeDays: '1.5',
    };
    assert.equal((await submit(exchange)).statusCode, 303);
    const terms = await saved();
    assert.deepEqual(
      [terms?.fundingType, terms?.feePence, terms?.exchangeDescription, terms?.exchangeHalfDays],
      ['exchange', null, 'Governor training for the LLE’s school', 3],
    );
    const body = await page();
    assert.match(body, /An exchange of services worth 1.5 days: Governor training for the LLE’s school/);
    // The history shows what changed between the two saves.
    assert.match(body, /Funding: from ‘fee’ to ‘exchange’/);
    assert.match(body, /Fee \(pence\): from ‘200000’ to ‘Not set’/);

    const pdf = await t.app.inject({
      url: `/staff/agreements/${placement}/versions/1/pdf`,
      cookies: coordinator.cookies,
    });
    assert.equal(pdf.statusCode, 200);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true });
    assert.match(
      text.replace(/\s+/g, ' '),
      /Funding: An exchange of services worth 1.5 days: Governor training for the LLE’s school/,
    );
  });

  test('terms saved before placements recorded funding read “Not recorded” and must be answered when saved again', async () => {
    await t.database.db
      .update(placementTerms)
      .set({ fundingType: null, feePence: null, exchangeDescription: null, exchangeHalfDays: null });
    assert.match(await page(), /Funding\s*<\/dt>\s*<dd[^>]*>\s*Not recorded/);
    const form = await t.app.inject({ url: url(), cookies: coordinator.cookies });
    assert.equal(formFields(form.body).fundingType, undefined);
    assert.deepEqual(errorSummary((await submit(unfundedForm())).body), [
      { href: '#fundingType', text: 'Select how the placement is funded' },
    ]);
  });
});

function unfundedForm() {
  const { fundingType: _none, ...rest } = PLACEMENT_FORM;
  return rest;
}
