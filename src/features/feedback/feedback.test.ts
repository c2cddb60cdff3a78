import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import {
  AN_OBJECTIVE,
  deploymentTerms,
  readyAgreement,
  type Signatories,
  signEveryParty,
} from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { receiveEnquiry } from '../../../test/support/enquiries.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { createApp } from '../../app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { listJobRuns } from '../../platform/jobs/jobs.repository.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { FEEDBACK_JOB } from './feedback.service.ts';
import { feedbackRequests, feedbackResponses } from './feedback.tables.ts';
import { errorSummary } from '../../../test/support/html.ts';
import { type Person, person, sessionCookiesFor } from '../../../test/support/people.ts';
import { openSchoolsOtherThan } from '../../../test/support/schools.ts';

/** readyAgreement's deployments end on Friday 16 July 2027; the job first finds them ended on Monday 19 July. */
const MONDAY_AFTER_END = '2027-07-19T09:00:00Z';

const requestEmails = (t: TestApp) =>
  t.database.db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.kind, 'feedback-request'))
    .orderBy(asc(outboxMessages.id));
const tokenIn = (body: string) => /\/feedback\?token=([A-Za-z0-9_-]{43})/.exec(body)?.[1] ?? '';

describe('the supported school’s feedback', () => {
  let t: TestApp;
  let people: Signatories & { amira: Person; matthewArnold: Person; otherSchool: Person };
  const ids: Record<'fromEnquiry' | 'schoolContacts' | 'noOneToAsk' | 'notEnded', number> = {
    fromEnquiry: 0,
    schoolContacts: 0,
    noOneToAsk: 0,
    notEnded: 0,
  };
  let otherSchoolUrn: number;

  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    const enquiry = await receiveEnquiry(t, '2026-11-23T10:00:00Z');
    const leaders = await addExampleLeaders(t, 'amiraHussain');
    const [school] = await openSchoolsOtherThan(t, [
      EXAMPLE_SCHOOLS.bankRoad.urn,
      EXAMPLE_SCHOOLS.palmerston.urn,
      EXAMPLE_SCHOOLS.matthewArnold.urn,
    ]);
    otherSchoolUrn = school!.urn;
    people = {
      coordinator: await person(t, { roles: ['coordinator'] }),
      supportedSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn }),
      homeSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn }),
      amira: await person(t, { roles: ['system-leader'], leaderId: leaders.amiraHussain }),
      matthewArnold: await person(t, {
        roles: ['school-contact'],
        schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
        email: 'head@matthew-arnold.example',
      }),
      otherSchool: await person(t, {
        roles: ['school-contact'],
        schoolUrn: otherSchoolUrn,
        email: 'left@other.example',
      }),
    };
    // From the enquiry: its contact is asked, not the school's accounts.
    const created = await t.app.services.agreements.create(people.coordinator.user, {
      kind: 'sle-deployment',
      leaderId: leaders.amiraHussain,
      supportedSchoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
      enquiryId: enquiry.id,
    });
    assert.ok(created.ok);
    ids.fromEnquiry = created.value.id;
    assert.ok(
      (
        await t.app.services.agreementEditing.saveDeploymentTerms(
          people.coordinator.user,
          ids.fromEnquiry,
          await deploymentTerms(t),
        )
      ).ok,
    );
    assert.ok(
      (await t.app.services.agreementEditing.addObjective(people.coordinator.user, ids.fromEnquiry, AN_OBJECTIVE)).ok,
    );
    await signEveryParty(t, ids.fromEnquiry, people);

    ids.schoolContacts = await readyAgreement(t, people.coordinator.user, {
      leaderId: leaders.amiraHussain,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    await signEveryParty(t, ids.schoolContacts, { ...people, supportedSchool: people.matthewArnold });
    // The only contact at this school signed, then left: there is no one to ask.
    ids.noOneToAsk = await readyAgreement(t, people.coordinator.user, {
      leaderId: leaders.amiraHussain,
      schoolUrn: otherSchoolUrn,
    });
    await signEveryParty(t, ids.noOneToAsk, { ...people, supportedSchool: people.otherSchool });
    await t.app.services.userDirectory.update(t.database.db, people.otherSchool.user.id, {
      deactivatedAt: new Date('2027-01-01T00:00:00Z'),
    });
    ids.notEnded = await readyAgreement(t, people.coordinator.user, {
      leaderId: leaders.amiraHussain,
      terms: { endDate: '2027-12-17' },
    });
    await signEveryParty(t, ids.notEnded, people);
    // Never signed: not support that happened.
    await readyAgreement(t, people.coordinator.user, {
      leaderId: leaders.amiraHussain,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
  });
  after(() => t.close());

  const signedIn = (who: Person) => sessionCookiesFor(t, who.user);

  test('the daily job asks once for each signed agreement that has ended, and lists the ones with no one to ask', async () => {
    t.clock.set('2027-07-16T09:00:00Z');
    assert.equal(await t.app.services.feedback.runIfDue(), 'done');
    assert.equal((await requestEmails(t)).length, 0, 'not on the last day of the support');

    t.clock.set(MONDAY_AFTER_END);
    assert.equal(await t.app.services.feedback.runIfDue(), 'done');
    const emails = await requestEmails(t);
    assert.deepEqual(
      emails.map((email) => email.recipient),
      ['p.shah@banks-road.example', 'head@matthew-arnold.example'],
    );
    assert.equal(
      emails[0]!.subject,
      `How was the support for Banks Road Primary School? (SA-${String(ids.fromEnquiry).padStart(4, '0')})`,
    );
    assert.match(
      emails[0]!.body,
      /http:\/\/localhost:3000\/feedback\?token=[A-Za-z0-9_-]{43}\nThe link expires on Wednesday 18 August 2027/,
    );
    const requests = await t.database.db.select().from(feedbackRequests).orderBy(feedbackRequests.agreementId);
    assert.deepEqual(
      requests.map((request) => [request.agreementId, request.recipients]),
      [
        [ids.fromEnquiry, ['p.shah@banks-road.example']],
        [ids.schoolContacts, ['head@matthew-arnold.example']],
        [ids.noOneToAsk, []],
      ],
    );

    assert.equal(await t.app.services.feedback.runIfDue(), 'already-done');
    t.clock.set('2027-07-20T09:00:00Z');
    assert.equal(await t.app.services.feedback.runIfDue(), 'done');
    assert.equal((await requestEmails(t)).length, 2, 'the next day asks no one again');
    assert.deepEqual(
      (await listJobRuns(t.database.db, FEEDBACK_JOB)).map((run) => run.outcome),
      [
        { requests: 0, emails: 0, noOneToAsk: 0 },
        { requests: 3, emails: 2, noOneToAsk: 1 },
        { requests: 0, emails: 0, noOneToAsk: 0 },
      ],
    );

    const list = await t.app.inject({
      url: '/staff/reviews?view=no-one-to-ask',
      cookies: await signedIn(people.coordinator),
    });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`SA-${String(ids.noOneToAsk).padStart(4, '0')}`));
    assert.doesNotMatch(list.body, new RegExp(`SA-${String(ids.schoolContacts).padStart(4, '0')}`));
  });

  test('the link opens the survey without a password; the survey says how to fix each answer and keeps what was typed', async () => {
    const token = tokenIn((await requestEmails(t))[0]!.body);
    const page = await t.app.inject({ url: `/feedback?token=${token}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /How was the support for Banks Road Primary School\?/);
    for (const label of ['4: Excellent', '3: Good', '2: Fair', '1: Poor']) assert.match(page.body, new RegExp(label));

    const form = await openForm(t.app, `/feedback?token=${token}`);
    const empty = await submitForm(t.app, '/feedback', { token }, form);
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: '#quality', text: 'Select how good the support was, from 1 (poor) to 4 (excellent)' },
      { href: '#recommend', text: 'Select yes if you would recommend the support to another school, or no' },
    ]);
    const tooLong = await submitForm(
      t.app,
      '/feedback',
      { token, quality: '3', recommend: 'no', comments: 'x'.repeat(1501) },
      form,
    );
    assert.equal(tooLong.statusCode, 400);
    assert.deepEqual(errorSummary(tooLong.body), [
      { href: '#comments', text: 'Your comments must be 1500 characters or fewer' },
    ]);
    assert.match(tooLong.body, /value="3" checked/);
    assert.equal((await t.database.db.select().from(feedbackResponses)).length, 0);

    const answered = await submitForm(
      t.app,
      '/feedback',
      { token, quality: '4', recommend: 'yes', comments: 'Our maths lead grew in confidence' },
      form,
    );
    assert.equal(answered.statusCode, 200);
    assert.match(answered.body, /Feedback sent/);
    const [response] = await t.database.db.select().from(feedbackResponses);
    assert.deepEqual(
      [response!.quality, response!.wouldRecommend, response!.comments, response!.answeredVia],
      [4, true, 'Our maths lead grew in confidence', 'email-link'],
    );

    const again = await t.app.inject({ url: `/feedback?token=${token}` });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /This feedback has already been given/);
    assert.match(again.body, /0151/, 'with the alliance’s telephone number');
    const secondAnswer = await submitForm(t.app, '/feedback', { token, quality: '1', recommend: 'no' }, form);
    assert.equal(secondAnswer.statusCode, 409);
    assert.equal((await t.database.db.select().from(feedbackResponses)).length, 1);

    // One character changed (never to itself: a token ending in A would otherwise be the real one).
    const wrongToken = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const wrong = await t.app.inject({ url: `/feedback?token=${wrongToken}` });
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /This link does not work/);
  });

  test('a link expires after 30 days; a coordinator’s new request replaces it', async () => {
    const oldToken = tokenIn((await requestEmails(t))[1]!.body);
    t.clock.set('2027-08-19T09:00:00Z');
    const expired = await t.app.inject({ url: `/feedback?token=${oldToken}` });
    assert.equal(expired.statusCode, 404);
    assert.match(expired.body, /This link has expired/);
    assert.match(expired.body, /Ask the alliance to send you a new one/);

    const coordinator = await signedIn(people.coordinator);
    const form = await openForm(t.app, `/staff/agreements/${ids.schoolContacts}`, coordinator);
    assert.match(form.page.body, /Ask for feedback again/);
    const asked = await submitForm(t.app, `/staff/agreements/${ids.schoolContacts}/feedback/request`, {}, form);
    assert.equal(asked.statusCode, 303);
    const newToken = tokenIn((await requestEmails(t)).at(-1)!.body);
    assert.notEqual(newToken, oldToken);
    assert.equal((await t.app.inject({ url: `/feedback?token=${oldToken}` })).statusCode, 404);
    assert.equal((await t.app.inject({ url: `/feedback?token=${newToken}` })).statusCode, 200);

    const stillNoOne = await submitForm(t.app, `/staff/agreements/${ids.noOneToAsk}/feedback/request`, {}, form);
    assert.equal(stillNoOne.statusCode, 303);
    assert.equal((await requestEmails(t)).length, 3);
    const answered = await submitForm(t.app, `/staff/agreements/${ids.fromEnquiry}/feedback/request`, {}, form);
    assert.equal(answered.statusCode, 303);
    assert.equal((await requestEmails(t)).length, 3, 'an answered request is not sent again');
  });

  test('a school contact of the supported school can answer signed in, once; others cannot', async () => {
    const contact = await signedIn(people.matthewArnold);
    const page = await t.app.inject({ url: `/staff/agreements/${ids.schoolContacts}`, cookies: contact });
    assert.match(page.body, /Give your feedback/);
    for (const other of [people.supportedSchool, people.homeSchool]) {
      assert.equal(
        (
          await t.app.inject({
            url: `/staff/agreements/${ids.schoolContacts}/feedback`,
            cookies: await signedIn(other),
          })
        ).statusCode,
        404,
      );
    }
    const form = await openForm(t.app, `/staff/agreements/${ids.schoolContacts}/feedback`, contact);
    const invalid = await submitForm(
      t.app,
      `/staff/agreements/${ids.schoolContacts}/feedback`,
      { quality: '5', recommend: 'yes' },
      form,
    );
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(
      errorSummary(invalid.body).map((item) => item.href),
      ['#quality'],
    );
    const sent = await submitForm(
      t.app,
      `/staff/agreements/${ids.schoolContacts}/feedback`,
      { quality: '2', recommend: 'no' },
      form,
    );
    assert.equal(sent.statusCode, 303);
    assert.equal(
      (await t.app.inject({ url: `/staff/agreements/${ids.schoolContacts}/feedback`, cookies: contact })).statusCode,
      404,
      'answered: nothing left to answer',
    );
    const newToken = tokenIn((await requestEmails(t)).at(-1)!.body);
    assert.equal((await t.app.inject({ url: `/feedback?token=${newToken}` })).statusCode, 409);

    const leaderPage = await t.app.inject({
      url: `/staff/agreements/${ids.schoolContacts}`,
      cookies: await signedIn(people.amira),
    });
    assert.doesNotMatch(
      leaderPage.body,
      /Feedback from the supported school/,
      'the school tells the alliance, not the leader',
    );
    const list = await t.app.inject({
      url: '/staff/reviews?view=feedback',
      cookies: await signedIn(people.coordinator),
    });
    assert.match(list.body, /2 in all/);
    assert.match(list.body, /3.0 out of 4/);
    assert.match(list.body, /50%/);
  });

  test('two instances of the app running the job at once ask once', async () => {
    const late = await readyAgreement(t, people.coordinator.user, {
      leaderId: people.amira.user.leaderId!,
      terms: { endDate: '2027-08-20' },
    });
    await signEveryParty(t, late, people);
    t.clock.set('2027-08-23T09:00:00Z');
    const second = await t.database.openAnotherConnection();
    const other = await createApp({ config: t.config, db: second.db, clock: t.clock, mailer: undefined });
    try {
      const before = (await requestEmails(t)).length;
      const results = await Promise.all([
        t.app.services.feedback.runIfDue(),
        other.services.feedback.runIfDue(),
        t.app.services.feedback.runIfDue(),
        other.services.feedback.runIfDue(),
      ]);
      assert.equal(results.filter((result) => result === 'done').length, 1, results.join(', '));
      const emails = await requestEmails(t);
      assert.equal(emails.length, before + 1);
      assert.equal(emails.at(-1)!.recipient, people.supportedSchool.user.email);
    } finally {
      await other.close();
      await second.close();
    }
  });
});
