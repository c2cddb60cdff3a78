import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { type Person, person } from '../../../test/support/people.ts';

describe('who may see an SLE’s release figures (ReleaseService)', () => {
  let t: TestApp;
  let people: Record<'coordinator' | 'amira' | 'carys' | 'schoolContact', Person>;
  let amiraHussain: number;
  const year = 2026;

  before(async () => {
    t = await buildTestApp();
    const leaders = await addExampleLeaders(t, 'amiraHussain', 'carysJones');
    amiraHussain = leaders.amiraHussain;
    people = {
      coordinator: await person(t, { roles: ['coordinator'] }),
      amira: await person(t, { roles: ['system-leader'], leaderId: leaders.amiraHussain }),
      carys: await person(t, { roles: ['system-leader'], leaderId: leaders.carysJones }),
      schoolContact: await person(t, { roles: ['school-contact'], schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn }),
    };
  });
  after(() => t.close());

  test('the alliance’s staff and the leader herself get her ledger', async () => {
    assert.equal(
      (await t.app.services.release.ledger(people.coordinator.user, amiraHussain, year))?.leader.id,
      amiraHussain,
    );
    assert.equal((await t.app.services.release.ledger(people.amira.user, amiraHussain, year))?.leader.id, amiraHussain);
  });

  test('another leader and a school contact (even of her home school) get nothing', async () => {
    assert.equal(await t.app.services.release.ledger(people.carys.user, amiraHussain, year), undefined);
    assert.equal(await t.app.services.release.ledger(people.schoolContact.user, amiraHussain, year), undefined);
  });

  test('only the alliance’s staff get every SLE’s figures at once', async () => {
    assert.ok(await t.app.services.release.overview(people.coordinator.user, year, { page: 1, overOnly: false }));
    assert.equal(
      await t.app.services.release.overview(people.amira.user, year, { page: 1, overOnly: false }),
      undefined,
    );
    assert.equal(
      await t.app.services.release.overview(people.schoolContact.user, year, { page: 1, overOnly: false }),
      undefined,
    );
  });
});
