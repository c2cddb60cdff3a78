import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { CurrentUser, Role } from '../access.ts';
import { createTemplateEnvironment } from '../views.ts';
import { auditTrailFor, changedFields, recordAudit } from './audit.service.ts';
import { person } from '../../../test/support/people.ts';

const as = (id: number, roles: Role[]): CurrentUser => ({
  id,
  email: '',
  name: '',
  jobTitle: '',
  roles,
  schoolUrn: null,
  leaderId: null,
  sessionId: 0,
});

describe('the audit trail', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  test('records changes in the caller’s transaction, so a change that fails leaves no trace', async () => {
    const alliance = await t.app.services.alliances.current();
    const actor = await person(t, {
      signedIn: false,
      roles: ['coordinator'],
      name: 'Cara Jones',
      email: 'cara@alliance.example',
    });
    await t.database.db.transaction((tx) =>
      recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: actor.id,
        entityType: 'enquiry',
        entityId: 42,
        action: 'updated',
        before: { status: 'new', tags: [] },
        after: { status: 'contacted', tags: ['maths'] },
        at: t.clock.now(),
      }),
    );
    await assert.rejects(
      t.database.db.transaction(async (tx) => {
        await recordAudit(tx, {
          allianceId: alliance.id,
          actorUserId: null,
          entityType: 'enquiry',
          entityId: 42,
          action: 'closed',
          at: t.clock.now(),
        });
        throw new Error('the change itself failed');
      }),
    );
    t.clock.advance(90 * 60_000);
    await t.database.db.transaction((tx) =>
      recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: null,
        entityType: 'enquiry',
        entityId: '42',
        action: 'reminded',
        after: { reminded: true, dueOn: '2027-01-11', closures: ['2026-12-24', 'not-a-date-2026'] },
        at: t.clock.now(),
      }),
    );

    const trail = await auditTrailFor(t.database.db, as(actor.id, ['coordinator']), {
      allianceId: alliance.id,
      entityType: 'enquiry',
      entityId: 42,
      labels: { status: 'Status' },
      actions: { updated: 'Updated' },
    });
    assert.deepEqual(trail, [
      {
        when: '23 November 2026 at 10am',
        who: 'Cara Jones (cara@alliance.example)',
        action: 'Updated',
        changes: [
          { field: 'Status', before: 'new', after: 'contacted' },
          { field: 'tags', before: 'None', after: 'maths' },
        ],
      },
      {
        when: '23 November 2026 at 11:30am',
        who: 'The service',
        action: 'reminded',
        changes: [
          { field: 'closures', after: 'Thursday 24 December 2026, not-a-date-2026' },
          { field: 'dueOn', after: 'Monday 11 January 2027' },
          { field: 'reminded', after: 'Yes' },
        ],
      },
    ]);
  });

  test('only coordinators and administrators see a trail; the partial shows who, when and what changed', async () => {
    const alliance = await t.app.services.alliances.current();
    const record = { allianceId: alliance.id, entityType: 'enquiry', entityId: 42 };
    for (const roles of [['system-leader'], ['school-contact']] as Role[][])
      assert.equal(await auditTrailFor(t.database.db, as(1, roles), record), undefined);
    assert.equal(await auditTrailFor(t.database.db, undefined, record), undefined);
    const auditTrail = await auditTrailFor(t.database.db, as(1, ['administrator']), record);
    assert.equal(auditTrail?.length, 2);

    const html = createTemplateEnvironment().renderString('{% include "audit/views/trail.njk" %}', { auditTrail });
    assert.match(html, /<th scope="col" class="govuk-table__header">When<\/th>/);
    assert.match(html, /<td class="govuk-table__cell">Cara Jones \(cara@alliance.example\)<\/td>/);
    assert.match(html, /<li>status: from ‘new’ to ‘contacted’<\/li>/);
    assert.match(html, /<li>reminded: ‘Yes’<\/li>/, 'a value set where there was none');
    assert.equal(createTemplateEnvironment().renderString('{% include "audit/views/trail.njk" %}', {}).trim(), '');
    assert.match(
      createTemplateEnvironment().renderString('{% include "audit/views/trail.njk" %}', { auditTrail: [] }),
      /No changes have been recorded/,
    );
  });

  test('changedFields keeps only what differs', () => {
    assert.deepEqual(changedFields({ a: 1, b: ['x'], c: 'same' }, { a: 2, b: ['x'], c: 'same' }), {
      before: { a: 1 },
      after: { a: 2 },
    });
    assert.equal(changedFields({ a: 1 }, { a: 1 }), undefined);
  });
});
