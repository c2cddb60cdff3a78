import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as wait } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { receiveEnquiry, type ReceivedEnquiry } from '../../../test/support/enquiries.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { createApp } from '../../app.ts';
import type { CurrentUser } from '../../platform/access.ts';
import { EXAMPLE_ENQUIRIES, EXAMPLE_SCHOOLS } from '../../seed/examples.ts';
import { assignCoordinator, recordFirstContact } from './enquiry-lifecycle.service.ts';
import { listJobRuns } from '../../platform/jobs/jobs.repository.ts';
import { outboxMessages } from '../../platform/outbox/outbox.tables.ts';
import { REMINDER_JOB } from './reminders.service.ts';
import { person } from '../../../test/support/people.ts';

const RATE = { ENQUIRY_RATE_LIMIT_PER_HOUR: '10000' };
const reminders = (t: TestApp) =>
  t.database.db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.kind, 'enquiry-reminder'))
    .orderBy(outboxMessages.recipient, outboxMessages.id);
const assign = (t: TestApp, enquiry: ReceivedEnquiry, coordinatorUserId: number) =>
  t.database.db.transaction((tx) =>
    assignCoordinator(tx, { enquiryId: enquiry.id, actor: null, at: t.clock.now(), coordinatorUserId }),
  );

describe('the coordinators’ daily reminder', () => {
  let t: TestApp;
  const people: Record<string, { id: number; email: string; name: string }> = {};
  const e: Record<string, ReceivedEnquiry> = {};

  before(async () => {
    t = await buildTestApp({ env: RATE });
    people.alice = await person(t, {
      signedIn: false,
      roles: ['coordinator'],
      name: 'Alice Ahmed',
      email: 'alice@alliance.example',
    });
    people.bilal = await person(t, {
      signedIn: false,
      roles: ['coordinator', 'system-leader'],
      name: 'Bilal Brown',
      email: 'bilal@alliance.example',
    });
    people.erin = await person(t, {
      signedIn: false,
      roles: ['coordinator'],
      name: 'Erin Evans',
      email: 'erin@alliance.example',
    });
    people.gone = await person(t, { signedIn: false, roles: ['coordinator'], email: 'gone@alliance.example' });
    await t.app.services.userDirectory.update(t.database.db, people.gone.id, {
      deactivatedAt: new Date('2026-11-01T00:00:00Z'),
    });
    people.invited = await person(t, {
      signedIn: false,
      roles: ['coordinator'],
      email: 'invited@alliance.example',
      password: null,
    });
    people.admin = await person(t, { signedIn: false, roles: ['administrator'], email: 'admin@alliance.example' });

    e.unassignedOverdue = await receiveEnquiry(t, '2026-11-17T10:00:00Z');
    e.answered = await receiveEnquiry(t, '2026-11-17T11:00:00Z');
    e.aliceOverdue = await receiveEnquiry(t, '2026-11-18T10:00:00Z', { schoolUrn: EXAMPLE_SCHOOLS.palmerston.urn });
    e.bilalToday = await receiveEnquiry(t, '2026-11-19T10:00:00Z', EXAMPLE_ENQUIRIES.matthewArnoldNewHead);
    e.later = await receiveEnquiry(t, '2026-11-20T10:00:00Z');
    assert.deepEqual(
      [e.unassignedOverdue.respondBy, e.aliceOverdue.respondBy, e.bilalToday.respondBy, e.later.respondBy],
      ['2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24'],
    );
    await assign(t, e.aliceOverdue, people.alice.id);
    await assign(t, e.bilalToday, people.bilal.id);
    await assign(t, e.later, people.alice.id);
    await t.database.db.transaction((tx) =>
      recordFirstContact(tx, {
        enquiryId: e.answered!.id,
        actor: null,
        at: t.clock.now(),
        contact: { at: t.clock.now(), method: 'email', byUserId: people.alice!.id, notes: null },
      }),
    );
  });
  after(() => t.close());

  test('waits until 08:00 London time, then emails each coordinator their enquiries and those no one has taken', async () => {
    t.clock.set('2026-11-23T07:59:00Z');
    assert.equal(await t.app.services.reminders.runIfDue(), 'too-early');
    assert.equal((await reminders(t)).length, 0);

    t.clock.set('2026-11-23T08:00:00Z');
    assert.equal(await t.app.services.reminders.runIfDue(), 'done');
    const sent = await reminders(t);
    assert.deepEqual(
      sent.map((message) => message.recipient),
      ['alice@alliance.example', 'bilal@alliance.example', 'erin@alliance.example'],
      'not the deactivated, the invited or administrators',
    );
    assert.deepEqual(
      sent.map((message) => message.subject),
      [
        'Enquiries to answer: 2 overdue (Monday 23 November 2026)',
        'Enquiries to answer: 1 overdue, 1 due today (Monday 23 November 2026)',
        'Enquiries to answer: 1 overdue (Monday 23 November 2026)',
      ],
    );
    assert.equal(
      sent[0]!.dedupeKey,
      `enquiry-reminder:${(await t.app.services.alliances.current()).id}:${people.alice!.id}:2026-11-23`,
    );

    const link = (enquiry: ReceivedEnquiry) => `  http://localhost:3000/staff/enquiries/${enquiry.reference}`;
    assert.deepEqual(sent[0]!.body.split('\n'), [
      'Dear Alice Ahmed,',
      '',
      '2 enquiries from schools are waiting for a first contact and are due today or overdue. The response target is 2 working days.',
      '',
      'Assigned to you:',
      `- ${e.aliceOverdue!.reference}, Palmerston School, Liverpool: overdue by 1 working day (reply due by the end of Friday 20 November 2026)`,
      link(e.aliceOverdue!),
      '',
      'Not assigned to anyone yet:',
      `- ${e.unassignedOverdue!.reference}, Banks Road Primary School, Liverpool: overdue by 2 working days (reply due by the end of Thursday 19 November 2026)`,
      link(e.unassignedOverdue!),
      '',
      'The enquiry queue: http://localhost:3000/staff/enquiries',
      '',
      'You get this email on working days when an enquiry assigned to you, or to no one, is due or overdue.',
      'South Liverpool Schools Together',
    ]);
    assert.match(
      sent[1]!.body,
      new RegExp(
        `Assigned to you:\\n- ${e.bilalToday!.reference}, Matthew Arnold Primary School, Liverpool: due today`,
      ),
    );
    assert.doesNotMatch(sent[2]!.body, /Assigned to you/);
    for (const message of sent) {
      for (const quiet of [e.answered!, e.later!])
        assert.ok(!message.body.includes(quiet.reference), 'answered and later enquiries are not listed');
    }
  });

  test('sends once a day, however often it is checked', async () => {
    t.clock.set('2026-11-23T15:00:00Z');
    assert.equal(await t.app.services.reminders.runIfDue(), 'already-done');
    assert.equal((await reminders(t)).length, 3);
    const runs = await listJobRuns(t.database.db, REMINDER_JOB);
    assert.deepEqual(
      runs.map((run) => [run.runKey, run.outcome]),
      // One enquiry overdue by 2 working days: the administrator is told too (escalations.test.ts).
      [['2026-11-23', { emails: 3, enquiries: 3, escalated: 1 }]],
    );
  });

  test('not on weekends, bank holidays or the alliance’s closure dates; again on the next working day', async () => {
    const admin: CurrentUser = {
      ...people.admin!,
      jobTitle: '',
      roles: ['administrator'],
      schoolUrn: null,
      leaderId: null,
      sessionId: 0,
    };
    await t.app.services.allianceSettings.addClosure(admin, {
      date: '2026-11-24',
      lastDate: null,
      description: 'INSET day',
    });
    t.app.services.alliances.forget();
    for (const closed of [
      '2026-11-24T09:00:00Z',
      '2026-11-28T09:00:00Z',
      '2026-11-29T09:00:00Z',
      '2026-12-25T09:00:00Z',
      '2026-12-28T09:00:00Z',
    ]) {
      t.clock.set(closed);
      assert.equal(await t.app.services.reminders.runIfDue(), 'not-a-working-day', closed);
    }
    assert.equal((await reminders(t)).length, 3);

    t.clock.set('2026-11-25T08:30:00Z');
    assert.equal(await t.app.services.reminders.runIfDue(), 'done');
    const wednesday = (await reminders(t)).filter((message) => message.dedupeKey?.endsWith(':2026-11-25'));
    assert.equal(wednesday.length, 3);
    // Tuesday was closed, so Alice's enquiry due last Friday is 2 working days late (Monday and Wednesday).
    assert.match(
      wednesday.find((message) => message.recipient === 'alice@alliance.example')!.body,
      /Palmerston School, Liverpool: overdue by 2 working days/,
    );
  });

  test('the timer started with the app checks at once, and stops with it', async () => {
    t.clock.set('2026-11-26T09:00:00Z');
    t.app.services.reminders.start(3_600_000);
    for (
      let attempt = 0;
      attempt < 100 && !(await listJobRuns(t.database.db, REMINDER_JOB)).some((run) => run.runKey === '2026-11-26');
      attempt++
    )
      await wait(50);
    await t.app.services.reminders.stop();
    assert.ok((await listJobRuns(t.database.db, REMINDER_JOB)).some((run) => run.runKey === '2026-11-26'));
  });
});

