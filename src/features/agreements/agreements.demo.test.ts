import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addExampleLeaders } from '../../../test/support/leaders.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { seedDemoAgreements, seedDemoUsers } from '../../seed/demo.ts';
import { signingBlockers } from './agreement-versions.service.ts';
import { agreements } from './agreements.tables.ts';

describe('the demo’s example agreements', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await addExampleLeaders(t, 'amiraHussain', 'benCarter', 'chloeDunn');
    await seedDemoUsers(t.app.services, t.database.db, () => {});
  });
  after(() => t.close());

  test('a deployment and a placement, complete and ready to sign; added once', async () => {
    const messages: string[] = [];
    await seedDemoAgreements(t.app.services, t.database.db, t.clock.now(), (message) => messages.push(message));
    await seedDemoAgreements(t.app.services, t.database.db, t.clock.now(), (message) => messages.push(message));
    assert.deepEqual(messages, ['Added 2 demo support agreements, ready to sign']);
    const rows = await t.database.db.select().from(agreements).orderBy(agreements.id);
    assert.deepEqual(
      rows.map((row) => [row.kind, row.supportedSchoolUrn, row.status]),
      [
        ['sle-deployment', 104516, 'draft'],
        ['lle-placement', 104557, 'draft'],
      ],
    );
    const coordinator = {
      id: 0,
      email: '',
      name: '',
      jobTitle: '',
      roles: ['coordinator' as const],
      schoolUrn: null,
      leaderId: null,
      sessionId: 0,
    };
    for (const row of rows) {
      const agreement = await t.app.services.agreements.find(coordinator, row.id);
      assert.deepEqual(signingBlockers(agreement!.version), [], `agreement ${row.id} is ready to sign`);
    }
  });
});
