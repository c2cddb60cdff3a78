import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { receiveEnquiry } from '../../../test/support/enquiries.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { enquiries, enquiryEvents } from './enquiries.tables.ts';
import { moveEnquiry, recordFirstContact } from './enquiry-lifecycle.service.ts';
import { person } from '../../../test/support/people.ts';

/** moveEnquiry as other capabilities use it: inside their own transactions. */
describe('moveEnquiry, for other capabilities', () => {
  let t: TestApp;
  let coordinator: { id: number };
  before(async () => {
    t = await buildTestApp({ env: { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' } });
    coordinator = await person(t, { signedIn: false, roles: ['coordinator'] });
  });
  after(() => t.close());

  async function enquiryIn(status: 'new' | 'matching') {
    const enquiry = await receiveEnquiry(t, '2026-11-23T10:00:00Z');
    if (status === 'matching') {
      await t.database.db.transaction(async (tx) => {
        const at = t.clock.now();
        await recordFirstContact(tx, {
          enquiryId: enquiry.id,
          actor: coordinator,
          at,
          contact: { at, method: 'telephone', byUserId: coordinator.id, notes: null },
        });
        assert.deepEqual(await moveEnquiry(tx, { enquiryId: enquiry.id, to: 'matching', actor: coordinator, at }), {
          ok: true,
        });
      });
    }
    return enquiry;
  }
  const stored = async (id: number) => (await t.database.db.select().from(enquiries).where(eq(enquiries.id, id)))[0]!;
  const history = async (id: number) =>
    t.database.db.select().from(enquiryEvents).where(eq(enquiryEvents.enquiryId, id)).orderBy(enquiryEvents.id);
  const trail = async (id: number) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'enquiry'), eq(auditEvents.entityId, String(id))))
      .orderBy(auditEvents.id);

  test('matching to proposed to agreed: the status, its history and the audit trail, with the time given', async () => {
    const enquiry = await enquiryIn('matching');
    const proposedAt = new Date('2026-11-24T09:15:00Z');
    const agreedAt = new Date('2026-11-30T16:00:00Z');
    assert.deepEqual(
      await t.database.db.transaction((tx) =>
        moveEnquiry(tx, {
          enquiryId: enquiry.id,
          to: 'proposed',
          actor: coordinator,
          at: proposedAt,
          note: 'Amira Hussain proposed',
        }),
      ),
      { ok: true },
    );
    assert.deepEqual(
      await t.database.db.transaction((tx) =>
        moveEnquiry(tx, { enquiryId: enquiry.id, to: 'agreed', actor: null, at: agreedAt }),
      ),
      { ok: true },
    );

    const row = await stored(enquiry.id);
    assert.deepEqual([row.status, row.statusChangedAt?.toISOString()], ['agreed', agreedAt.toISOString()]);
    const events = (await history(enquiry.id)).slice(-2);
    assert.deepEqual(
      events.map((event) => [event.fromStatus, event.toStatus, event.actorUserId, event.at.toISOString(), event.note]),
      [
        ['matching', 'proposed', coordinator.id, proposedAt.toISOString(), 'Amira Hussain proposed'],
        ['proposed', 'agreed', null, agreedAt.toISOString(), null],
      ],
    );
    const audit = (await trail(enquiry.id)).slice(-2);
    assert.deepEqual(
      audit.map((event) => [event.action, event.actorUserId, event.before, event.after]),
      [
        [
          'status-changed',
          coordinator.id,
          { status: 'Matching' },
          { status: 'Proposed', reason: 'Amira Hussain proposed' },
        ],
        ['status-changed', null, { status: 'Proposed' }, { status: 'Agreed' }],
      ],
    );
  });

  test('a refused move says why and writes nothing', async () => {
    const enquiry = await enquiryIn('new');
    const outcome = await t.database.db.transaction((tx) =>
      moveEnquiry(tx, { enquiryId: enquiry.id, to: 'proposed', actor: coordinator, at: t.clock.now() }),
    );
    assert.deepEqual(outcome, {
      ok: false,
      message:
        'The enquiry is ‘new’, so it cannot become ‘proposed’. It can become ‘contacted’, ‘withdrawn’ or ‘closed: no match’',
    });
    const contacted = await t.database.db.transaction((tx) =>
      moveEnquiry(tx, { enquiryId: enquiry.id, to: 'contacted', actor: coordinator, at: t.clock.now() }),
    );
    assert.equal(contacted.ok, false, 'contacted only by recording the first contact');
    assert.equal((await stored(enquiry.id)).status, 'new');
    assert.equal((await history(enquiry.id)).length, 1);
    assert.deepEqual(
      (await trail(enquiry.id)).map((event) => event.action),
      ['received'],
    );
    assert.deepEqual(
      await t.database.db.transaction((tx) =>
        moveEnquiry(tx, { enquiryId: 999_999, to: 'withdrawn', actor: null, at: t.clock.now() }),
      ),
      { ok: false, message: 'There is no such enquiry' },
    );
  });

  test('when the caller’s transaction fails, the move is undone with it', async () => {
    const enquiry = await enquiryIn('matching');
    await assert.rejects(
      t.database.db.transaction(async (tx) => {
        assert.deepEqual(
          await moveEnquiry(tx, { enquiryId: enquiry.id, to: 'proposed', actor: coordinator, at: t.clock.now() }),
          { ok: true },
        );
        throw new Error('the proposal itself could not be saved');
      }),
      /could not be saved/,
    );
    assert.equal((await stored(enquiry.id)).status, 'matching');
    assert.equal((await history(enquiry.id)).at(-1)?.toStatus, 'matching');
    assert.equal((await trail(enquiry.id)).at(-1)?.action, 'status-changed');
    assert.deepEqual((await trail(enquiry.id)).at(-1)?.after, { status: 'Matching' });
  });

  test('two moves at once take turns: the second is checked against the first', async () => {
    const enquiry = await enquiryIn('new');
    const outcomes = await Promise.all(
      (['withdrawn', 'closed-no-match'] as const).map((to) =>
        t.database.db.transaction((tx) =>
          moveEnquiry(tx, { enquiryId: enquiry.id, to, actor: coordinator, at: t.clock.now() }),
        ),
      ),
    );
    assert.deepEqual(outcomes.map((outcome) => outcome.ok).sort(), [false, true]);
    assert.equal((await history(enquiry.id)).length, 2, 'one move, after the arrival');
  });
});
