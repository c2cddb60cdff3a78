import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signedAgreement } from '../../../test/support/agreements.ts';
import { errorSummary, formFields, summaryListRows } from '../../../test/support/html.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { type Person, person } from '../../../test/support/people.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { listDeliveryOverview } from './delivery-overview.repository.ts';

/**
 * Six half terms for 2026/27, counted by hand in Monday-to-Sunday weeks with a day of term:
 * 8 (3 Sep to 23 Oct, the week of Monday 31 August counts), 7, 6, 5, 7 and 6 (7 Jun to 16 Jul): 39.
 */
const TERMS_2026_27 = [
  ['3 9 2026', '23 10 2026'],
  ['2 11 2026', '18 12 2026'],
  ['5 1 2027', '12 2 2027'],
  ['22 2 2027', '25 3 2027'],
  ['12 4 2027', '28 5 2027'],
  ['7 6 2027', '16 7 2027'],
] as const;

const dateFields = (name: string, date: string) => {
  const [day, month, year] = date.split(' ') as [string, string, string];
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
};

describe('term dates, and an LLE placement’s agreed days over term weeks', () => {
  let t: TestApp;
  let admin: Person;
  let coordinator: Person;
  let placement: number;
  before(async () => {
    t = await buildTestApp();
    const leaders = await addExampleLeaders(t, 'benCarter');
    admin = await person(t, { roles: ['administrator'] });
    coordinator = await person(t, { roles: ['coordinator'] });
    // A day a week from Tuesday 1 September 2026 to Tuesday 31 August 2027: 364 days, 52 whole weeks.
    placement = await signedAgreement(t, coordinator, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      prepare: async (id) => {
        const terms = (await t.app.services.agreements.find(coordinator.user, id))!.version.terms;
        assert.ok(terms?.kind === 'lle-placement');
        const { kind: _kind, versionId: _version, ...fields } = terms;
        const saved = await t.app.services.agreementEditing.savePlacementTerms(coordinator.user, id, {
          ...fields,
          intensityHalfDaysPerWeek: 2,
          startDate: '2026-09-01',
          endDate: '2027-08-31',
        });
        assert.ok(saved.ok, JSON.stringify(saved));
      },
    });
  });
  after(() => t.close());

  const url = '/staff/settings/term-dates';
  async function addTerm(first: string, last: string) {
    const form = await openForm(t.app, url, admin.cookies);
    return submitForm(t.app, url, { ...dateFields('firstDay', first), ...dateFields('lastDay', last) }, form);
  }
  const agreedOnPage = async () => {
    const page = await t.app.inject({ url: `/staff/agreements/${placement}`, cookies: coordinator.cookies });
    return summaryListRows(page.body).find(([key]) => key === 'Agreed')?.[1];
  };
  const agreedInOverview = async () => {
    const allianceId = (await t.app.services.alliances.current()).id;
    const { rows } = await listDeliveryOverview(t.database.db, { allianceId, limit: 10, offset: 0 });
    return rows.find((row) => row.id === placement)?.agreedHalfDays;
  };

  test('without term dates, a placement counts every whole week and says how to count term weeks only', async () => {
    assert.equal(await agreedOnPage(), '52 days over 52 weeks; set term dates in settings to count term weeks only');
    assert.equal(await agreedInOverview(), 104);
  });

  test('a term’s dates must be real, in order and at most 130 days apart, with the answers kept', async () => {
    const empty = await submitForm(t.app, url, {}, await openForm(t.app, url, admin.cookies));
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#firstDay-day', text: 'Enter the first day of term' },
      { href: '#lastDay-day', text: 'Enter the last day of term' },
    ]);
    const backwards = await addTerm('18 12 2026', '2 11 2026');
    assert.deepEqual(errorSummary(backwards.body), [
      { href: '#lastDay-day', text: 'The last day of term must be the same as or after the first day' },
    ]);
    assert.deepEqual(
      [formFields(backwards.body)['firstDay-day'], formFields(backwards.body)['lastDay-month']],
      ['18', '11'],
    );
    const tooLong = await addTerm('1 9 2026', '31 1 2027');
    assert.deepEqual(errorSummary(tooLong.body), [
      { href: '#lastDay-day', text: 'A term can be at most 130 days from its first day to its last' },
    ]);
    const notADate = await addTerm('31 2 2027', '2 3 2027');
    assert.deepEqual(errorSummary(notADate.body), [
      { href: '#firstDay-day', text: 'The first day of term must be a real date' },
    ]);
    const farYear = await addTerm('1 9 2206', '2 9 2206');
    assert.equal(farYear.statusCode, 400);
    const coordinatorTries = await t.app.inject({ url, cookies: coordinator.cookies });
    assert.equal(coordinatorTries.statusCode, 403);
  });

  test('with the year’s terms set, the placement counts its 39 term weeks, on its page and in the overview', async () => {
    for (const [first, last] of TERMS_2026_27) assert.equal((await addTerm(first, last)).statusCode, 303);
    const overlapping = await addTerm('19 10 2026', '6 11 2026');
    assert.equal(overlapping.statusCode, 409);
    assert.deepEqual(errorSummary(overlapping.body), [
      {
        href: '#firstDay-day',
        text: 'The term overlaps 2026/27: Thursday 3 September 2026 to Friday 23 October 2026. Remove that term first to change it',
      },
    ]);

    assert.equal(await agreedOnPage(), '39 days over 39 term weeks');
    assert.equal(await agreedInOverview(), 78);

    const settings = await t.app.inject({ url: '/staff/settings', cookies: admin.cookies });
    assert.match(settings.body, /Term added/);
    assert.match(settings.body, /Term: ‘2026\/27: Monday 7 June 2027 to Friday 16 July 2027’/);
  });

  test('removing a term is audited and the placement’s term weeks are counted again at once', async () => {
    const page = await t.app.inject({ url, cookies: admin.cookies });
    assert.match(page.body, /2026\/27: Thursday 3 September 2026 to Friday 23 October 2026/);
    const removed = await submitForm(t.app, `${url}/2026-09-03/remove`, {}, await openForm(t.app, url, admin.cookies));
    assert.equal(removed.statusCode, 303);
    // The week of 31 August and the seven after it are no longer term weeks: 31 are left.
    assert.equal(await agreedOnPage(), '31 days over 31 term weeks');
    assert.equal(await agreedInOverview(), 62);
    const settings = await t.app.inject({ url: '/staff/settings', cookies: admin.cookies });
    assert.match(settings.body, /Term removed/);
    const again = await submitForm(t.app, `${url}/2026-09-03/remove`, {}, await openForm(t.app, url, admin.cookies));
    assert.equal(again.statusCode, 404);
  });
});
