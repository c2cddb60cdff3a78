import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bulkSleLeaders } from '../../../test/support/at-scale.ts';
import { receiveEnquiry } from '../../../test/support/enquiries.ts';
import { linksOf, page, textsOf } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';

describe('the matching page with more leaders than it lists at once', () => {
  let t: TestApp;
  let coordinator: Person;
  let reference: string;

  before(async () => {
    t = await buildTestApp();
    await bulkSleLeaders(t, { count: 30, homeSchoolUrn: EXAMPLE_SCHOOLS.palmerston.urn, emailDomain: 'far.example' });
    // One more at the enquiring school itself: never ranked, listed apart.
    await bulkSleLeaders(t, { count: 1, homeSchoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn, emailDomain: 'own.example' });
    ({ reference } = await receiveEnquiry(t, '2026-11-23T10:00:00Z'));
    coordinator = await person(t, { roles: ['coordinator'] });
  });
  after(() => t.close());

  const matchingPage = async (query = '') =>
    (await t.app.inject({ url: `/staff/enquiries/${reference}/matching${query}`, cookies: coordinator.cookies })).body;
  const boxes = (html: string) => page(html).querySelectorAll('input[name="leaderIds"]').length;

  test('lists the best 25 and says how many were ranked, not counting those left out', async () => {
    const html = await matchingPage();
    assert.equal(boxes(html), 25);
    assert.match(
      textsOf(html, 'main p').join(' '),
      /30 leaders hold a designation in force for this kind of support; the best 25 are listed, and 1 more is not ranked: from the school or its trust, or with a lapsed designation \(not proposed\)\./,
    );
    assert.deepEqual(
      linksOf(html, 'main a').filter((link) => link.text.startsWith('Show the next')),
      [{ text: 'Show the next 5 leaders', href: '?show=50#leader-26' }],
    );
  });

  test('every ranked leader can be reached and proposed, the next page at a time', async () => {
    const html = await matchingPage('?show=50');
    assert.equal(boxes(html), 30);
    assert.ok(page(html).querySelector('#leader-26'), 'the link lands on the first new leader');
    assert.equal(linksOf(html, 'main a').filter((link) => link.text.startsWith('Show the next')).length, 0);
    for (const hostile of ['?show=-5', '?show=abc', '?show=99999999999'])
      assert.ok([25, 30].includes(boxes(await matchingPage(hostile))), hostile);
  });

  test('those left out are listed before the form, not after its button', async () => {
    const html = await matchingPage();
    assert.ok(html.indexOf('id="excluded"') > 0 && html.indexOf('id="excluded"') < html.indexOf('id="propose"'));
  });
});