describe('the daily reminder’s time and clock', () => {
  test('REMINDER_TIME is London time, in summer too (BST)', async () => {
    const t = await buildTestApp({ env: { ...RATE, REMINDER_TIME: '09:30' } });
    try {
      await person(t, { signedIn: false, roles: ['coordinator'] });
      const enquiry = await receiveEnquiry(t, '2026-06-01T09:00:00Z');
      assert.equal(enquiry.respondBy, '2026-06-03');
      t.clock.set('2026-06-03T08:29:00Z');
      assert.equal(await t.app.services.reminders.runIfDue(), 'too-early');
      t.clock.set('2026-06-03T08:30:00Z');
      assert.equal(await t.app.services.reminders.runIfDue(), 'done');
      const [message, ...others] = await reminders(t);
      assert.equal(others.length, 0);
      assert.equal(message!.subject, 'Enquiries to answer: 1 due today (Wednesday 3 June 2026)');
    } finally {
      await t.close();
    }
  });

  test('a day with nothing due sends nothing, and is still done once', async () => {
    const t = await buildTestApp({ env: RATE });
    try {
      await person(t, { signedIn: false, roles: ['coordinator'] });
      t.clock.set('2026-11-23T09:00:00Z');
      assert.equal(await t.app.services.reminders.runIfDue(), 'done');
      assert.equal((await reminders(t)).length, 0);
      assert.deepEqual(
        (await listJobRuns(t.database.db, REMINDER_JOB)).map((run) => run.outcome),
        [{ emails: 0, enquiries: 0, escalated: 0 }],
      );
    } finally {
      await t.close();
    }
  });
});

