import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { receiveEnquiry, type ReceivedEnquiry } from '../../../test/support/enquiries.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_LEADERS } from '../../seed/examples.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { saveLeader } from '../leaders/leaders.service.ts';
import { enquiries, enquiryEvents, enquiryNotes } from './enquiries.tables.ts';
import { recordFirstContact } from './enquiry-lifecycle.service.ts';
import { person, sessionCookiesFor } from '../../../test/support/people.ts';
import { errorSummary } from '../../../test/support/html.ts';

describe('an enquiry’s page and the changes made on it', () => {
  let t: TestApp;
  let coordinator: { id: number; name: string; email: string };
  let colleague: { id: number; name: string; email: string };
  let cookies: Record<string, string>;
  let enquiry: ReceivedEnquiry;

  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    coordinator = await person(t, { signedIn: false, roles: ['coordinator'], name: 'Bethan Morgan' });
    colleague = await person(t, { signedIn: false, roles: ['coordinator', 'system-leader'], name: 'Chloe Dunn' });
  });
  after(() => t.close());
  beforeEach(async () => {
    enquiry = await receiveEnquiry(t, '2026-11-23T10:00:00Z');
    t.clock.set('2026-11-23T11:00:00Z');
    cookies = await sessionCookiesFor(t, coordinator);
  });

  const row = async () => (await t.database.db.select().from(enquiries).where(eq(enquiries.id, enquiry.id)))[0]!;
  const trail = async () =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'enquiry'), eq(auditEvents.entityId, String(enquiry.id))))
      .orderBy(auditEvents.id);
  const url = (path = '') => `/staff/enquiries/${enquiry.reference}${path}`;
  const post = async (path: string, fields: Record<string, string | string[]>) =>
    submitForm(t.app, url(path), fields, await openForm(t.app, url(path === '/notes' ? '' : path), cookies));
  const contact = () =>
    t.database.db.transaction((tx) =>
      recordFirstContact(tx, {
        enquiryId: enquiry.id,
        actor: coordinator,
        at: t.clock.now(),
        contact: { at: t.clock.now(), method: 'telephone', byUserId: coordinator.id, notes: null },
      }),
    );

  test('shows everything the school sent, the clock, and what can happen next', async () => {
    const alliance = await t.app.services.alliances.current();
    const saved = await t.database.db.transaction((tx) =>
      saveLeader(tx, alliance.id, EXAMPLE_LEADERS.amiraHussain, t.clock.now()),
    );
    assert.ok(saved.ok);
    enquiry = await receiveEnquiry(t, '2026-11-23T10:30:00Z', { leaderId: saved.leaderId });
    t.clock.set('2026-11-25T09:00:00Z');
    const page = await t.app.inject({ url: url(), cookies: await sessionCookiesFor(t, coordinator) });
    assert.equal(page.statusCode, 200);
    for (const expected of [
      '<h1 class="govuk-heading-l">Banks Road Primary School</h1>',
      'Banks Road Primary School (URN 104516)',
      'Priya Shah, Deputy headteacher',
      'mailto:p.shah@banks-road.example',
      '0151 427 1234',
      'A Specialist Leader of Education (SLE) in a specialism',
      'Assessment, Maths',
      'Amira Hussain, Palmerston School',
      'Our Year 6 maths results fell this summer.',
      'This term',
      'Another school',
      '23 November 2026 at 10:30am through the alliance’s website',
      'Due today',
      'Reply by the end of today, Wednesday 25 November 2026',
      'Not recorded yet',
      'Not assigned',
      'Not a priority',
      'There are no notes yet.',
      'Enquiry received',
    ]) {
      assert.ok(page.body.includes(expected), `the page shows ${expected}`);
    }
    assert.match(page.body, /Local authority\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Liverpool/);
    assert.match(
      page.body,
      /It can become:\s*<a class="govuk-link" href="[^"]+\/status\?to=withdrawn">withdrawn<\/a>, <a class="govuk-link" href="[^"]+\/status\?to=closed-no-match">closed: no match<\/a>/,
    );
    assert.match(
      page.body,
      /href="[^"]+\/first-contact">\s*Record<span class="govuk-visually-hidden"> the first contact<\/span>/,
    );
  });

  test('what the school typed is shown as text, never as markup, with its line breaks', async () => {
    enquiry = await receiveEnquiry(t, '2026-11-23T10:30:00Z', {
      need: 'First line\n<script>alert("need")</script>',
      contactName: '<b>Priya</b>',
    });
    await contact();
    const page = await t.app.inject({ url: url(), cookies: await sessionCookiesFor(t, coordinator) });
    // The summary list indents each line of a value; the page shows line breaks and collapses the indent (white-space: pre-line).
    assert.match(
      page.body,
      /app-preserve-lines[^>]*>First line\n\s*&lt;script&gt;alert\(&quot;need&quot;\)&lt;\/script&gt;<\/p>/,
    );
    assert.ok(page.body.includes('&lt;b&gt;Priya&lt;/b&gt;'));
    assert.ok(!page.body.includes('<script>alert'));
    assert.ok(!page.body.includes('<b>Priya'));
  });

  test('an enquiry that does not exist, or a reference that is not one, is not found', async () => {
    for (const reference of ['S2S-0000-00', 'nonsense', 'S2S-'.padEnd(40, 'X')]) {
      const page = await t.app.inject({ url: `/staff/enquiries/${reference}`, cookies });
      assert.equal(page.statusCode, 404, reference);
    }
    const typedByHand = await t.app.inject({ url: `/staff/enquiries/${enquiry.reference.toLowerCase()}`, cookies });
    assert.equal(typedByHand.statusCode, 200, 'a reference in lower case still finds the enquiry');
  });

  test('the status page offers only the moves allowed now, and refuses the rest with a reason', async () => {
    const form = await openForm(t.app, url('/status'), cookies);
    assert.match(form.page.body, /value="withdrawn"/);
    assert.match(form.page.body, /value="closed-no-match"/);
    assert.doesNotMatch(form.page.body, /value="matching"/);
    const refusals: Array<[string, string]> = [
      [
        'matching',
        'The enquiry is ‘new’, so it cannot become ‘matching’. It can become ‘contacted’, ‘withdrawn’ or ‘closed: no match’',
      ],
      ['contacted', 'Record the first contact with the school to mark the enquiry as contacted'],
      ['proposed', 'An enquiry becomes proposed when a leader is proposed for it'],
      ['agreed', 'An enquiry becomes agreed when its support is agreed'],
      ['lost', 'Select what happens to the enquiry next'],
      ['', 'Select what happens to the enquiry next'],
    ];
    for (const [to, message] of refusals) {
      const response = await submitForm(t.app, url('/status'), { to, note: 'Typed reason' }, form);
      assert.equal(response.statusCode, 400, to);
      assert.deepEqual(errorSummary(response.body), [{ href: '#to', text: message }], to);
      assert.match(response.body, />Typed reason<\/textarea>/);
    }
    assert.equal((await row()).status, 'new');
    assert.deepEqual(
      (await trail()).map((event) => event.action),
      ['received'],
      'refusals change nothing',
    );
  });

  test('contacted to matching, withdrawn, then reopened with a reason: each in the history and the trail', async () => {
    await contact();
    const toMatching = await post('/status', { to: 'matching', note: '' });
    assert.equal(toMatching.statusCode, 303);
    assert.equal((await row()).status, 'matching');
    t.clock.advance(60_000);
    assert.equal(
      (await post('/status', { to: 'withdrawn', note: 'The head has found support elsewhere' })).statusCode,
      303,
    );
    t.clock.advance(60_000);

    const form = await openForm(t.app, url('/status?to=matching'), cookies);
    assert.match(form.page.body, /Reason\s*<\/label>/, 'a reason is required, not optional, to reopen');
    assert.match(form.page.body, /value="matching" checked/);
    const noReason = await submitForm(t.app, url('/status'), { to: 'matching', note: '' }, form);
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(errorSummary(noReason.body), [
      { href: '#note', text: 'Give a reason for reopening this ‘withdrawn’ enquiry' },
    ]);
    const reopened = await submitForm(
      t.app,
      url('/status'),
      { to: 'matching', note: 'The other support fell through' },
      form,
    );
    assert.equal(reopened.statusCode, 303);

    const events = await t.database.db
      .select()
      .from(enquiryEvents)
      .where(eq(enquiryEvents.enquiryId, enquiry.id))
      .orderBy(enquiryEvents.id);
    assert.deepEqual(
      events.map((event) => [event.fromStatus, event.toStatus, event.note]),
      [
        [null, 'new', null],
        ['new', 'contacted', null],
        ['contacted', 'matching', null],
        ['matching', 'withdrawn', 'The head has found support elsewhere'],
        ['withdrawn', 'matching', 'The other support fell through'],
      ],
    );
    const audit = await trail();
    assert.deepEqual(
      audit.map((event) => event.action),
      ['received', 'first-contact-recorded', 'status-changed', 'status-changed', 'status-changed', 'reopened'],
    );
    assert.deepEqual(
      [audit[5]!.before, audit[5]!.after, audit[5]!.actorUserId],
      [{ status: 'Withdrawn' }, { status: 'Matching', reason: 'The other support fell through' }, coordinator.id],
    );

    const page = await t.app.inject({ url: url(), cookies });
    assert.match(page.body, /<strong>Reopened<\/strong>/);
    assert.match(page.body, /Reason: ‘The other support fell through’/);
    assert.match(page.body, /Status: from ‘Withdrawn’ to ‘Matching’/);
  });

  test('a move someone else made first is refused against what the enquiry is now', async () => {
    const form = await openForm(t.app, url('/status'), cookies);
    assert.equal((await post('/status', { to: 'withdrawn', note: '' })).statusCode, 303);
    const late = await submitForm(t.app, url('/status'), { to: 'withdrawn', note: '' }, form);
    assert.equal(late.statusCode, 400);
    assert.deepEqual(errorSummary(late.body), [{ href: '#to', text: 'The enquiry is already ‘withdrawn’' }]);
    assert.match(late.body, /It is ‘withdrawn’ now/);
  });

  test('assigning, reassigning and unassigning the coordinator, each audited', async () => {
    const form = await openForm(t.app, url('/coordinator'), cookies);
    assert.match(
      form.page.body,
      new RegExp(`value="${coordinator.id}"[^>]*>\\s*<label[^>]*>\\s*Bethan Morgan \\(you\\)`),
    );
    assert.match(form.page.body, /Chloe Dunn/);
    const administrator = await person(t, { signedIn: false, roles: ['administrator'], name: 'Only Admin' });
    assert.doesNotMatch(form.page.body, /Only Admin/, 'only coordinators are offered');

    const empty = await submitForm(t.app, url('/coordinator'), {}, form);
    assert.deepEqual(
      [empty.statusCode, errorSummary(empty.body)],
      [400, [{ href: '#coordinator', text: 'Select a coordinator, or no one' }]],
    );
    const notACoordinator = await submitForm(
      t.app,
      url('/coordinator'),
      { coordinator: String(administrator.id) },
      form,
    );
    assert.deepEqual(
      [notACoordinator.statusCode, errorSummary(notACoordinator.body)],
      [400, [{ href: '#coordinator', text: 'Select a coordinator from the list' }]],
    );

    for (const choice of [String(coordinator.id), String(colleague.id), 'none']) {
      const response = await submitForm(t.app, url('/coordinator'), { coordinator: choice }, form);
      assert.equal(response.statusCode, 303, choice);
    }
    assert.equal((await row()).coordinatorUserId, null);
    const changes = (await trail())
      .filter((event) => event.action === 'coordinator-changed')
      .map((event) => [event.before, event.after]);
    const named = (user: { name: string; email: string }) => `${user.name} (${user.email})`;
    assert.deepEqual(changes, [
      [{ coordinator: null }, { coordinator: named(coordinator) }],
      [{ coordinator: named(coordinator) }, { coordinator: named(colleague) }],
      [{ coordinator: named(colleague) }, { coordinator: null }],
    ]);
    const unchanged = await submitForm(t.app, url('/coordinator'), { coordinator: 'none' }, form);
    assert.equal(unchanged.statusCode, 303);
    assert.equal(
      (await trail()).filter((event) => event.action === 'coordinator-changed').length,
      3,
      'no change, no event',
    );
  });

  test('priority reasons: set, changed and cleared, each audited; unknown reasons refused', async () => {
    const form = await openForm(t.app, url('/priority'), cookies);
    const unknown = await submitForm(t.app, url('/priority'), { priorityReasons: ['vulnerable', 'rich'] }, form);
    assert.equal(unknown.statusCode, 400);
    assert.deepEqual(errorSummary(unknown.body), [
      { href: '#priorityReasons', text: 'Select priority reasons from the list' },
    ]);
    assert.match(unknown.body, /value="vulnerable" checked/);

    assert.equal(
      (
        await submitForm(
          t.app,
          url('/priority'),
          { priorityReasons: ['new-headteacher', 'below-expected-standards'] },
          form,
        )
      ).statusCode,
      303,
    );
    assert.deepEqual((await row()).priorityReasons, ['below-expected-standards', 'new-headteacher']);
    const page = await t.app.inject({ url: url(), cookies });
    assert.match(page.body, /Results below the expected standards, A headteacher in their first headship/);
    assert.equal((await submitForm(t.app, url('/priority'), {}, form)).statusCode, 303);
    assert.deepEqual((await row()).priorityReasons, []);

    const changes = (await trail())
      .filter((event) => event.action === 'priority-changed')
      .map((event) => [event.before, event.after]);
    assert.deepEqual(changes, [
      [
        { priorityReasons: [] },
        { priorityReasons: ['Results below the expected standards', 'A headteacher in their first headship'] },
      ],
      [
        { priorityReasons: ['Results below the expected standards', 'A headteacher in their first headship'] },
        { priorityReasons: [] },
      ],
    ]);
  });

  test('internal notes: added with their author and time, newest first, and audited', async () => {
    const empty = await post('/notes', { note: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [{ href: '#note', text: 'Enter the note' }]);
    assert.match(empty.body, /<h1 class="govuk-heading-l">Banks Road Primary School<\/h1>/, 'the enquiry page again');
    const long = await post('/notes', { note: 'x'.repeat(5001) });
    assert.deepEqual(errorSummary(long.body), [{ href: '#note', text: 'The note must be 5,000 characters or fewer' }]);
    assert.match(long.body, />x{5001}<\/textarea>/, 'what was typed is kept');

    assert.equal((await post('/notes', { note: 'Head prefers calls after 3pm.' })).statusCode, 303);
    t.clock.advance(5 * 60_000);
    cookies = await sessionCookiesFor(t, colleague);
    const second = await post('/notes', { note: 'Line one\nLine two' });
    assert.deepEqual([second.statusCode, second.headers.location], [303, `${url()}#notes`]);

    const page = await t.app.inject({ url: url(), cookies });
    assert.match(
      page.body,
      /<strong>Chloe Dunn<\/strong>, 23 November 2026 at 11:05am<\/p>\s*<p class="govuk-body app-preserve-lines govuk-!-margin-bottom-0">Line one\nLine two<\/p>[\s\S]*<strong>Bethan Morgan<\/strong>, 23 November 2026 at 11am/,
    );
    const notes = await t.database.db.select().from(enquiryNotes).where(eq(enquiryNotes.enquiryId, enquiry.id));
    assert.equal(notes.length, 2);
    assert.deepEqual(
      (await trail()).filter((event) => event.action === 'note-added').map((event) => [event.actorUserId, event.after]),
      [
        [coordinator.id, { note: 'Head prefers calls after 3pm.' }],
        [colleague.id, { note: 'Line one\nLine two' }],
      ],
    );
  });

  test('every form refuses an expired token, shows the answers again, and changes nothing', async () => {
    const forms: Array<[string, Record<string, string | string[]>, RegExp]> = [
      ['/status', { to: 'withdrawn', note: 'Kept reason' }, />Kept reason<\/textarea>/],
      ['/coordinator', { coordinator: String(colleague.id) }, new RegExp(`value="${colleague.id}" checked`)],
      ['/priority', { priorityReasons: ['vulnerable'] }, /value="vulnerable" checked/],
      ['/notes', { note: 'Kept note' }, />Kept note<\/textarea>/],
    ];
    const before = (await trail()).length;
    for (const [path, fields, kept] of forms) {
      const form = await openForm(t.app, url(path === '/notes' ? '' : path), cookies);
      const response = await submitForm(t.app, url(path), fields, { ...form, csrfToken: 'forged' });
      assert.equal(response.statusCode, 403, path);
      assert.match(errorSummary(response.body)[0]?.text ?? '', /This form had expired, so nothing was changed/, path);
      assert.match(response.body, kept, path);
    }
    assert.equal((await trail()).length, before);
    assert.equal((await row()).status, 'new');
  });
});
