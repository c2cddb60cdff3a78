import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signedAgreement } from '../../../test/support/agreements.ts';
import { errorSummary, formFields, page, tableRows, textsOf } from '../../../test/support/html.ts';
import { addLeader } from '../../../test/support/leaders.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { eq } from 'drizzle-orm';
import { A_WORKING_MORNING, buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';

const LIST = '/staff/designation-reviews';

describe('Staff > Designation reviews: the lists, and opening a review', () => {
  let t: TestApp;
  let coordinator: Person;
  const leaders: Record<'dueSoon' | 'overdue' | 'later' | 'lleUndated', number> = {
    dueSoon: 0,
    overdue: 0,
    later: 0,
    lleUndated: 0,
  };

  const designationOf = async (leaderId: number) => {
    const alliance = await t.app.services.alliances.current();
    return (await t.app.services.leaders.find(alliance.id, leaderId))!.designations[0]!;
  };
  const listPage = async () => (await t.app.inject({ url: LIST, cookies: coordinator.cookies })).body;
  const startReview = async (leaderId: number) => {
    const form = await openForm(t.app, LIST, coordinator.cookies);
    return submitForm(t.app, LIST, { designationId: String((await designationOf(leaderId)).id) }, form);
  };

  before(async () => {
    // Monday 23 November 2026, 10:00 in London.
    t = await buildTestApp();
    coordinator = await person(t, { roles: ['coordinator'] });
    const sle = (startDate: string) => [
      { type: 'sle' as const, status: 'designated' as const, startDate, reviewDate: null },
    ];
    leaders.dueSoon = await addLeader(t, { name: 'Dana Due', designations: sle('2022-12-10') });
    leaders.overdue = await addLeader(t, { name: 'Olly Overdue', designations: sle('2022-09-01') });
    leaders.later = await addLeader(t, { name: 'Lara Later', designations: sle('2024-09-01') });
    leaders.lleUndated = await addLeader(t, {
      name: 'Uma Undated',
      designations: [{ type: 'lle', status: 'designated', startDate: '2022-10-05', reviewDate: null }],
    });
  });
  after(() => t.close());

  test('designations due by the end of the next 3 months and those overdue are listed, each with its leader', async () => {
    const html = await listPage();
    assert.match(page(html).querySelector('#due')!.text, /Due by the end of the next 3 months \(1\)/);
    assert.deepEqual(
      tableRows(html, '#due ~ .app-table-region table')
        .slice(0, 1)
        .map((row) => row.slice(0, 3)),
      [['Dana Due Palmerston School', 'SLE, since 10 December 2022', '10 December 2026']],
    );
    assert.match(page(html).querySelector('#overdue')!.text, /Overdue \(2\)/);
    const overdue = page(html)
      .querySelectorAll('#overdue + div table tbody tr')
      .map((row) => row.text);
    // An LLE with no review date recorded is reviewed the designation period (4 years) after it started.
    assert.equal(overdue.length, 2);
    assert.match(overdue[0]!, /Olly Overdue[\s\S]*1 September 2026/);
    assert.match(overdue[1]!, /Uma Undated[\s\S]*LLE[\s\S]*5 October 2026/);
    assert.doesNotMatch(html, /Lara Later/);
    assert.match(page(html).querySelector('#open')!.text, /Open reviews \(0\)/);
    const leaderLinks = page(html)
      .querySelectorAll('main a')
      .map((link) => link.getAttribute('href'));
    assert.ok(leaderLinks.includes(`/staff/leaders/${leaders.overdue}`));
  });

  test('with the alliance’s term dates, the list runs to the end of next term', async () => {
    const admin = await person(t, { roles: ['administrator'] });
    for (const term of [
      { firstDay: '2026-09-03', lastDay: '2026-12-18' },
      { firstDay: '2027-01-05', lastDay: '2027-03-26' },
    ])
      assert.ok((await t.app.services.termDates.add(admin.user, term)).ok);
    const html = await listPage();
    assert.match(page(html).querySelector('#due')!.text, /Due by the end of next term \(1\)/);
    assert.match(page(html).text, /Review dates from today to Friday 26 March 2027/);
  });

  test('starting a review puts the designation under review: still listed and in the directory', async () => {
    const started = await startReview(leaders.overdue);
    assert.equal(started.statusCode, 303);
    const reviewUrl = started.headers.location as string;
    assert.match(reviewUrl, /^\/staff\/designation-reviews\/\d+$/);
    assert.equal((await designationOf(leaders.overdue)).status, 'under-review');
    const directory = await t.app.inject({ url: '/system-leaders?q=Olly' });
    assert.match(directory.body, /Olly Overdue/);

    const html = await listPage();
    assert.match(page(html).querySelector('#overdue')!.text, /Overdue \(1\)/);
    assert.match(page(html).querySelector('#open')!.text, /Open reviews \(1\)/);
    assert.deepEqual(tableRows(html, '#open + div table')[0], [
      'Olly Overdue',
      'SLE review of Olly Overdue',
      'End of the designation period',
      '23 November 2026',
    ]);

    const review = page((await t.app.inject({ url: reviewUrl, cookies: coordinator.cookies })).body);
    assert.equal(review.querySelector('h1')!.text.trim(), 'Olly Overdue: SLE designation review');
    assert.match(review.querySelector('.govuk-summary-list')!.text, /SLE, under review, since 1 September 2022/);
    assert.match(review.text, /Review opened/, 'on the review’s trail');
    const leaderPage = (await t.app.inject({ url: `/staff/leaders/${leaders.overdue}`, cookies: coordinator.cookies }))
      .body;
    assert.match(leaderPage, /Designation review opened/, 'and on the leader’s');
  });

  test('a review cannot be started twice, nor before it is due', async () => {
    const twice = await startReview(leaders.overdue);
    assert.equal(twice.statusCode, 400);
    assert.deepEqual(errorSummary(twice.body), [
      { href: '#due', text: 'A review of this designation is already open' },
    ]);
    const earlyForm = await t.app.inject({
      url: `${LIST}/early/${(await designationOf(leaders.overdue)).id}`,
      cookies: coordinator.cookies,
    });
    assert.match(page(earlyForm.body).querySelector('.govuk-inset-text')!.text, /already open: go to the review/);
    const early = await startReview(leaders.later);
    assert.equal(early.statusCode, 400);
    assert.deepEqual(errorSummary(early.body), [
      {
        href: '#due',
        text: 'This designation is not due for review until 1 September 2028: open an early review if there is a reason to',
      },
    ]);
    assert.equal((await designationOf(leaders.later)).status, 'designated');
  });

  test('an early review needs a reason and a note; it is due 20 working days later', async () => {
    const designation = await designationOf(leaders.later);
    const url = `${LIST}/early/${designation.id}`;
    const leaderPage = page(
      (await t.app.inject({ url: `/staff/leaders/${leaders.later}`, cookies: coordinator.cookies })).body,
    );
    assert.ok(
      leaderPage.querySelectorAll('a').some((link) => link.getAttribute('href') === url),
      'the leader’s page links to it',
    );
    const form = await openForm(t.app, url, coordinator.cookies);
    const empty = await submitForm(t.app, url, { reasonNote: '  ' }, form);
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#reason', text: 'Select why the review is opened early' },
      { href: '#reasonNote', text: 'Enter what led to the early review' },
    ]);
    const tooLong = await submitForm(t.app, url, { reason: 'misconduct', reasonNote: 'x'.repeat(2001) }, form);
    assert.deepEqual(errorSummary(tooLong.body), [
      { href: '#reasonNote', text: 'The note must be 2000 characters or fewer' },
    ]);
    assert.equal(formFields(tooLong.body).reason, 'misconduct', 'the answer is kept');
    assert.equal((await designationOf(leaders.later)).status, 'designated', 'nothing changed');

    const opened = await submitForm(
      t.app,
      url,
      { reason: 'misconduct', reasonNote: 'Withdrew from agreed support at Bank Road without notice' },
      form,
    );
    assert.equal(opened.statusCode, 303);
    const html = await listPage();
    const row = tableRows(html, '#open + div table').find((cells) => cells[0] === 'Lara Later')!;
    // Four school weeks: the 20th working day after Monday 23 November 2026.
    assert.deepEqual(row.slice(2), [
      'Professional misconduct Withdrew from agreed support at Bank Road without notice',
      '21 December 2026',
    ]);
  });

  test('a review’s page gathers the leader’s delivery in the period', async () => {
    const agreementId = await signedAgreement(t, coordinator, {
      leaderId: leaders.dueSoon,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      terms: { startDate: '2026-09-07', endDate: '2027-07-16' },
    });
    const context = (await t.app.services.delivery.open(coordinator.user, agreementId)) as Parameters<
      typeof t.app.services.delivery.logDelivery
    >[1];
    const logged = await t.app.services.delivery.logDelivery(coordinator.user, context, {
      date: '2026-11-16',
      pairingId: null,
      halfDays: 3,
      minutes: null,
      countedHalfDays: 3,
      activities: ['coaching'],
      notes: '',
      sharedWith: 'everyone',
      progress: [],
    });
    assert.ok(logged.ok);
    const started = await startReview(leaders.dueSoon);
    const html = (await t.app.inject({ url: started.headers.location as string, cookies: coordinator.cookies })).body;
    const delivery = page(html).querySelector('#delivery')!;
    assert.equal(delivery.text.trim(), 'Delivery since 10 December 2022');
    assert.match(page(html).text, /1\.5 days delivered in 1 agreement\./);
    assert.deepEqual(tableRows(html, '#delivery ~ .app-table-region table')[0], [
      'Matthew Arnold Primary School',
      '7 September 2026 to 16 July 2027',
      '1.5 days',
    ]);
    assert.match(
      page(html).text.replace(/\s+/g, ' '),
      /Release in 2026\/27: none agreed, \d+(\.5)? days? committed, 1\.5 days delivered/,
    );
    assert.match(page(html).text, /No school has given feedback since 10 December 2022/);
  });

  test('only coordinators and administrators see reviews; unknown ones are not found', async () => {
    const leader = await person(t, { roles: ['system-leader'] });
    const school = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn });
    for (const who of [leader, school]) {
      const response = await t.app.inject({ url: LIST, cookies: who.cookies });
      assert.equal(response.statusCode, 403);
    }
    assert.equal((await t.app.inject({ url: LIST })).statusCode, 303, 'sent to sign in');
    // The services say the same to anyone else, whatever page asks.
    assert.equal(await t.app.services.designationReviews.lists(leader.user), undefined);
    const period = { from: '2020-01-01', to: '2030-01-01' };
    assert.deepEqual(await t.app.services.delivery.leaderDelivery(school.user, leaders.dueSoon, period), []);
    assert.equal(
      (await t.app.services.delivery.leaderDelivery(coordinator.user, leaders.dueSoon, period)).length,
      1,
      'the alliance’s staff see it',
    );
    assert.deepEqual(
      (await t.app.services.feedback.ratingsForLeader(leader.user, leaders.dueSoon, '2020-01-01')).rows,
      [],
    );
    for (const url of [`${LIST}/999999`, `${LIST}/abc`, `${LIST}/early/999999`])
      assert.equal((await t.app.inject({ url, cookies: coordinator.cookies })).statusCode, 404, url);
    assert.deepEqual(
      textsOf((await t.app.inject({ url: '/staff', cookies: coordinator.cookies })).body, 'main a').filter((text) =>
        /designation reviews/i.test(text),
      ).length,
      1,
      'the staff home links to the reviews',
    );
  });

  test('a form sent after it expired is shown again with its input, and changes nothing', async () => {
    const review = (await t.app.services.designationReviews.lists(coordinator.user))!.open.rows[0]!;
    const url = `${LIST}/${review.id}`;
    const form = await openForm(t.app, url, coordinator.cookies);
    const stale = { ...form, csrfToken: 'from-a-session-that-has-ended' };
    for (const [path, fields, first, kept] of [
      ['outcome', { outcome: 'resigned', outcomeReason: 'Moving abroad' }, '#outcome', 'outcomeReason'],
      ['evidence', { evidenceNote: 'Strong delivery' }, '#evidenceNote', 'evidenceNote'],
      ['consent', { headName: 'Hannah Head' }, '#headName', 'headName'],
    ] as const) {
      const expired = await submitForm(t.app, `${url}/${path}`, fields, stale);
      assert.equal(expired.statusCode, 403, path);
      assert.deepEqual(errorSummary(expired.body), [
        { href: first, text: 'This form had expired, so nothing was saved. Check your answers and try again' },
      ]);
      assert.equal(formFields(expired.body)[kept], (fields as Record<string, string>)[kept], path);
    }
    const after = await t.app.services.designationReviews.find(coordinator.user, review.id);
    assert.equal(after!.outcome, null);
    assert.equal(after!.evidenceNote, '');
  });

  test('a consent link expires after 30 days, and stops once the review is closed', async () => {
    const review = (await t.app.services.designationReviews.lists(coordinator.user))!.open.rows[0]!;
    const people = { head: { name: 'H', email: 'h@school.example' }, chair: { name: 'C', email: 'c@school.example' } };
    assert.ok((await t.app.services.reviewConsent.ask(coordinator.user, review.id, people)).ok);
    const tokenFor = async (to: string) => {
      const [mail] = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, to));
      return /\/review-consent\?token=([A-Za-z0-9_-]{43})/.exec(mail!.body)![1]!;
    };
    const headLink = `/review-consent?token=${await tokenFor('h@school.example')}`;
    const chairLink = `/review-consent?token=${await tokenFor('c@school.example')}`;
    t.clock.set('2026-12-24T10:00:00Z');
    const expired = await t.app.inject({ url: headLink });
    assert.equal(expired.statusCode, 404);
    assert.match(page(expired.body).querySelector('h1')!.text, /This link has expired/);
    t.clock.set(A_WORKING_MORNING);
    assert.equal((await t.app.inject({ url: chairLink })).statusCode, 200);
    const closed = await t.app.services.designationReviews.recordOutcome(coordinator.user, review.id, {
      outcome: 'resigned',
      reason: '',
    });
    assert.ok(closed.ok);
    const ended = await t.app.inject({ url: chairLink });
    assert.equal(ended.statusCode, 409);
    assert.match(page(ended.body).querySelector('h1')!.text, /This review has ended/);
  });
});