/**
 * Several instances of the app check at the same moment: exactly one sends, once per coordinator.
 * `anotherConnection` is a second PostgreSQL pool when TEST_DATABASE_URL is set, else the same PGlite.
 */
async function raceTwoInstances(t: TestApp): Promise<void> {
  const coordinators = [
    await person(t, { signedIn: false, roles: ['coordinator'] }),
    await person(t, { signedIn: false, roles: ['coordinator'] }),
    await person(t, { signedIn: false, roles: ['coordinator', 'administrator'] }),
  ];
  await receiveEnquiry(t, '2026-11-19T10:00:00Z');
  t.clock.set('2026-11-23T08:05:00Z');
  const second = await t.database.openAnotherConnection();
  const other = await createApp({ config: t.config, db: second.db, clock: t.clock, mailer: undefined });
  try {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => [
        t.app.services.reminders.runIfDue(),
        other.services.reminders.runIfDue(),
      ]).flat(),
    );
    assert.deepEqual(results.filter((result) => result === 'done').length, 1, `results: ${results.join(', ')}`);
    assert.ok(results.every((result) => result === 'done' || result === 'already-done'));
    const sent = await reminders(t);
    assert.deepEqual(
      sent.map((message) => message.recipient).sort(),
      coordinators.map((coordinator) => coordinator.email).sort(),
    );
    assert.equal((await listJobRuns(t.database.db, REMINDER_JOB)).length, 1);
  } finally {
    await other.close();
    await second.close();
  }
}

describe('reminders with several instances of the app', () => {
  test('two instances sharing one database send one reminder per coordinator', async () => {
    const t = await buildTestApp({ env: RATE });
    try {
      await raceTwoInstances(t);
    } finally {
      await t.close();
    }
  });

  test(
    'two instances on two PostgreSQL pools send one reminder per coordinator',
    { skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL (PostgreSQL)' },
    async () => {
      const t = await buildTestApp({ env: RATE });
      try {
        assert.equal(t.database.kind, 'postgres');
        await raceTwoInstances(t);
      } finally {
        await t.close();
      }
    },
  );
});
