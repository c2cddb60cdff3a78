import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { specialismId } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { analyse, bulkDeployments } from '../../../test/support/at-scale.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { addDays, daysBetween } from '../../platform/calendar/calendar-date.ts';

/** The coordinators' list at national scale, 100,000 signed agreements: right totals and order (speed is for npm run bench). */
describe('reviews due with 100,000 signed agreements', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ now: '2027-05-03T09:00:00Z' });
    const { amiraHussain } = await addExampleLeaders(t, 'amiraHussain');
    // Starts spread over a year from 1 September 2026, each lasting 120 days: some past the mid-point, some ended, some not started.
    await bulkDeployments(t, {
      count: 100_000,
      status: 'signed',
      leaderId: () => amiraHussain,
      supportedSchoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
      homeSchoolUrn: EXAMPLE_SCHOOLS.palmerston.urn,
      focusSpecialismId: await specialismId(t, 'Maths'),
      halfDays: 6,
      dates: (n) => ({ startDate: addDays('2026-09-01', n % 365), endDate: addDays('2026-09-01', (n % 365) + 120) }),
    });
    await analyse(t);
  });
  after(() => t.close());

  test('a page of reviews due and its total are right across 100,000 agreements', async () => {
    const page = await t.app.services.reviews.listDue({ limit: 50, offset: 50 });
    assert.equal(page.rows.length, 50);
    // Counted again here: agreement n starts n % 365 days after 1 September 2026; today is day 244.
    assert.equal(daysBetween('2026-09-01', '2027-05-03'), 244);
    let expected = 0;
    for (let n = 1; n <= 100_000; n++) expected += (n % 365) + 60 <= 244 ? ((n % 365) + 120 <= 244 ? 2 : 1) : 0;
    assert.equal(page.total, expected);
    assert.ok(
      page.rows.every((row, index) => index === 0 || page.rows[index - 1]!.dueOn <= row.dueOn),
      'longest waiting first',
    );
  });
});
