import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { readyAgreement, type Signatories, signEveryParty } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { agreementObjectives } from '../agreements/agreements.tables.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { agreementReviews, reviewRatings } from './reviews.tables.ts';
import { errorSummary } from '../../../test/support/html.ts';
import { type Person, person, sessionCookiesFor } from '../../../test/support/people.ts';

/** The deployment runs from Monday 11 January to Friday 16 July 2027 (readyAgreement's terms): its mid-point is 14 April. */
const BEFORE_MID_POINT = '2027-04-13T11:00:00Z';
const MID_POINT = '2027-04-14T09:00:00Z';
const AFTER_END = '2027-07-19T09:00:00Z';

describe('reviews at the mid-point and at the end', () => {
  let t: TestApp;
  let people: Signatories & { amira: Person; chloe: Person; admin: Person };
  let id: number;
  let objectiveIds: number[];

  before(async () => {
    t = await buildTestApp();
    const leaders = await addExampleLeaders(t, 'amiraHussain', 'chloeDunn');
    people = {
      coordinator: await person(t, { roles: ['coordinator'], name: 'Bethan Morgan' }),
      admin: await person(t, { roles: ['administrator'] }),
      supportedSchool: await person(t, {
        roles: ['school-contact'],
        name: 'Priya Shah',
        schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn,
      }),
      homeSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn }),
      amira: await person(t, { roles: ['system-leader'], name: 'Amira Hussain', leaderId: leaders.amiraHussain }),
      chloe: await person(t, { roles: ['system-leader'], leaderId: leaders.chloeDunn }),
    };
    id = await readyAgreement(t, people.coordinator.user, { leaderId: leaders.amiraHussain });
    const second = await t.app.services.agreementEditing.addObjective(people.coordinator.user, id, {
      objective: 'The new maths lead leads CPD',
      baseline: 'No maths CPD this year',
      successMeasure: 'Three sessions led by the summer',
    });
    assert.ok(second.ok);
    await signEveryParty(t, id, people);
    const version = (await t.app.services.agreements.find(people.coordinator.user, id))!.version;
    versionId = version.id;
    objectiveIds = version.objectives.map((objective) => objective.id);
  });
  let versionId: number;
  after(() => t.close());

  /** A session started now: the test's clock moves months at a time, past any session's limit. */
  const signedIn = (who: Person) => sessionCookiesFor(t, who.user);
  const url = (kind: string) => `/staff/agreements/${id}/reviews/${kind}`;
  const fullForm = (ratings: [string, string], summary = 'Reasoning has improved across Year 6') => ({
    [`rating-${objectiveIds[0]}`]: ratings[0],
    [`evidence-${objectiveIds[0]}`]: 'Spring assessment: 58% at the expected standard',
    [`rating-${objectiveIds[1]}`]: ratings[1],
    [`evidence-${objectiveIds[1]}`]: 'Two sessions led, observed by the head',
    summary,
    nextSteps: 'Keep the fortnightly coaching until July',
    sharedWith: 'everyone',
  });
  async function post(who: Person, kind: string, fields: Record<string, string>) {
    const form = await openForm(t.app, '/staff', await signedIn(who));
    return submitForm(t.app, url(kind), fields, form);
  }
  const reviewsStored = () =>
    t.database.db
      .select()
      .from(agreementReviews)
      .where(eq(agreementReviews.agreementId, id))
      .orderBy(agreementReviews.id);

  test('a review cannot be recorded before its time, and the page says when it can', async () => {
    t.clock.set(BEFORE_MID_POINT);
    const early = await t.app.inject({ url: url('mid-point'), cookies: await signedIn(people.amira) });
    assert.equal(early.statusCode, 409);
    assert.match(
      early.body,
      /The mid-point review can be recorded from Wednesday 14 April 2027, halfway through the support \(Monday 11 January 2027 to Friday 16 July 2027\)/,
    );
    const posted = await post(people.coordinator, 'mid-point', fullForm(['met', 'met']));
    assert.equal(posted.statusCode, 409);
    t.clock.set(MID_POINT);
    const end = await t.app.inject({ url: url('end'), cookies: await signedIn(people.coordinator) });
    assert.equal(end.statusCode, 409);
    assert.match(
      end.body,
      /The end review can be recorded from Friday 16 July 2027, when the support ends. To end it earlier, start a variation that changes its end date/,
    );
    assert.deepEqual(await reviewsStored(), []);
  });

  test('an agreement not yet signed by every party has no reviews to record', async () => {
    const draft = await readyAgreement(t, people.coordinator.user, {
      leaderId: people.amira.user.leaderId!,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    const response = await t.app.inject({
      url: `/staff/agreements/${draft}/reviews/mid-point`,
      cookies: await signedIn(people.coordinator),
    });
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /Reviews start once every party has signed the agreement/);
  });

  test('only coordinators, administrators and the agreement’s own leader may record; the other roles are refused', async () => {
    t.clock.set(MID_POINT);
    for (const who of [people.coordinator, people.admin, people.amira])
      assert.equal((await t.app.inject({ url: url('mid-point'), cookies: await signedIn(who) })).statusCode, 200);
    assert.equal(
      (await t.app.inject({ url: url('mid-point'), cookies: await signedIn(people.chloe) })).statusCode,
      404,
      'another leader cannot see the agreement at all',
    );
    assert.equal(
      (await t.app.inject({ url: url('mid-point'), cookies: await signedIn(people.supportedSchool) })).statusCode,
      403,
      'school contacts read reviews, they do not record them',
    );
    assert.equal((await post(people.chloe, 'mid-point', fullForm(['met', 'met']))).statusCode, 404);
    assert.equal(
      (
        await t.app.inject({
          url: `/staff/agreements/${id}/reviews/halfway`,
          cookies: await signedIn(people.coordinator),
        })
      ).statusCode,
      404,
    );
  });

  test('every objective needs a rating and evidence, and the review a summary and next steps: the form again, with what was typed', async () => {
    t.clock.set(MID_POINT);
    const empty = await post(people.amira, 'mid-point', {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummary(empty.body), [
      { href: `#rating-${objectiveIds[0]}`, text: 'Select how far objective 1 has been met' },
      {
        href: `#evidence-${objectiveIds[0]}`,
        text: 'Enter the evidence for the rating of objective 1: what was seen, measured or said',
      },
      { href: `#rating-${objectiveIds[1]}`, text: 'Select how far objective 2 has been met' },
      {
        href: `#evidence-${objectiveIds[1]}`,
        text: 'Enter the evidence for the rating of objective 2: what was seen, measured or said',
      },
      { href: '#summary', text: 'Enter a summary of the review' },
      { href: '#nextSteps', text: 'Enter the next steps, or write that none are needed' },
      { href: '#sharedWith', text: 'Select who the review is shared with' },
    ]);
    assert.match(empty.body, new RegExp(`id="rating-${objectiveIds[0]}"`), 'the summary links to the first radio');

    const partial = await post(people.amira, 'mid-point', {
      ...fullForm(['partly-met', 'met']),
      [`evidence-${objectiveIds[1]}`]: '   ',
      summary: 'x'.repeat(2001),
    });
    assert.equal(partial.statusCode, 400);
    assert.deepEqual(
      errorSummary(partial.body).map((item) => item.text),
      [
        'Enter the evidence for the rating of objective 2: what was seen, measured or said',
        'The summary must be 2000 characters or fewer',
      ],
    );
    assert.match(partial.body, /value="partly-met" checked/);
    assert.match(partial.body, /Spring assessment: 58% at the expected standard/);
    assert.deepEqual(await reviewsStored(), []);
  });

  test('the leader records the mid-point review; the parties read it; it is one review, which its recorder can change with a trail', async () => {
    t.clock.set(MID_POINT);
    const recorded = await post(people.amira, 'mid-point', fullForm(['not-met', 'partly-met']));
    assert.equal(recorded.statusCode, 303);
    assert.equal(recorded.headers.location, `/staff/agreements/${id}#reviews`);
    const [review] = await reviewsStored();
    assert.equal(review!.recordedByUserId, people.amira.user.id);
    const ratings = await t.database.db.select().from(reviewRatings).where(eq(reviewRatings.reviewId, review!.id));
    assert.deepEqual(ratings.map((rating) => rating.rating).sort(), ['not-met', 'partly-met']);

    for (const reader of [people.supportedSchool, people.homeSchool]) {
      const page = await t.app.inject({ url: `/staff/agreements/${id}`, cookies: await signedIn(reader) });
      assert.match(page.body, /Mid-point review/);
      assert.match(page.body, /<strong class="govuk-tag govuk-tag--red">Not met<\/strong>/);
      assert.match(page.body, /<strong class="govuk-tag govuk-tag--yellow">Partly met<\/strong>/);
      assert.match(page.body, /Amira Hussain, 14 April 2027/);
      assert.doesNotMatch(page.body, /reviews\/mid-point"/, 'no link to change it');
    }

    // Recording it again changes the one review rather than adding a second.
    t.clock.advance(3_600_000);
    const changed = await post(
      people.amira,
      'mid-point',
      fullForm(['not-met', 'met'], 'Reasoning is improving; CPD is on track'),
    );
    assert.equal(changed.statusCode, 303);
    const stored = await reviewsStored();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.summary, 'Reasoning is improving; CPD is on track');
    assert.equal(stored[0]!.changedByUserId, people.amira.user.id);
    const [trail] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'agreement-review'), eq(auditEvents.action, 'review-changed')));
    assert.deepEqual(trail!.before, {
      'Objective 2': 'Partly met: Two sessions led, observed by the head',
      summary: 'Reasoning has improved across Year 6',
    });
    assert.deepEqual(trail!.after, {
      'Objective 2': 'Met: Two sessions led, observed by the head',
      summary: 'Reasoning is improving; CPD is on track',
    });
    const coordinatorPage = await t.app.inject({
      url: `/staff/agreements/${id}`,
      cookies: await signedIn(people.coordinator),
    });
    assert.match(coordinatorPage.body, /Review changed \(Mid-point review, version 1\)/);
  });

  test('a review recorded by a coordinator is not the leader’s to change', async () => {
    t.clock.set(AFTER_END);
    assert.equal((await post(people.coordinator, 'end', fullForm(['met', 'exceeded']))).statusCode, 303);
    const refused = await t.app.inject({ url: url('end'), cookies: await signedIn(people.amira) });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Only Bethan Morgan, who recorded this review, or a coordinator can change it/);
  });

  test('the end review’s ratings are the objectives’ outcomes; the mid-point review is then fixed', async () => {
    const outcomes = async () =>
      (
        await t.database.db
          .select()
          .from(agreementObjectives)
          .where(eq(agreementObjectives.versionId, versionId))
          .orderBy(agreementObjectives.position)
      ).map((row) => row.outcome);
    assert.deepEqual(await outcomes(), ['Met', 'Exceeded']);
    assert.equal((await post(people.admin, 'end', fullForm(['partly-met', 'exceeded']))).statusCode, 303);
    assert.deepEqual(await outcomes(), ['Partly met', 'Exceeded']);

    const mid = await post(people.coordinator, 'mid-point', fullForm(['met', 'met']));
    assert.equal(mid.statusCode, 409);
    assert.match(mid.body, /The mid-point review cannot be changed once the end review has been recorded/);
    assert.equal((await reviewsStored()).length, 2);
  });

  test('two people recording the same review at once make one review', async () => {
    const other = await readyAgreement(t, people.coordinator.user, {
      leaderId: people.amira.user.leaderId!,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    const matthewArnold = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn });
    await signEveryParty(t, other, { ...people, supportedSchool: matthewArnold });
    const agreement = (await t.app.services.agreements.find(people.coordinator.user, other))!;
    const input = {
      ratings: agreement.version.objectives.map((objective) => ({
        objectiveId: objective.id,
        rating: 'met' as const,
        evidence: 'Seen',
      })),
      summary: 'Done',
      nextSteps: 'None',
      sharedWith: 'everyone' as const,
    };
    // Two coordinators, so whichever is second may change the first one's review.
    const colleague = await person(t, { roles: ['coordinator'] });
    const outcomes = await Promise.all([
      t.app.services.reviews.record(people.coordinator.user, other, 'end', input),
      t.app.services.reviews.record(colleague.user, other, 'end', input),
    ]);
    // Whoever comes second either changes the first one's review or is told it has just been recorded.
    assert.ok(outcomes[0].ok || outcomes[1].ok);
    for (const outcome of outcomes)
      assert.ok(
        outcome.ok || ('message' in outcome && /Someone has just recorded the end review/.test(outcome.message)),
        JSON.stringify(outcome),
      );
    assert.equal(
      (await t.database.db.select().from(agreementReviews).where(eq(agreementReviews.agreementId, other))).length,
      1,
    );
  });
});
