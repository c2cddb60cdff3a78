import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { DEPLOYMENT_FORM, PLACEMENT_FORM, specialismId } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { alliances } from '../../platform/alliance/alliance.tables.ts';
import {
  agreementObjectives,
  agreements,
  deploymentTerms,
  placementPairings,
  placementTerms,
} from './agreements.tables.ts';
import { placementTermsProblems } from './agreement-terms.service.ts';
import { errorSummary, formFields } from '../../../test/support/html.ts';
import { type Person, person } from '../../../test/support/people.ts';

describe('the terms of an agreement, its objectives and its staff pairings', () => {
  let t: TestApp;
  let coordinator: Person;
  let deployment: number;
  let placement: number;
  let maths: string;
  before(async () => {
    t = await buildTestApp();
    const leaders = await addExampleLeaders(t, 'amiraHussain', 'benCarter');
    coordinator = await person(t, { roles: ['coordinator'] });
    const sle = await t.app.services.agreements.create(coordinator.user, {
      kind: 'sle-deployment',
      leaderId: leaders.amiraHussain,
      supportedSchoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
    });
    const lle = await t.app.services.agreements.create(coordinator.user, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      supportedSchoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    assert.ok(sle.ok && lle.ok);
    deployment = sle.value.id;
    placement = lle.value.id;
    maths = String(await specialismId(t, 'Maths'));
  });
  after(() => t.close());

  const termsOf = async (table: typeof deploymentTerms | typeof placementTerms, id: number) => {
    const [row] = await t.database.db
      .select()
      .from(table)
      .innerJoin(agreements, eq(agreements.currentVersionId, table.versionId))
      .where(eq(agreements.id, id));
    return row
      ? ((row as Record<string, unknown>)[table === deploymentTerms ? 'deployment_terms' : 'placement_terms'] as Record<
          string,
          unknown
        >)
      : undefined;
  };

  async function submitDeployment(fields: Record<string, string | string[]>) {
    const form = await openForm(t.app, `/staff/agreements/${deployment}/terms`, coordinator.cookies);
    return submitForm(t.app, `/staff/agreements/${deployment}/terms`, fields, form);
  }

  async function submitPlacement(fields: Record<string, string | string[]>) {
    const form = await openForm(t.app, `/staff/agreements/${placement}/terms`, coordinator.cookies);
    return submitForm(t.app, `/staff/agreements/${placement}/terms`, fields, form);
  }

  test('a deployment’s terms: every missing answer is explained, in the order of the form', async () => {
    const response = await submitDeployment({});
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorSummary(response.body), [
      { href: '#focusSpecialismId', text: 'Select the focus specialism' },
      { href: '#days', text: 'Enter the days agreed' },
      { href: '#visitPattern', text: 'Enter the visit pattern, for example every other Tuesday morning' },
      { href: '#startDate-day', text: 'Enter the start date' },
      { href: '#endDate-day', text: 'Enter the end date' },
      { href: '#fundingType', text: 'Select how the deployment is funded' },
    ]);
    assert.equal(await termsOf(deploymentTerms, deployment), undefined);
  });

  test('a focus specialism the SLE does not hold is refused, naming those they hold; input kept', async () => {
    const phonics = String(await specialismId(t, 'Phonics'));
    const response = await submitDeployment({ ...DEPLOYMENT_FORM, focusSpecialismId: phonics });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorSummary(response.body), [
      {
        href: '#focusSpecialismId',
        text: 'Amira Hussain does not hold Phonics as a specialism. Choose one they hold: Assessment, Maths, SEN',
      },
    ]);
    assert.equal(formFields(response.body).focusSpecialismId, phonics);
    assert.equal(await termsOf(deploymentTerms, deployment), undefined);
  });

  test('days at least the alliance’s minimum (a setting), end after start, real dates; input kept', async () => {
    const halfADay = await submitDeployment({
      ...DEPLOYMENT_FORM,
      focusSpecialismId: maths,
      days: '0.5',
      'endDate-day': '11',
      'endDate-month': '1',
    });
    assert.equal(halfADay.statusCode, 400);
    assert.deepEqual(errorSummary(halfADay.body), [
      { href: '#days', text: 'The days agreed must be at least 1 day, the alliance’s minimum deployment' },
      { href: '#endDate-day', text: 'The end date must be after the start date' },
    ]);
    const kept = formFields(halfADay.body);
    assert.deepEqual(
      [kept.days, kept.focusSpecialismId, kept.visitPattern, kept['endDate-day'], kept.fundingType, kept.fee],
      ['0.5', maths, 'Every other Tuesday morning', '11', 'fee', '1,500'],
    );

    await t.database.db.update(alliances).set({ minimumDeploymentHalfDays: 3 });
    t.app.services.alliances.forget();
    const oneDay = await submitDeployment({ ...DEPLOYMENT_FORM, focusSpecialismId: maths, days: '1' });
    assert.deepEqual(errorSummary(oneDay.body), [
      { href: '#days', text: 'The days agreed must be at least 1.5 days, the alliance’s minimum deployment' },
    ]);
    await t.database.db.update(alliances).set({ minimumDeploymentHalfDays: 2 });
    t.app.services.alliances.forget();

    const badFormats = await submitDeployment({
      ...DEPLOYMENT_FORM,
      focusSpecialismId: maths,
      days: '2.25',
      'startDate-day': '31',
      'startDate-month': '2',
      'endDate-year': '27',
      fee: 'lots',
    });
    assert.deepEqual(errorSummary(badFormats.body), [
      { href: '#days', text: 'Enter the days agreed in whole or half days, like 5 or 5.5' },
      { href: '#startDate-day', text: 'The start date must be a real date' },
      { href: '#endDate-day', text: 'The year of the end date must include 4 numbers' },
      { href: '#fee', text: 'Enter the fee in pounds and pence, like 1,500 or 1500.50' },
    ]);
    const tooMany = await submitDeployment({ ...DEPLOYMENT_FORM, focusSpecialismId: maths, days: '191' });
    assert.deepEqual(errorSummary(tooMany.body), [
      { href: '#days', text: 'The days agreed must be 190 days or fewer, a school year' },
    ]);
    assert.equal(await termsOf(deploymentTerms, deployment), undefined);
  });

  test('funding: a fee in pence above £0, or an exchange described and valued in days, or none', async () => {
    const noFee = await submitDeployment({ ...DEPLOYMENT_FORM, focusSpecialismId: maths, fee: '0' });
    assert.deepEqual(errorSummary(noFee.body), [
      { href: '#fee', text: 'The fee must be more than £0. If there is no fee, choose ‘No funding’' },
    ]);
    const emptyFee = await submitDeployment({ ...DEPLOYMENT_FORM, focusSpecialismId: maths, fee: '' });
    assert.deepEqual(errorSummary(emptyFee.body), [{ href: '#fee', text: 'Enter the fee in pounds' }]);
    const exchange = await submitDeployment({
      ...DEPLOYMENT_FORM,
      focusSpecialismId: maths,
      fundingType: 'exchange',
      fee: '1,500',
    });
    assert.deepEqual(errorSummary(exchange.body), [
      { href: '#exchangeDescription', text: 'Describe the services the supported school gives in exchange' },
      { href: '#exchangeDays', text: 'Enter what the exchange is worth in days' },
    ]);
    const worthless = await submitDeployment({
      ...DEPLOYMENT_FORM,
      focusSpecialismId: maths,
      fundingType: 'exchange',
      exchangeDescription: 'Phonics training',
      exchangeDays: '0',
    });
    assert.deepEqual(errorSummary(worthless.body), [
      { href: '#exchangeDays', text: 'Enter what the exchange is worth in days, more than 0' },
    ]);

    assert.equal(
      (await submitDeployment({ ...DEPLOYMENT_FORM, focusSpecialismId: maths, fee: '£1,500.50' })).statusCode,
      303,
    );
    assert.deepEqual(await termsOf(deploymentTerms, deployment), {
      versionId: (await termsOf(deploymentTerms, deployment))!.versionId,
      focusSpecialismId: Number(maths),
      halfDays: 20,
      visitPattern: 'Every other Tuesday morning',
      startDate: '2027-01-11',
      endDate: '2027-07-16',
      fundingType: 'fee',
      feePence: 150_050,
      exchangeDescription: null,
      exchangeHalfDays: null,
    });
    // Choosing an exchange after a fee was typed keeps only the exchange.
    assert.equal(
      (
        await submitDeployment({
          ...DEPLOYMENT_FORM,
          focusSpecialismId: maths,
          fundingType: 'exchange',
          exchangeDescription: 'Phonics training',
          exchangeDays: '1.5',
        })
      ).statusCode,
      303,
    );
    const exchanged = await termsOf(deploymentTerms, deployment);
    assert.deepEqual(
      [exchanged?.feePence, exchanged?.exchangeDescription, exchanged?.exchangeHalfDays],
      [null, 'Phonics training', 3],
    );
    assert.equal(
      (
        await submitDeployment({
          ...DEPLOYMENT_FORM,
          focusSpecialismId: maths,
          fundingType: 'none',
          exchangeDescription: 'left over',
        })
      ).statusCode,
      303,
    );
    const none = await termsOf(deploymentTerms, deployment);
    assert.deepEqual(
      [none?.fundingType, none?.feePence, none?.exchangeDescription, none?.exchangeHalfDays],
      ['none', null, null, null],
    );

    const page = await t.app.inject({ url: `/staff/agreements/${deployment}`, cookies: coordinator.cookies });
    assert.match(page.body, /No funding: the home school releases the leader without charge/);
    // The history names the focus specialism, not its id.
    assert.match(page.body, /Focus specialism: from ‘None’ to ‘Maths’|Focus specialism: ‘Maths’/);
    assert.doesNotMatch(page.body, /focusSpecialismId|Focus specialism \(id\)/);
  });

  test('a placement’s terms: commissioning body, head, at least one priority reason, focus, intensity and dates', async () => {
    const empty = await submitPlacement({});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#commissioningBody', text: 'Select who commissioned the placement' },
      { href: '#commissioningBodyName', text: 'Enter the name of the commissioning body' },
      { href: '#supportedHeadName', text: 'Enter the name of the supported school’s headteacher' },
      { href: '#priorityReasons', text: 'Select at least one reason the school is a priority' },
      { href: '#focus', text: 'Enter the focus on school improvement' },
      { href: '#intensity', text: 'Enter the intensity in days a week' },
      { href: '#startDate-day', text: 'Enter the start date' },
      { href: '#endDate-day', text: 'Enter the agreed end point' },
      { href: '#fundingType', text: 'Select how the placement is funded' },
    ]);
    const kept = await submitPlacement({ ...PLACEMENT_FORM, priorityReasons: ['vulnerable', 'new-head'], focus: '' });
    assert.match(kept.body, /value="vulnerable" checked/);
    assert.match(kept.body, /value="new-head" checked/);
    assert.doesNotMatch(kept.body, /value="below-expected-standards" checked/);
  });

  test('a placement outside half a day to 1 day a week, or 6 months to 3 years, needs a recorded reason', async () => {
    const intense = await submitPlacement({ ...PLACEMENT_FORM, intensity: '1.5' });
    assert.deepEqual(errorSummary(intense.body), [
      { href: '#intensityReason', text: 'The intensity is more than 1 day a week: enter the reason for it' },
    ]);
    const tooShort = await submitPlacement({
      ...PLACEMENT_FORM,
      'endDate-day': '10',
      'endDate-month': '7',
      'endDate-year': '2027',
    });
    assert.deepEqual(errorSummary(tooShort.body), [
      {
        href: '#endPointReason',
        text: 'The agreed end point is less than 6 months after the start: enter the reason for it',
      },
    ]);
    const tooLong = await submitPlacement({
      ...PLACEMENT_FORM,
      'endDate-day': '12',
      'endDate-month': '1',
      'endDate-year': '2030',
    });
    assert.deepEqual(errorSummary(tooLong.body), [
      {
        href: '#endPointReason',
        text: 'The agreed end point is more than 3 years after the start: enter the reason for it',
      },
    ]);
    const tooMuch = await submitPlacement({ ...PLACEMENT_FORM, intensity: '5.5' });
    assert.deepEqual(errorSummary(tooMuch.body), [
      { href: '#intensity', text: 'The intensity must be 5 days a week or fewer' },
    ]);
    assert.equal(await termsOf(placementTerms, placement), undefined);

    // Exactly 6 months and exactly 3 years are inside the range; half a day and 1 day a week too.
    for (const [end, intensity] of [
      [['11', '7', '2027'], '0.5'],
      [['11', '1', '2030'], '1'],
    ] as const) {
      const saved = await submitPlacement({
        ...PLACEMENT_FORM,
        intensity,
        'endDate-day': end[0],
        'endDate-month': end[1],
        'endDate-year': end[2],
      });
      assert.equal(
        saved.statusCode,
        303,
        errorSummary(saved.body)
          .map((problem) => problem.text)
          .join('; '),
      );
    }
    const withReasons = await submitPlacement({
      ...PLACEMENT_FORM,
      intensity: '2',
      intensityReason: 'The school is in special measures',
      'endDate-day': '12',
      'endDate-month': '1',
      'endDate-year': '2030',
      endPointReason: 'The local authority commissioned three and a half years',
    });
    assert.equal(withReasons.statusCode, 303);
    const saved = await termsOf(placementTerms, placement);
    assert.deepEqual(
      [saved?.intensityHalfDaysPerWeek, saved?.intensityReason, saved?.endDate, saved?.endPointReason],
      [4, 'The school is in special measures', '2030-01-12', 'The local authority commissioned three and a half years'],
    );
    const page = await t.app.inject({ url: `/staff/agreements/${placement}`, cookies: coordinator.cookies });
    assert.match(page.body, /2 days a week. Reason for more than 1 day a week: The school is in special measures/);
    assert.match(
      page.body,
      /Reason for a length outside 6 months to 3 years: The local authority commissioned three and a half years/,
    );
  });

  test('terms sent from an expired form: nothing saved, the answers kept, the first field named', async () => {
    for (const [id, table, fields, first, kept] of [
      [
        deployment,
        deploymentTerms,
        { ...DEPLOYMENT_FORM, focusSpecialismId: maths, visitPattern: 'Sent from an expired form' },
        '#focusSpecialismId',
        'visitPattern',
      ],
      [
        placement,
        placementTerms,
        { ...PLACEMENT_FORM, focus: 'Sent from an expired form' },
        '#commissioningBody',
        'focus',
      ],
    ] as const) {
      const before = await termsOf(table, id);
      const form = await openForm(t.app, `/staff/agreements/${id}/terms`, coordinator.cookies);
      const expired = await submitForm(t.app, `/staff/agreements/${id}/terms`, fields, {
        ...form,
        csrfToken: 'from-a-session-that-has-ended',
      });
      assert.equal(expired.statusCode, 403, 'a refused CSRF token is a 403, with the form shown again');
      assert.deepEqual(errorSummary(expired.body), [
        { href: first, text: 'This form had expired, so nothing was saved. Check your answers and try again' },
      ]);
      assert.equal(formFields(expired.body)[kept], (fields as Record<string, unknown>)[kept]);
      assert.deepEqual(await termsOf(table, id), before, 'nothing was saved');
    }
  });

  test('the rules hold at the boundaries, month ends and leap years included', () => {
    const terms = {
      commissioningBody: 'other' as const,
      commissioningBodyName: 'Diocese',
      supportedHeadName: 'Head',
      priorityReasons: ['vulnerable' as const],
      focus: 'Focus',
      intensityHalfDaysPerWeek: 2,
      intensityReason: null,
      endPointReason: null,
      fundingType: 'none' as const,
      feePence: null,
      exchangeDescription: null,
      exchangeHalfDays: null,
    };
    const problems = (startDate: string, endDate: string) =>
      placementTermsProblems({ ...terms, startDate, endDate }).map((problem) => problem.field);
    assert.deepEqual(problems('2027-08-31', '2028-02-29'), [], '31 August + 6 months is 29 February 2028');
    assert.deepEqual(problems('2027-08-31', '2028-02-28'), ['endPointReason']);
    assert.deepEqual(problems('2028-02-29', '2031-02-28'), []);
    assert.deepEqual(problems('2028-02-29', '2031-03-01'), ['endPointReason']);
    assert.deepEqual(problems('2027-01-11', '2027-01-11'), ['endDate']);
    assert.deepEqual(
      placementTermsProblems({ ...terms, priorityReasons: [], startDate: '2027-01-11', endDate: '2028-01-11' }).map(
        (problem) => problem.field,
      ),
      ['priorityReasons'],
    );
  });

  test('objectives: added, changed and removed, each with a baseline and a success measure', async () => {
    const form = await openForm(t.app, `/staff/agreements/${deployment}/objectives/new`, coordinator.cookies);
    const empty = await submitForm(
      t.app,
      `/staff/agreements/${deployment}/objectives/new`,
      { objective: 'Better reasoning' },
      form,
    );
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#baseline', text: 'Enter the baseline: where the school is now' },
      { href: '#successMeasure', text: 'Enter how success will be measured' },
    ]);
    assert.match(empty.body, />Better reasoning<\/textarea>/);
    assert.equal(
      (
        await submitForm(
          t.app,
          `/staff/agreements/${deployment}/objectives/new`,
          { objective: 'Better reasoning', baseline: '48%', successMeasure: '65%' },
          form,
        )
      ).statusCode,
      303,
    );
    const [objective] = await t.database.db
      .select()
      .from(agreementObjectives)
      .where(eq(agreementObjectives.objective, 'Better reasoning'));
    assert.ok(objective);
    const edit = await openForm(
      t.app,
      `/staff/agreements/${deployment}/objectives/${objective.id}`,
      coordinator.cookies,
    );
    assert.deepEqual(formFields(edit.page.body), {
      objective: 'Better reasoning',
      baseline: '48%',
      successMeasure: '65%',
    });
    assert.equal(
      (
        await submitForm(
          t.app,
          `/staff/agreements/${deployment}/objectives/${objective.id}`,
          { objective: 'Better reasoning in Year 6', baseline: '48%', successMeasure: '65%' },
          edit,
        )
      ).statusCode,
      303,
    );
    const [changed] = await t.database.db
      .select()
      .from(agreementObjectives)
      .where(eq(agreementObjectives.id, objective.id));
    assert.equal(changed?.objective, 'Better reasoning in Year 6');
    assert.equal(
      (await submitForm(t.app, `/staff/agreements/${deployment}/objectives/${objective.id}/remove`, {}, edit))
        .statusCode,
      303,
    );
    assert.equal(
      (await t.database.db.select().from(agreementObjectives).where(eq(agreementObjectives.id, objective.id))).length,
      0,
    );
    assert.equal(
      (await submitForm(t.app, `/staff/agreements/${deployment}/objectives/${objective.id}/remove`, {}, edit))
        .statusCode,
      404,
    );
  });

  test('staff pairings belong to placements: each with its specialism and days', async () => {
    assert.equal(
      (await t.app.inject({ url: `/staff/agreements/${deployment}/pairings/new`, cookies: coordinator.cookies }))
        .statusCode,
      404,
    );
    const form = await openForm(t.app, `/staff/agreements/${placement}/pairings/new`, coordinator.cookies);
    const empty = await submitForm(t.app, `/staff/agreements/${placement}/pairings/new`, { days: '0' }, form);
    assert.deepEqual(errorSummary(empty.body), [
      {
        href: '#leaderSchoolRole',
        text: 'Enter the role of the person from the LLE’s school, for example Deputy headteacher',
      },
      {
        href: '#supportedSchoolRole',
        text: 'Enter the role of the person from the supported school, for example Deputy headteacher',
      },
      { href: '#specialismId', text: 'Select the pairing’s specialism' },
      { href: '#days', text: 'Enter the days for this pairing in whole or half days, like 3 or 3.5' },
    ]);
    const fields = {
      leaderSchoolRole: 'Deputy headteacher',
      leaderSchoolName: 'Sam Reid',
      supportedSchoolRole: 'Deputy headteacher',
      supportedSchoolName: '',
      specialismId: String(await specialismId(t, 'Leadership of curriculum')),
      days: '6.5',
    };
    assert.equal(
      (await submitForm(t.app, `/staff/agreements/${placement}/pairings/new`, fields, form)).statusCode,
      303,
    );
    const [pairing] = await t.database.db.select().from(placementPairings);
    assert.deepEqual(
      [pairing?.leaderSchoolName, pairing?.supportedSchoolName, pairing?.halfDays],
      ['Sam Reid', null, 13],
    );
    const page = await t.app.inject({ url: `/staff/agreements/${placement}`, cookies: coordinator.cookies });
    assert.match(page.body, /Sam Reid, Deputy headteacher/);
    assert.match(page.body, /6.5 days/);
    assert.equal(
      (await submitForm(t.app, `/staff/agreements/${placement}/pairings/${pairing!.id}/remove`, {}, form)).statusCode,
      303,
    );
    assert.equal((await t.database.db.select().from(placementPairings)).length, 0);
  });
});
