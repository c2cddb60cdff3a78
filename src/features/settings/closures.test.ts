import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { buildTestApp, cookiesFrom, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_ENQUIRIES } from '../../seed/examples.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { closureDates } from '../../platform/alliance/alliance.tables.ts';
import { enquiries } from '../enquiries/enquiries.tables.ts';
import { errorSummary, textsOf } from '../../../test/support/html.ts';
import { person, type Person } from '../../../test/support/people.ts';

const closure = (first: string, last: string | undefined, description: string) => {
  const [year, month, day] = first.split('-');
  const fields: Record<string, string> = {
    'closureDate-day': day!,
    'closureDate-month': month!,
    'closureDate-year': year!,
    description,
  };
  if (last) {
    const [lastYear, lastMonth, lastDay] = last.split('-');
    Object.assign(fields, {
      'closureLastDate-day': lastDay!,
      'closureLastDate-month': lastMonth!,
      'closureLastDate-year': lastYear!,
    });
  }
  return fields;
};

describe('the alliance’s closures', () => {
  let t: TestApp;
  let admin: Person;
  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '1000' } });
    admin = await person(t, { roles: ['administrator'] });
  });
  after(() => t.close());

  const respondByOf = async (reference: string) =>
    (await t.database.db.select().from(enquiries).where(eq(enquiries.reference, reference)))[0]!.respondBy;

  test('a closure added moves the reply-by date of an open enquiry, and one answered keeps its own', async () => {
    // Monday 23 November 2026, 10:00: 2 working days, so due on Wednesday 25 November.
    const open = await t.app.services.enquiries.submit(
      { ...EXAMPLE_ENQUIRIES.matthewArnoldNewHead, leaderId: null },
      'api',
    );
    const answered = await t.app.services.enquiries.submit(
      { ...EXAMPLE_ENQUIRIES.matthewArnoldNewHead, leaderId: null },
      'api',
    );
    assert.ok(open.ok && answered.ok);
    assert.equal(open.enquiry.respondBy, '2026-11-25');
    // Past its first contact, an enquiry is held to the date it had then (the desk shows target met or missed).
    await t.database.db
      .update(enquiries)
      .set({ status: 'contacted' })
      .where(eq(enquiries.reference, answered.enquiry.reference));

    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    const added = await submitForm(
      t.app,
      '/staff/settings/closure-dates',
      closure('2026-11-24', '2026-11-25', 'INSET days'),
      form,
    );
    assert.equal(added.statusCode, 303);
    const settings = await t.app.inject({
      url: '/staff/settings',
      cookies: { ...admin.cookies, ...cookiesFrom(added) },
    });
    assert.match(
      settings.body,
      /Closure added: Tuesday 24 November 2026 to Wednesday 25 November 2026\. 1 enquiry waiting for an answer has a new reply-by date/,
    );
    assert.deepEqual(textsOf(settings.body, 'table tbody th'), [
      'Tuesday 24 November 2026 to Wednesday 25 November 2026',
    ]);

    assert.equal(await respondByOf(open.enquiry.reference), '2026-11-27', 'Monday, then Thursday and Friday');
    assert.equal(await respondByOf(answered.enquiry.reference), '2026-11-25');
    const [moved] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'enquiry'), eq(auditEvents.action, 'respond-by-moved')));
    assert.deepEqual([moved?.before, moved?.after], [{ respondBy: '2026-11-25' }, { respondBy: '2026-11-27' }]);

    const removed = await submitForm(t.app, '/staff/settings/closure-dates/2026-11-24/remove', {}, form);
    assert.equal(removed.statusCode, 303);
    assert.equal(await respondByOf(open.enquiry.reference), '2026-11-25', 'removing it moves the date back');
    await t.database.db
      .update(enquiries)
      .set({ status: 'contacted' })
      .where(eq(enquiries.reference, open.enquiry.reference));
  });

  test('a closure on a day already closed is refused, saying which, and nothing is overwritten', async () => {
    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    assert.equal(
      (await submitForm(t.app, '/staff/settings/closure-dates', closure('2026-12-21', '2027-01-01', 'Christmas'), form))
        .statusCode,
      303,
    );
    for (const [first, last] of [
      ['2026-12-21', undefined],
      ['2026-12-31', '2027-01-04'],
      ['2026-12-14', '2026-12-21'],
    ] as const) {
      const refused = await submitForm(t.app, '/staff/settings/closure-dates', closure(first, last, 'INSET day'), form);
      assert.equal(refused.statusCode, 409);
      assert.deepEqual(errorSummary(refused.body), [
        {
          href: '#closureDate-day',
          text: 'The alliance is already closed on Monday 21 December 2026 to Friday 1 January 2027 (Christmas). Remove that closure first to change it',
        },
      ]);
      assert.match(refused.body, /value="INSET day"/, 'what was typed is kept');
    }
    const rows = await t.database.db.select().from(closureDates);
    assert.deepEqual(
      rows.map((row) => [row.date, row.lastDate, row.description]),
      [['2026-12-21', '2027-01-01', 'Christmas']],
    );
    // Every day of the range is closed: an enquiry on Christmas Eve counts from Monday 4 January.
    t.clock.set('2026-12-24T09:00:00Z');
    const enquiry = await t.app.services.enquiries.submit(
      { ...EXAMPLE_ENQUIRIES.matthewArnoldNewHead, leaderId: null },
      'api',
    );
    t.clock.set('2026-11-23T10:00:00Z');
    assert.ok(enquiry.ok);
    assert.equal(enquiry.enquiry.respondBy, '2027-01-06');
  });

  test('a range ending before it starts, or longer than 60 days, is explained with the dates kept', async () => {
    const form = await openForm(t.app, '/staff/settings', admin.cookies);
    const backwards = await submitForm(
      t.app,
      '/staff/settings/closure-dates',
      closure('2027-02-19', '2027-02-15', 'Half term'),
      form,
    );
    assert.equal(backwards.statusCode, 400);
    assert.deepEqual(errorSummary(backwards.body), [
      { href: '#closureLastDate-day', text: 'The last day must be the same as or after the first day' },
    ]);
    assert.match(backwards.body, /name="closureLastDate-day" type="text" value="15"/);
    const long = await submitForm(
      t.app,
      '/staff/settings/closure-dates',
      closure('2027-07-20', '2027-09-30', 'Summer'),
      form,
    );
    assert.equal(long.statusCode, 400);
    assert.deepEqual(errorSummary(long.body), [
      {
        href: '#closureLastDate-day',
        text: 'A closure can be at most 60 days long. Add a longer one as separate closures',
      },
    ]);
    const partial = await submitForm(
      t.app,
      '/staff/settings/closure-dates',
      { ...closure('2027-02-15', undefined, 'Half term'), 'closureLastDate-day': '19' },
      form,
    );
    assert.deepEqual(errorSummary(partial.body), [
      { href: '#closureLastDate-day', text: 'The last day must include a month and year' },
    ]);
  });
});
