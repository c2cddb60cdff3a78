import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readyAgreement, signEveryParty, type Signatories } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, openForm, submitForm, type TestApp } from '../../../test/support/test-app.ts';
import { errorSummary, page } from '../../../test/support/html.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { type Person, person, sessionCookiesFor } from '../../../test/support/people.ts';

/** readyAgreement's deployment runs 11 January to 16 July 2027; its LLE placement 11 January 2027 to 14 January 2028. */
const AFTER_BOTH_MID_POINTS = '2027-07-20T09:00:00Z';

describe('who reads each review: as the person who recorded it chose (ReviewService.reviewsFor)', () => {
  let t: TestApp;
  let people: Signatories & { leader: Person; lle: Person };
  let deployment: number;
  let placement: number;
  const SUMMARY = 'The head is struggling with the governors; the alliance is watching';

  const signedIn = (who: Person) => sessionCookiesFor(t, who.user);
  const reviewUrl = (id: number, kind: string) => `/staff/agreements/${id}/reviews/${kind}`;
  async function objectiveIdsOf(id: number) {
    const agreement = await t.app.services.agreements.find(people.coordinator.user, id);
    return agreement!.version.objectives.map((objective) => objective.id);
  }
  async function record(who: Person, id: number, kind: string, sharedWith: string, summary: string) {
    const fields: Record<string, string> = { summary, nextSteps: 'Meet again in September', sharedWith };
    for (const objectiveId of await objectiveIdsOf(id)) {
      fields[`rating-${objectiveId}`] = 'partly-met';
      fields[`evidence-${objectiveId}`] = `Evidence for ${summary}`;
    }
    const form = await openForm(t.app, '/staff', await signedIn(who));
    return submitForm(t.app, reviewUrl(id, kind), fields, form);
  }
  async function agreementPage(who: Person, id: number) {
    const response = await t.app.inject({ url: `/staff/agreements/${id}`, cookies: await signedIn(who) });
    assert.equal(response.statusCode, 200, who.user.name);
    return response.body;
  }

  before(async () => {
    t = await buildTestApp({ now: '2026-11-23T10:00:00Z' });
    const leaders = await addExampleLeaders(t, 'amiraHussain', 'benCarter');
    people = {
      coordinator: await person(t, { roles: ['coordinator'] }),
      supportedSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn }),
      homeSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn }),
      leader: await person(t, { roles: ['system-leader'], leaderId: leaders.amiraHussain }),
      lle: await person(t, { roles: ['system-leader'], leaderId: leaders.benCarter }),
    };
    deployment = await readyAgreement(t, people.coordinator.user, { leaderId: leaders.amiraHussain });
    await signEveryParty(t, deployment, people);
    placement = await readyAgreement(t, people.coordinator.user, {
      kind: 'lle-placement',
      leaderId: leaders.benCarter,
      schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
    });
    const matthewArnold = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn });
    const banksRoad = await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn });
    await signEveryParty(t, placement, { ...people, supportedSchool: matthewArnold, homeSchool: banksRoad });
    t.clock.set(AFTER_BOTH_MID_POINTS);
  });
  after(() => t.close());

  test('a choice that is not one of the three is refused with the error summary, and the review kept', async () => {
    const response = await record(people.coordinator, deployment, 'mid-point', 'the-press', SUMMARY);
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorSummary(response.body), [
      { href: '#sharedWith', text: 'Select who the review is shared with' },
    ]);
    assert.match(response.body, /The head is struggling with the governors/);
  });

  test('a review for the alliance only: the coordinator reads it and who it is shared with; the leader and the schools do not', async () => {
    assert.equal((await record(people.coordinator, deployment, 'mid-point', 'alliance', SUMMARY)).statusCode, 303);
    const coordinatorsPage = await agreementPage(people.coordinator, deployment);
    assert.match(coordinatorsPage, /The head is struggling with the governors/);
    assert.match(coordinatorsPage, /Shared with\s*<\/dt>\s*<dd[^>]*>\s*The alliance only/);
    for (const who of [people.leader, people.supportedSchool, people.homeSchool]) {
      const html = await agreementPage(who, deployment);
      assert.doesNotMatch(html, /struggling with the governors/, who.user.name);
      assert.match(
        html,
        /Mid-point review<\/h3>\s*<p class="govuk-body">\s*Recorded, and not shared with you\./,
        who.user.name,
      );
    }
  });

  test('shared with the alliance and the leader: the leader reads it, the schools do not; then shared with everyone, they do', async () => {
    assert.equal(
      (await record(people.coordinator, deployment, 'mid-point', 'alliance-and-leader', SUMMARY)).statusCode,
      303,
    );
    assert.match(await agreementPage(people.leader, deployment), /struggling with the governors/);
    for (const who of [people.supportedSchool, people.homeSchool])
      assert.doesNotMatch(await agreementPage(who, deployment), /struggling with the governors/, who.user.name);

    assert.equal((await record(people.coordinator, deployment, 'mid-point', 'everyone', SUMMARY)).statusCode, 303);
    for (const who of [people.leader, people.supportedSchool, people.homeSchool]) {
      const html = await agreementPage(who, deployment);
      assert.match(html, /struggling with the governors/, who.user.name);
      assert.match(html, /Everyone on the agreement, including the supported school/, who.user.name);
    }
  });

  test('an LLE placement’s review form starts shared with the alliance and the leader; a deployment’s with everyone', async () => {
    const checked = async (id: number) => {
      const form = await t.app.inject({ url: reviewUrl(id, 'mid-point'), cookies: await signedIn(people.lle) });
      return page(form.body).querySelector('input[name="sharedWith"][checked]')?.getAttribute('value');
    };
    assert.equal(await checked(placement), 'alliance-and-leader');
    const fresh = await t.app.inject({
      url: reviewUrl(deployment, 'end'),
      cookies: await signedIn(people.coordinator),
    });
    assert.equal(
      page(fresh.body).querySelector('input[name="sharedWith"][checked]')?.getAttribute('value'),
      'everyone',
    );
  });
});
