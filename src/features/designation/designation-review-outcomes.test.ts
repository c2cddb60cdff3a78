import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { receiveEnquiry } from '../../../test/support/enquiries.ts';
import { errorSummary, formFields, page, tableRows } from '../../../test/support/html.ts';
import { addLeader } from '../../../test/support/leaders.ts';
import { person, type Person } from '../../../test/support/people.ts';
import { buildTestApp, cookiesFrom, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { recordFirstContact } from '../enquiries/enquiry-lifecycle.service.ts';
import { proposals } from '../proposals/proposals.tables.ts';

const LIST = '/staff/designation-reviews';
const PEOPLE = {
  headName: 'Hannah Head',
  headEmail: 'head@palmerston.example',
  chairName: 'Colin Chair',
  chairEmail: 'chair@palmerston.example',
};
const tokenIn = (body: string) => /\/review-consent\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1] ?? '';

describe('a designation review’s consent by link, its outcome, and a move of school', () => {
  let t: TestApp;
  let coordinator: Person;
  let enquiryId: number;
  const ids = { renewed: 0, removed: 0, resigner: 0, mover: 0 };

  const designationOf = async (leaderId: number) => {
    const alliance = await t.app.services.alliances.current();
    return (await t.app.services.leaders.find(alliance.id, leaderId))!.designations[0]!;
  };
  const startReview = async (leaderId: number): Promise<string> => {
    const form = await openForm(t.app, LIST, coordinator.cookies);
    const started = await submitForm(t.app, LIST, { designationId: String((await designationOf(leaderId)).id) }, form);
    assert.equal(started.statusCode, 303, started.body);
    return started.headers.location as string;
  };
  const post = async (url: string, path: string, fields: Record<string, string>) =>
    submitForm(t.app, `${url}/${path}`, fields, await openForm(t.app, url, coordinator.cookies));
  const consentEmails = (to: string) =>
    t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.kind, 'designation-review-consent'), eq(outboxMessages.recipient, to)))
      .orderBy(asc(outboxMessages.id));
  const answer = async (token: string, fields: Record<string, string>) =>
    submitForm(t.app, '/review-consent', { token, ...fields }, await openForm(t.app, `/review-consent?token=${token}`));
  const ranked = async (leaderId: number) =>
    (await t.app.services.matching.rankForEnquiry(enquiryId))!.ranked.some((leader) => leader.leaderId === leaderId);
  /** Found by name in the public directory (its API: the page echoes the words searched for). */
  const inDirectory = async (name: string) =>
    (await t.app.inject({ url: `/api/system-leaders?q=${encodeURIComponent(name)}` }))
      .json()
      .results.some((result: { name: string }) => result.name === name);

  const sle = (startDate: string) => [
    { type: 'sle' as const, status: 'designated' as const, startDate, reviewDate: null },
  ];

  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    coordinator = await person(t, { roles: ['coordinator'] });
    ids.renewed = await addLeader(t, { name: 'Rhian Renewed', designations: sle('2023-01-10') });
    ids.removed = await addLeader(t, { name: 'Dylan Removed', designations: sle('2023-01-15') });
    ids.mover = await addLeader(t, { name: 'Morgan Mover', designations: sle('2024-09-01') });
    ids.resigner = await addLeader(t, {
      name: 'Rosa Resigner',
      designations: [{ type: 'lle', status: 'designated', startDate: '2022-10-01', reviewDate: null }],
    });
    enquiryId = (await receiveEnquiry(t, '2026-11-23T10:00:00Z')).id;
    const at = t.clock.now();
    const contacted = await t.database.db.transaction((tx) =>
      recordFirstContact(tx, {
        enquiryId,
        actor: { id: coordinator.user.id },
        at,
        contact: { at, method: 'telephone', byUserId: coordinator.user.id, notes: null },
      }),
    );
    assert.ok(contacted.ok);
  });
  after(() => t.close());

  test('the head and chair are asked by email; wrong names and addresses are explained and kept', async () => {
    const url = await startReview(ids.renewed);
    const wrong = await post(url, 'consent', { ...PEOPLE, headEmail: 'not-an-email', chairName: '' });
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(errorSummary(wrong.body), [
      {
        href: '#headEmail',
        text: 'Enter the headteacher’s email address in the correct format, like name@example.com',
      },
      { href: '#chairName', text: 'Enter the chair of governors’ name' },
    ]);
    assert.equal(formFields(wrong.body).headName, 'Hannah Head');
    assert.equal((await consentEmails(PEOPLE.headEmail)).length, 0, 'nothing sent');

    const sent = await post(url, 'consent', PEOPLE);
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `${url}#consent`);
    const [headEmail] = await consentEmails(PEOPLE.headEmail);
    assert.match(headEmail!.subject, /Release consent for Rhian Renewed \(SLE\): Palmerston School/);
    assert.match(
      headEmail!.body,
      /As headteacher of Palmerston School, please tell us whether the school can go on releasing them/,
    );
    assert.equal((await consentEmails(PEOPLE.chairEmail)).length, 1);
    const html = (await t.app.inject({ url, cookies: coordinator.cookies })).body;
    assert.match(page(html).text, /Hannah Head \(head@palmerston.example\):\s+asked, no answer yet/);
  });

  test('an SLE is not re-designated without both consents', async () => {
    const url = (await t.app.services.designationReviews.lists(coordinator.user))!.open.rows[0]!;
    const refused = await post(`${LIST}/${url.id}`, 'outcome', { outcome: 'redesignated', outcomeReason: '' });
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(errorSummary(refused.body), [
      {
        href: '#outcome',
        text: 'To re-designate an SLE, the headteacher and the chair of governors must both have agreed to release them',
      },
    ]);
    assert.equal((await designationOf(ids.renewed)).status, 'under-review');
  });

  test('the head and the chair answer once by their links; days are bounded 0 to 200', async () => {
    const headToken = tokenIn((await consentEmails(PEOPLE.headEmail))[0]!.body);
    const shown = await t.app.inject({ url: `/review-consent?token=${headToken}` });
    assert.equal(shown.statusCode, 200);
    assert.equal(page(shown.body).querySelector('h1')!.text.trim(), 'Can Palmerston School release Rhian Renewed?');
    const tooMany = await answer(headToken, { supports: 'yes', releaseDays: '300' });
    assert.equal(tooMany.statusCode, 400);
    assert.deepEqual(errorSummary(tooMany.body), [
      { href: '#releaseDays', text: 'The days a year must be between 0 and 200' },
    ]);
    assert.equal(formFields(tooMany.body).releaseDays, '300');
    const none = await answer(headToken, {});
    assert.deepEqual(errorSummary(none.body), [
      { href: '#supports', text: 'Select yes if the school can release them, or no' },
    ]);
    const answered = await answer(headToken, { supports: 'yes', releaseDays: '12', comment: 'Happy to continue' });
    assert.equal(answered.statusCode, 200);
    assert.match(page(answered.body).querySelector('h1')!.text, /Answer sent/);
    const again = await t.app.inject({ url: `/review-consent?token=${headToken}` });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /You have already answered/);
    const wrongToken = `${headToken.slice(0, -1)}${headToken.endsWith('A') ? 'B' : 'A'}`;
    assert.equal((await t.app.inject({ url: `/review-consent?token=${wrongToken}` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: '/review-consent?token=short' })).statusCode, 404);

    const chairToken = tokenIn((await consentEmails(PEOPLE.chairEmail))[0]!.body);
    assert.equal((await answer(chairToken, { supports: 'yes', releaseDays: '15' })).statusCode, 200);
  });

  test('re-designated: a new period from today, and the renewed consent in the release ledger', async () => {
    const review = (await t.app.services.designationReviews.lists(coordinator.user))!.open.rows[0]!;
    const url = `${LIST}/${review.id}`;
    const before = page((await t.app.inject({ url, cookies: coordinator.cookies })).body).text;
    assert.match(before, /Both agree: 12 days a year\./);
    const done = await post(url, 'outcome', { outcome: 'redesignated' });
    assert.equal(done.statusCode, 303);
    const designation = await designationOf(ids.renewed);
    assert.equal(designation.status, 'designated');
    assert.equal(designation.reviewDate, '2030-11-23');
    const html = (await t.app.inject({ url, cookies: { ...coordinator.cookies, ...cookiesFrom(done) } })).body;
    assert.match(html, /Re-designated until the next review, on 23 November 2030/);
    assert.match(
      page(html).querySelector('.govuk-panel')!.text,
      /Review closed: Re-designated\s+Next review 23 November 2030/,
    );
    assert.equal(page(html).querySelector('form[action$="/outcome"]'), null, 'no outcome to record again');
    const ledger = await t.app.services.release.ledger(coordinator.user, ids.renewed, 2026);
    assert.equal(ledger!.consent!.releasedHalfDays, 24, 'the lesser of the two: 12 days');
    assert.equal(ledger!.consent!.headName, 'Hannah Head');
    assert.equal(ledger!.consent!.chairName, 'Colin Chair');
    assert.ok(await inDirectory('Rhian Renewed'));
    const lists = (await t.app.services.designationReviews.lists(coordinator.user))!;
    assert.ok(!lists.due.rows.some((row) => row.leaderId === ids.renewed), 'no longer due');
  });

  test('de-designated (with the reason): out of the directory and matching at once, proposals withdrawn', async () => {
    assert.ok(await inDirectory('Dylan Removed'));
    assert.ok(await ranked(ids.removed));
    const proposed = await t.app.services.proposals.propose(coordinator.user, enquiryId, [ids.removed], null);
    assert.ok(proposed.ok);
    const url = await startReview(ids.removed);
    const noReason = await post(url, 'outcome', { outcome: 'de-designated', outcomeReason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(errorSummary(noReason.body), [
      { href: '#outcomeReason', text: 'Enter the reason for de-designating them: it is kept with the outcome' },
    ]);
    assert.equal(formFields(noReason.body).outcome, 'de-designated', 'the choice is kept');
    assert.ok(await inDirectory('Dylan Removed'), 'nothing changed');

    const done = await post(url, 'outcome', {
      outcome: 'de-designated',
      outcomeReason: 'No longer meets the criteria',
    });
    assert.equal(done.statusCode, 303);
    assert.equal((await designationOf(ids.removed)).status, 'withdrawn');
    assert.equal(await inDirectory('Dylan Removed'), false);
    assert.equal((await t.app.inject({ url: `/system-leaders/${ids.removed}` })).statusCode, 404);
    assert.equal(await ranked(ids.removed), false);
    const [proposal] = await t.database.db.select().from(proposals).where(eq(proposals.leaderId, ids.removed));
    assert.equal(proposal!.status, 'withdrawn');
    assert.equal(proposal!.linkTokenHash, null, 'their link no longer works');
    const html = page((await t.app.inject({ url, cookies: coordinator.cookies })).body).text;
    assert.match(html, /Review closed: De-designated/);
    assert.match(html, /No longer meets the criteria/);
  });

  test('resigned, with no reason needed: withdrawn', async () => {
    const designation = await designationOf(ids.resigner);
    const early = `${LIST}/early/${designation.id}`;
    const opened = await submitForm(
      t.app,
      early,
      { reason: 'criteria-not-met', reasonNote: 'Left headship' },
      await openForm(t.app, early, coordinator.cookies),
    );
    assert.equal(opened.statusCode, 303);
    const done = await post(opened.headers.location as string, 'outcome', { outcome: 'resigned' });
    assert.equal(done.statusCode, 303);
    assert.equal((await designationOf(ids.resigner)).status, 'withdrawn');
    assert.equal(await inDirectory('Rosa Resigner'), false);
  });

  test('a change of home school on the leader’s form opens the 18-month review and asks the new school', async () => {
    const editUrl = `/staff/leaders/${ids.mover}/edit`;
    const form = await openForm(t.app, editUrl, coordinator.cookies);
    const { _csrf: _token, ...fields } = formFields(form.page.body);
    const moved = await submitForm(
      t.app,
      editUrl,
      { ...fields, homeSchool: String(EXAMPLE_SCHOOLS.matthewArnold.urn) },
      form,
    );
    assert.equal(moved.statusCode, 303, moved.body);
    assert.equal((await designationOf(ids.mover)).status, 'under-review');
    const listHtml = (await t.app.inject({ url: LIST, cookies: coordinator.cookies })).body;
    const row = tableRows(listHtml, '#open + div table').find((cells) => cells[0] === 'Morgan Mover')!;
    assert.match(row[2]!, /^Moved school Moved to Matthew Arnold Primary School on 23 November 2026$/);
    assert.equal(row[3], '23 May 2028');
    assert.ok(await inDirectory('Morgan Mover'), 'still listed while under review');

    const review = (await t.app.services.designationReviews.lists(coordinator.user))!.open.rows.find(
      (open) => open.leaderId === ids.mover,
    )!;
    const url = `${LIST}/${review.id}`;
    const html = page((await t.app.inject({ url, cookies: coordinator.cookies })).body).text;
    assert.match(
      html,
      /Morgan Mover has moved to Matthew Arnold Primary School\. Its headteacher and chair of governors must agree to release them\./,
    );
    assert.equal(
      (await post(url, 'consent', { ...PEOPLE, headEmail: 'head@ma.example', chairEmail: 'chair@ma.example' }))
        .statusCode,
      303,
    );
    const [email] = await consentEmails('head@ma.example');
    assert.match(email!.body, /Morgan Mover has moved to Matthew Arnold Primary School/);

    const again = await openForm(t.app, editUrl, coordinator.cookies);
    const { _csrf: _again, ...current } = formFields(again.page.body);
    await submitForm(t.app, editUrl, { ...current, homeSchool: String(EXAMPLE_SCHOOLS.palmerston.urn) }, again);
    const open = (await t.app.services.designationReviews.lists(coordinator.user))!.open.rows.filter(
      (each) => each.leaderId === ids.mover,
    );
    assert.equal(open.length, 1, 'one review open at a time');
  });

  test('a match cannot be agreed with a leader who no longer holds a designation in force', async () => {
    const leaderId = await addLeader(t, {
      name: 'Alex Accepted',
      email: 'alex.accepted@school.example',
      designations: sle('2024-09-01'),
    });
    const proposed = await t.app.services.proposals.propose(coordinator.user, enquiryId, [leaderId], null);
    assert.ok(proposed.ok);
    const [mail] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.kind, 'proposal'), eq(outboxMessages.recipient, 'alex.accepted@school.example')))
      .orderBy(asc(outboxMessages.id));
    const token = /\/proposals\/respond\?token=([A-Za-z0-9_-]{43})/.exec(mail!.body)![1]!;
    assert.ok((await t.app.services.proposals.answerByLink(token, true, null)).ok);
    // A coordinator types the designation as withdrawn on the leader's page: no review, so no hook ran.
    const changed = await t.app.services.leadersAdmin.saveDesignation(
      coordinator.user,
      leaderId,
      { type: 'sle', status: 'withdrawn', startDate: '2024-09-01', reviewDate: null },
      'change',
    );
    assert.ok(changed.ok);
    const agreed = await t.app.services.proposals.agree(coordinator.user, enquiryId, proposed.proposalIds[0]!);
    assert.deepEqual(agreed, {
      ok: false,
      message: 'Alex Accepted no longer holds a designation in force for this support',
    });
  });
});
