import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { EXAMPLE_ENQUIRIES, EXAMPLE_LEADERS } from '../../seed/examples.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { agreements } from '../agreements/agreements.tables.ts';
import { agreementReference } from '../agreements/agreements.labels.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { recordFirstContact } from '../enquiries/enquiry-lifecycle.service.ts';
import { enquiryEvents } from '../enquiries/enquiries.tables.ts';
import { saveLeader } from '../leaders/leaders.service.ts';
import { leaderSpecialisms } from '../leaders/leaders.tables.ts';
import { linkUserToLeader } from '../../../test/support/leaders.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { proposals } from './proposals.tables.ts';
import { person, sessionCookiesFor, type Person } from '../../../test/support/people.ts';
import { errorSummary, linksOf, page, summaryListRows, textsOf } from '../../../test/support/html.ts';
import { specialismId } from '../../../test/support/agreements.ts';

describe('proposing leaders and their answers', () => {
  let t: TestApp;
  let coordinator: Person;
  let enquiryId: number;
  let reference: string;
  const leaderIds = new Map<string, number>();

  const linkFor = async (leaderEmail: string) => {
    const [mail] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.kind, 'proposal'), eq(outboxMessages.recipient, leaderEmail)))
      .orderBy(outboxMessages.id);
    return /\/proposals\/respond\?token=([A-Za-z0-9_-]{43})/.exec(mail!.body)![1]!;
  };
  const proposal = async (leaderName: string) =>
    (
      await t.database.db
        .select()
        .from(proposals)
        .where(and(eq(proposals.enquiryId, enquiryId), eq(proposals.leaderId, leaderIds.get(leaderName)!)))
    )[0];

  before(async () => {
    t = await buildTestApp();
    const alliance = await t.app.services.alliances.current();
    for (const example of [EXAMPLE_LEADERS.amiraHussain, EXAMPLE_LEADERS.chloeDunn, EXAMPLE_LEADERS.carysJones]) {
      const saved = await t.database.db.transaction((tx) => saveLeader(tx, alliance.id, example, t.clock.now()));
      assert.ok(saved.ok);
      leaderIds.set(example.name, saved.leaderId);
    }
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      payload: EXAMPLE_ENQUIRIES.banksRoadMaths,
    });
    reference = response.json().reference;
    enquiryId = (await t.app.services.enquiries.findByReference(reference))!.id;
    coordinator = await person(t, { roles: ['coordinator'] });
  });
  after(() => t.close());

  test('the matching page ranks the leaders and explains each', async () => {
    const page = await t.app.inject({ url: `/staff/enquiries/${reference}/matching`, cookies: coordinator.cookies });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /1\. Amira Hussain<\/strong> — score \d+(\.\d)?/);
    assert.match(page.body, /Specialism fit: 40 of 40 — Holds 2 of the 2 specialisms asked for: Assessment, Maths/);
    assert.match(page.body, /Chloe Dunn/);
    const forbidden = await t.app.inject({
      url: `/staff/enquiries/${reference}/matching`,
      cookies: (await person(t, { roles: ['system-leader'] })).cookies,
    });
    assert.equal(forbidden.statusCode, 403);
  });

  test('proposing nothing, or twice, is refused with the choice kept', async () => {
    const form = await openForm(t.app, `/staff/enquiries/${reference}/matching`, coordinator.cookies);
    const none = await submitForm(t.app, `/staff/enquiries/${reference}/proposals`, { message: 'Kept note' }, form);
    assert.equal(none.statusCode, 400);
    assert.deepEqual(errorSummary(none.body), [{ href: '#leaderIds', text: 'Select at least one leader to propose' }]);
    assert.match(none.body, />Kept note<\/textarea>/);
  });

  test('leaders are proposed only once the school has been contacted', async () => {
    const form = await openForm(t.app, `/staff/enquiries/${reference}/matching`, coordinator.cookies);
    const early = await submitForm(
      t.app,
      `/staff/enquiries/${reference}/proposals`,
      { leaderIds: String(leaderIds.get('Amira Hussain')) },
      form,
    );
    assert.equal(early.statusCode, 400);
    assert.deepEqual(errorSummary(early.body), [
      {
        href: '#leaderIds',
        text: 'Leaders cannot be proposed while the enquiry is new: record the first contact with the school first',
      },
    ]);
    assert.equal(await proposal('Amira Hussain'), undefined);
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

  test('proposing emails each leader a single-use link, tells the school, moves the enquiry on, and is audited', async () => {
    const form = await openForm(t.app, `/staff/enquiries/${reference}/matching`, coordinator.cookies);
    const response = await submitForm(
      t.app,
      `/staff/enquiries/${reference}/proposals`,
      {
        leaderIds: [String(leaderIds.get('Amira Hussain')), String(leaderIds.get('Carys Jones'))],
        message: 'Could you start after half term?',
      },
      form,
    );
    assert.equal(response.statusCode, 303);
    const amira = await proposal('Amira Hussain');
    assert.equal(amira?.status, 'proposed');
    assert.ok(amira!.score > 0);
    assert.equal(amira!.reasons.length, 6);
    assert.equal(amira!.linkTokenHash?.length, 64, 'only the hash of the link is kept');

    const mail = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'proposal'));
    assert.deepEqual(mail.map((message) => message.recipient).sort(), [
      'a.hussain@palmerston.example',
      'c.jones@matthew-arnold.example',
    ]);
    assert.match(mail[0]!.body, /Could you start after half term\?/);
    assert.match(mail[0]!.body, /Our Year 6 maths results fell this summer/);
    const [toSchool] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.kind, 'proposal-school'));
    assert.equal(toSchool!.recipient, 'p.shah@banks-road.example');
    assert.match(toSchool!.body, /- Amira Hussain, SLE, Palmerston School/);
    assert.match(toSchool!.body, /- Carys Jones, SLE, Matthew Arnold Primary School/);

    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'enquiry'), eq(auditEvents.entityId, String(enquiryId))));
    assert.deepEqual(
      events
        .filter((event) => event.action === 'leader-proposed')
        .map((event) => (event.after as { leader: string }).leader)
        .sort(),
      ['Amira Hussain', 'Carys Jones'],
    );
    assert.equal((await t.app.services.enquiries.findByReference(reference))?.status, 'proposed');
    const moves = await t.database.db
      .select()
      .from(enquiryEvents)
      .where(eq(enquiryEvents.enquiryId, enquiryId))
      .orderBy(enquiryEvents.id);
    assert.deepEqual(
      moves.map((move) => [move.fromStatus, move.toStatus]),
      [
        [null, 'new'],
        ['new', 'contacted'],
        ['contacted', 'matching'],
        ['matching', 'proposed'],
      ],
    );
    const page = await t.app.inject({ url: `/staff/enquiries/${reference}`, cookies: coordinator.cookies });
    assert.match(page.body, /Leaders proposed[\s\S]*Amira Hussain[\s\S]*Proposed/);

    const again = await submitForm(
      t.app,
      `/staff/enquiries/${reference}/proposals`,
      { leaderIds: String(leaderIds.get('Amira Hussain')) },
      form,
    );
    assert.equal(again.statusCode, 400);
    assert.deepEqual(errorSummary(again.body), [
      { href: '#leaderIds', text: 'Amira Hussain has already been proposed for this enquiry' },
    ]);
  });

  test('a leader answers from the emailed link without signing in, once', async () => {
    const token = await linkFor('a.hussain@palmerston.example');
    const page = await t.app.inject({ url: `/proposals/respond?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Could you support Banks Road Primary School\?/);
    assert.equal((await proposal('Amira Hussain'))?.status, 'proposed', 'following the link answers nothing');

    const form = await openForm(t.app, `/proposals/respond?token=${token}`);
    const missing = await submitForm(t.app, '/proposals/respond', { token, note: 'Kept' }, form);
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(errorSummary(missing.body), [
      { href: '#decision', text: 'Select whether you can support this school' },
    ]);
    assert.match(missing.body, />Kept<\/textarea>/);

    const accepted = await submitForm(
      t.app,
      '/proposals/respond',
      { token, decision: 'accept', note: 'Happy to help from January' },
      form,
    );
    assert.equal(accepted.statusCode, 200);
    assert.match(accepted.body, /You accepted the proposal for Banks Road Primary School/);
    const answered = await proposal('Amira Hussain');
    assert.deepEqual(
      [answered?.status, answered?.respondedVia, answered?.responseNote, answered?.linkTokenHash],
      ['accepted', 'email-link', 'Happy to help from January', null],
    );
    const [toAlliance] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.kind, 'proposal-answer'));
    assert.match(toAlliance!.subject, /Amira Hussain has accepted the proposal for Banks Road Primary School/);

    const reused = await submitForm(t.app, '/proposals/respond', { token, decision: 'decline' }, form);
    assert.equal(reused.statusCode, 404);
    assert.match(reused.body, /This link does not work/);
    assert.equal((await proposal('Amira Hussain'))?.status, 'accepted');
  });

  test('an emailed link expires after 14 days', async () => {
    const token = await linkFor('c.jones@matthew-arnold.example');
    t.clock.advance(15 * 86_400_000);
    const page = await t.app.inject({ url: `/proposals/respond?token=${token}` });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /This link has expired/);
    t.clock.advance(-15 * 86_400_000);
  });

  test('a signed-in leader answers their own proposals, and no one else’s', async () => {
    const carysUser = await person(t, {
      signedIn: false,
      roles: ['system-leader'],
      email: 'c.jones@matthew-arnold.example',
    });
    await linkUserToLeader(t, carysUser.id, leaderIds.get('Carys Jones')!);
    const cookies = await sessionCookiesFor(t, carysUser);
    const list = await t.app.inject({ url: '/staff/proposals', cookies });
    assert.match(list.body, /Banks Road Primary School/);
    assert.match(list.body, /Waiting for your answer/);
    const id = (await proposal('Carys Jones'))!.id;
    const form = await openForm(t.app, `/staff/proposals/${id}`, cookies);
    const declined = await submitForm(
      t.app,
      `/staff/proposals/${id}`,
      { decision: 'decline', note: 'Not this term' },
      form,
    );
    assert.equal(declined.statusCode, 303);
    assert.deepEqual(
      [(await proposal('Carys Jones'))?.status, (await proposal('Carys Jones'))?.respondedVia],
      ['declined', 'signed-in'],
    );

    const amiraProposal = (await proposal('Amira Hussain'))!.id;
    assert.equal((await t.app.inject({ url: `/staff/proposals/${amiraProposal}`, cookies })).statusCode, 404);
  });

  test('a declined leader can be proposed again, and a coordinator can withdraw a proposal', async () => {
    const form = await openForm(t.app, `/staff/enquiries/${reference}/matching`, coordinator.cookies);
    // Amira (first in the ranking) is already proposed: the error still links to a box that exists.
    const none = await submitForm(t.app, `/staff/enquiries/${reference}/proposals`, {}, form);
    assert.match(none.body, /<a href="#leaderIds">/);
    const firstOffered = page(none.body).querySelector('input#leaderIds[type="checkbox"]')?.getAttribute('value');
    assert.ok(firstOffered, 'the leaders are offered again');
    assert.notEqual(firstOffered, String(leaderIds.get('Amira Hussain')));
    const again = await submitForm(
      t.app,
      `/staff/enquiries/${reference}/proposals`,
      { leaderIds: String(leaderIds.get('Carys Jones')) },
      form,
    );
    assert.equal(again.statusCode, 303);
    const carys = (await proposal('Carys Jones'))!;
    assert.deepEqual([carys.status, carys.responseNote], ['proposed', null]);
    const withdrawn = await submitForm(t.app, `/staff/enquiries/${reference}/proposals/${carys.id}/withdraw`, {}, form);
    assert.equal(withdrawn.statusCode, 303);
    assert.equal((await proposal('Carys Jones'))?.status, 'withdrawn');
  });

  test('an accepted proposal becomes the agreed match and a draft agreement, not yet support given', async () => {
    const form = await openForm(t.app, `/staff/enquiries/${reference}/matching`, coordinator.cookies);
    const carys = (await proposal('Carys Jones'))!;
    const notAccepted = await submitForm(t.app, `/staff/enquiries/${reference}/proposals/${carys.id}/agree`, {}, form);
    assert.equal(notAccepted.statusCode, 409);
    assert.deepEqual(errorSummary(notAccepted.body), [
      { href: '#proposals', text: 'Only a proposal the leader has accepted can be agreed' },
    ]);
    assert.equal(page(notAccepted.body).querySelector('.govuk-notification-banner--success'), null);
    assert.equal(
      (await t.app.services.enquiries.findByReference(reference))?.status,
      'proposed',
      'a withdrawn proposal cannot be agreed',
    );

    const chloeProposed = await submitForm(
      t.app,
      `/staff/enquiries/${reference}/proposals`,
      { leaderIds: String(leaderIds.get('Chloe Dunn')) },
      form,
    );
    assert.equal(chloeProposed.statusCode, 303);

    const amira = (await proposal('Amira Hussain'))!;
    const enquiryPage = await t.app.inject({ url: `/staff/enquiries/${reference}`, cookies: coordinator.cookies });
    assert.deepEqual(
      page(enquiryPage.body)
        .querySelectorAll('#leaders ~ .app-table-region table form')
        .map((agree) => [agree.getAttribute('action'), agree.querySelector('button')?.getAttribute('aria-label')]),
      [[`/staff/enquiries/${reference}/proposals/${amira.id}/agree`, 'Agree the match with Amira Hussain']],
      'the accepted answer can be agreed where it shows',
    );
    const agreed = await submitForm(t.app, `/staff/enquiries/${reference}/proposals/${amira.id}/agree`, {}, form);
    assert.equal(agreed.statusCode, 303);
    const agreementId = Number(/\/staff\/agreements\/(\d+)$/.exec(String(agreed.headers.location))?.[1]);
    const [agreement] = await t.database.db.select().from(agreements).where(eq(agreements.id, agreementId));
    assert.deepEqual(
      [agreement?.kind, agreement?.enquiryId, agreement?.leaderId, agreement?.supportedSchoolUrn, agreement?.status],
      ['sle-deployment', enquiryId, leaderIds.get('Amira Hussain'), 104516, 'draft'],
    );
    assert.equal((await t.app.services.enquiries.findByReference(reference))?.status, 'agreed');

    // The terms start from what the school asked for (Maths and Assessment): Amira holds both, so the
    // choice is the coordinator's; once she holds only Maths of the two, it is filled in.
    const chosenFocus = async () =>
      page((await t.app.inject({ url: `/staff/agreements/${agreementId}/terms`, cookies: coordinator.cookies })).body)
        .querySelector('#focusSpecialismId option[selected]')
        ?.getAttribute('value');
    assert.equal(await chosenFocus(), undefined);
    await t.database.db
      .delete(leaderSpecialisms)
      .where(
        and(
          eq(leaderSpecialisms.leaderId, leaderIds.get('Amira Hussain')!),
          eq(leaderSpecialisms.specialismId, await specialismId(t, 'Assessment')),
        ),
      );
    assert.equal(await chosenFocus(), String(await specialismId(t, 'Maths')));

    // The enquiry and its agreement link to each other, for the alliance and for the school.
    const agreedPage = await t.app.inject({ url: `/staff/enquiries/${reference}`, cookies: coordinator.cookies });
    assert.deepEqual(linksOf(agreedPage.body, '#agreement + ul a'), [
      { text: agreementReference(agreementId), href: `/staff/agreements/${agreementId}` },
    ]);
    assert.equal(
      page(agreedPage.body).querySelector('#leaders ~ .app-table-region table form'),
      null,
      'nothing left to agree',
    );
    const answering = (html: string) => linksOf(html, '#parties + dl a');
    assert.deepEqual(
      answering((await t.app.inject({ url: `/staff/agreements/${agreementId}`, cookies: coordinator.cookies })).body),
      [{ text: reference, href: `/staff/enquiries/${reference}` }],
    );
    const head = await person(t, { roles: ['school-contact'], schoolUrn: 104516 });
    const ours = await t.app.inject({ url: `/staff/your-school/enquiries/${reference}`, cookies: head.cookies });
    assert.deepEqual(
      linksOf(ours.body, 'main ul a').filter((link) => link.href === `/staff/agreements/${agreementId}`).length,
      1,
    );
    assert.deepEqual(
      answering((await t.app.inject({ url: `/staff/agreements/${agreementId}`, cookies: head.cookies })).body),
      [{ text: reference, href: `/staff/your-school/enquiries/${reference}` }],
    );

    // Chloe was asked too and had not answered: she is told, and her link no longer works.
    const chloeToken = await linkFor('chloe.dunn@palmerston.example');
    const chloe = await proposal('Chloe Dunn');
    assert.deepEqual([chloe?.status, chloe?.linkTokenHash], ['withdrawn', null]);
    const [told] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.kind, 'proposal-closed'), eq(outboxMessages.recipient, 'chloe.dunn@palmerston.example')),
      );
    assert.match(told!.subject, /Support for Banks Road Primary School is no longer needed/);
    const lateAnswer = await t.app.inject({ url: `/proposals/respond?token=${chloeToken}` });
    assert.equal(lateAnswer.statusCode, 404);
    const matching = await t.app.inject({
      url: `/staff/enquiries/${reference}/matching`,
      cookies: coordinator.cookies,
    });
    assert.deepEqual(
      textsOf(matching.body, '#proposals + .app-table-region table button'),
      [],
      'nothing left to agree or withdraw',
    );
    const again = await submitForm(t.app, `/staff/enquiries/${reference}/proposals/${amira.id}/agree`, {}, form);
    assert.equal(again.statusCode, 409, 'agreeing twice is refused as an error');
    assert.equal(page(again.body).querySelector('.govuk-notification-banner--success'), null);

    // Another enquiry from the same school: the agreement is a draft, not signed, so not yet support given.
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/enquiries',
      payload: EXAMPLE_ENQUIRIES.banksRoadMaths,
    });
    const nextId = (await t.app.services.enquiries.findByReference(next.json().reference))!.id;
    // And her school has agreed to release her for 12 days this academic year.
    const staff = await person(t, { roles: ['coordinator'] });
    const recorded = await t.app.services.release.recordConsent(staff.user, leaderIds.get('Amira Hussain')!, 2026, {
      releasedHalfDays: 24,
      headName: 'Head of Palmerston',
      headConsentedOn: '2026-09-01',
      chairName: 'Chair of Palmerston',
      chairConsentedOn: '2026-09-02',
    });
    assert.ok(recorded.ok);
    const ranked = (await t.app.services.matching.rankForEnquiry(nextId))!.ranked.find(
      (leader) => leader.name === 'Amira Hussain',
    )!;
    assert.equal(
      ranked.reasons.find((reason) => reason.component === 'history')!.text,
      'Has not supported this school before',
    );
    assert.equal(
      ranked.reasons.find((reason) => reason.component === 'capacity')!.text,
      '12 days of 12 days release left in 2026/27',
      'the draft agreement has no days yet',
    );
  });

  test('administrators set the weights; bad weights are explained with the input kept', async () => {
    const admin = await person(t, { roles: ['administrator'] });
    const form = await openForm(t.app, '/staff/settings/matching', admin.cookies);
    const bad = await submitForm(
      t.app,
      '/staff/settings/matching',
      {
        specialism: '140',
        phase: 'x',
        distance: '20',
        capacity: '15',
        history: '5',
        priority: '5',
        maxDistanceMiles: '0',
      },
      form,
    );
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      errorSummary(bad.body).map((error) => error.href),
      ['#specialism', '#phase', '#maxDistanceMiles'],
    );
    assert.match(bad.body, /name="specialism" type="text" value="140"/);
    const saved = await submitForm(
      t.app,
      '/staff/settings/matching',
      {
        specialism: '50',
        phase: '10',
        distance: '20',
        capacity: '10',
        history: '5',
        priority: '5',
        maxDistanceMiles: '25',
      },
      form,
    );
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await t.app.services.matching.weights(), {
      specialism: 50,
      phase: 10,
      distance: 20,
      capacity: 10,
      history: 5,
      priority: 5,
      maxDistanceMiles: 25,
    });
    const readOnly = await t.app.inject({ url: '/staff/settings/matching', cookies: coordinator.cookies });
    assert.equal(
      page(readOnly.body).querySelector('input[name="specialism"]'),
      null,
      'no form a coordinator cannot save',
    );
    assert.deepEqual(summaryListRows(readOnly.body)[0], ['Specialism fit', '50 (default 40)']);
    assert.match(textsOf(readOnly.body, 'main').join(' '), /Only an administrator can change the weights/);
    const coordinatorPost = await submitForm(
      t.app,
      '/staff/settings/matching',
      { specialism: '1' },
      await openForm(t.app, '/staff/settings/matching', coordinator.cookies),
    );
    assert.equal(coordinatorPost.statusCode, 403);
  });
});
