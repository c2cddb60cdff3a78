import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { receiveEnquiry } from '../../../test/support/enquiries.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { formFields } from '../../../test/support/html.ts';
import { type Person, person } from '../../../test/support/people.ts';
import { EXAMPLE_ENQUIRIES, EXAMPLE_SCHOOLS } from '../../seed/examples.ts';

/**
 * An LLE placement's first terms start from the enquiry it answers: the priority reasons the desk
 * recorded, and the head's name when a headteacher wrote (a deputy writing is not the head).
 */
const RECEIVED_AT = '2027-01-11T09:00:00Z';

describe('a placement’s first terms, taken from its enquiry', () => {
  let t: TestApp;
  let coordinator: Person;
  let benCarter: number;
  before(async () => {
    t = await buildTestApp();
    t.clock.set(RECEIVED_AT); // before signing in, so the session is current when the enquiry arrives
    ({ benCarter } = await addExampleLeaders(t, 'benCarter'));
    coordinator = await person(t, { roles: ['coordinator'] });
  });
  after(() => t.close());

  async function placementTermsFormFor(contactRole: string) {
    const received = await receiveEnquiry(t, RECEIVED_AT, {
      ...EXAMPLE_ENQUIRIES.matthewArnoldNewHead,
      contactRole,
    });
    const enquiry = await t.app.services.enquiries.findByReference(received.reference);
    assert.ok(enquiry);
    const priority = await t.app.services.desk.setPriority(coordinator.user, enquiry, [
      'new-headteacher',
      'vulnerable',
    ]);
    assert.ok(priority.ok);
    const created = await t.app.services.agreements.create(coordinator.user, {
      kind: 'lle-placement',
      leaderId: benCarter,
      supportedSchoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn,
      enquiryId: received.id,
    });
    assert.ok(created.ok);
    const form = await t.app.inject({
      url: `/staff/agreements/${created.value.id}/terms`,
      cookies: coordinator.cookies,
    });
    assert.equal(form.statusCode, 200);
    return formFields(form.body);
  }

  test('a headteacher’s enquiry fills in the priority reasons and the head’s name', async () => {
    const fields = await placementTermsFormFor('Headteacher');
    assert.deepEqual([fields.priorityReasons].flat().sort(), ['new-head', 'vulnerable']);
    assert.equal(fields.supportedHeadName, 'Tom Okafor');
  });

  test('a deputy’s enquiry fills in the priority reasons but leaves the head’s name to the coordinator', async () => {
    const fields = await placementTermsFormFor('Deputy headteacher');
    assert.deepEqual([fields.priorityReasons].flat().sort(), ['new-head', 'vulnerable']);
    assert.equal(fields.supportedHeadName, '');
  });
});
