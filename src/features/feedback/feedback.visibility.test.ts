import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agreementIn } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import type { Agreement } from '../agreements/agreements.service.ts';
import { type Person, person } from '../../../test/support/people.ts';

describe('who may read a supported school’s feedback (FeedbackService.forAgreement)', () => {
  let t: TestApp;
  let people: Record<'coordinator' | 'supportedSchool' | 'homeSchool' | 'leader' | 'otherSchool', Person>;
  let agreement: Agreement;

  before(async () => {
    t = await buildTestApp();
    const { amiraHussain } = await addExampleLeaders(t, 'amiraHussain');
    people = {
      coordinator: await person(t, { roles: ['coordinator'] }),
      supportedSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn }),
      homeSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn }),
      leader: await person(t, { roles: ['system-leader'], leaderId: amiraHussain }),
      otherSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn }),
    };
    const id = await agreementIn(t, 'signed', people.coordinator, { signatories: people, leaderId: amiraHussain });
    agreement = (await t.app.services.agreements.find(people.coordinator.user, id))!;
  });
  after(() => t.close());

  test('the alliance’s staff read it and may ask for it; the supported school reads it and may answer', async () => {
    const staff = await t.app.services.feedback.forAgreement(people.coordinator.user, agreement);
    assert.deepEqual(staff && { mayAnswer: staff.mayAnswer, mayRequest: staff.mayRequest }, {
      mayAnswer: false,
      mayRequest: true,
    });
    const school = await t.app.services.feedback.forAgreement(people.supportedSchool.user, agreement);
    assert.deepEqual(school && { mayAnswer: school.mayAnswer, mayRequest: school.mayRequest }, {
      mayAnswer: true,
      mayRequest: false,
    });
  });

  test('the leader, the home school and any other school get nothing', async () => {
    for (const who of [people.leader, people.homeSchool, people.otherSchool]) {
      assert.equal(await t.app.services.feedback.forAgreement(who.user, agreement), undefined, who.user.name);
    }
  });
});
