import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agreementIn } from '../../../test/support/agreements.ts';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { type Person, person } from '../../../test/support/people.ts';

describe('who may read a leader’s delivery logs and their notes (DeliveryService)', () => {
  let t: TestApp;
  let people: Record<
    'coordinator' | 'supportedSchool' | 'homeSchool' | 'leader' | 'otherSchool' | 'otherLeader',
    Person
  >;
  let agreementId: number;
  const NOTES = 'Coached the new head through her first data meeting';

  before(async () => {
    t = await buildTestApp({ now: '2027-02-01T10:00:00Z' });
    const leaders = await addExampleLeaders(t, 'amiraHussain', 'carysJones');
    people = {
      coordinator: await person(t, { roles: ['coordinator'] }),
      supportedSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.bankRoad.urn }),
      homeSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn }),
      leader: await person(t, { roles: ['system-leader'], leaderId: leaders.amiraHussain }),
      otherSchool: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.matthewArnold.urn }),
      otherLeader: await person(t, { roles: ['system-leader'], leaderId: leaders.carysJones }),
    };
    agreementId = await agreementIn(t, 'signed', people.coordinator, {
      signatories: people,
      leaderId: leaders.amiraHussain,
    });
    const context = await t.app.services.delivery.open(people.leader.user, agreementId);
    assert.ok(context?.signed);
    const logged = await t.app.services.delivery.logDelivery(
      people.leader.user,
      { ...context, signed: context.signed },
      {
        date: '2027-01-20',
        pairingId: null,
        halfDays: 2,
        minutes: null,
        countedHalfDays: 2,
        activities: ['coaching'],
        notes: NOTES,
        progress: [],
      },
    );
    assert.ok(logged.ok, JSON.stringify(logged));
  });
  after(() => t.close());

  test('the parties to the agreement read its logs', async () => {
    for (const who of [people.coordinator, people.supportedSchool, people.homeSchool, people.leader]) {
      const context = await t.app.services.delivery.open(who.user, agreementId);
      assert.ok(context, who.user.name);
      assert.deepEqual(
        (await t.app.services.delivery.logs(context)).map((log) => log.notes),
        [NOTES],
        who.user.name,
      );
    }
  });

  test('another school’s contact and another leader get no way to them', async () => {
    assert.equal(await t.app.services.delivery.open(people.otherSchool.user, agreementId), undefined);
    assert.equal(await t.app.services.delivery.open(people.otherLeader.user, agreementId), undefined);
  });
});
