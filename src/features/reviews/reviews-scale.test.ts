import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { addExampleLeaders } from '../../../test/support/agreements.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { daysBetween } from '../../platform/calendar/calendar-date.ts';

/** The coordinators' list at national scale, 100,000 signed agreements: right totals and order (speed is for npm run bench). */
describe('reviews due with 100,000 signed agreements', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ now: '2027-05-03T09:00:00Z' });
    const { amiraHussain } = await addExampleLeaders(t, 'amiraHussain');
    const allianceId = (await t.app.services.alliances.current()).id;
    // Ends spread over a year from 2027-01-01, each lasting 120 days: some past the mid-point, some ended, some not started.
    await t.database.db.execute(sql`
      with made as (
        insert into agreements (alliance_id, kind, status, supported_school_urn, leader_id, home_school_urn, created_at)
        select ${allianceId}, 'sle-deployment', 'signed', ${EXAMPLE_SCHOOLS.bankRoad.urn}, ${amiraHussain}, ${EXAMPLE_SCHOOLS.palmerston.urn}, now() from generate_series(1, 100000)
        returning id
      ), versions as (
        insert into agreement_versions (agreement_id, number, created_at, locked_at) select id, 1, now(), now() from made returning id, agreement_id
      )
      insert into deployment_terms (version_id, focus_specialism_id, half_days, visit_pattern, start_date, end_date, funding_type)
      select id, (select min(id) from specialisms), 6, 'Weekly', date '2026-09-01' + (agreement_id % 365), date '2026-09-01' + (agreement_id % 365) + 120, 'none' from versions`);
    await t.database.db.execute(sql`update agreements set current_version_id = agreement_versions.id from agreement_versions where agreements.id = agreement_versions.agreement_id and agreements.current_version_id is null`);
    await t.database.db.execute(sql`analyze`);
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
    assert.ok(page.rows.every((row, index) => index === 0 || page.rows[index - 1]!.dueOn <= row.dueOn), 'longest waiting first');
  });
});
