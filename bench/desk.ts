/**
 * `npx tsx bench/desk.ts`: the enquiry desk's queries at national scale. Adds (once) 100,000
 * enquiries over three years to a database with the real register, then times the queue with a
 * range of filters, the dashboard's counts and the reminders' list, in process, and prints the
 * PostgreSQL plan of the default queue. A benchmark, not a test: it prints figures and never fails.
 *
 * BENCH_DATA_DIR (default .cache/bench-desk) holds the embedded database; DATABASE_URL runs it on PostgreSQL.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { hashPassword } from '../src/features/accounts/passwords.ts';
import { countEnquiries } from '../src/features/enquiries/enquiries.repository.ts';
import type { QueueQuery } from '../src/features/enquiries/desk.schema.ts';
import type { CurrentUser } from '../src/platform/access.ts';
import { FixedClock } from '../src/platform/clock.ts';
import { seedReferenceData } from '../src/seed/reference-data.ts';
import { buildServices } from '../src/services.ts';

const ENQUIRIES = 100_000;
const COORDINATORS = 20;
const root = path.resolve(import.meta.dirname, '..');
const databaseUrl = process.env.DATABASE_URL || undefined;
const database = await openDatabase(
  databaseUrl
    ? { databaseUrl }
    : { dataDir: path.resolve(process.env.BENCH_DATA_DIR ?? path.join(root, '.cache/bench-desk')) },
);
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
// The clock stands on a working morning near the end of the three years of enquiries.
const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));

try {
  await database.migrate();
  await seedReferenceData(database.db, { allianceSlug: config.allianceSlug, log: console.log });
  const services = buildServices({ config, db: database.db, clock, mailer: undefined }, pino({ level: 'silent' }));
  const alliance = await services.alliances.current();
  const coordinatorIds: number[] = [];
  const passwordHash = await hashPassword('bench password not for use');
  for (let index = 1; index <= COORDINATORS; index++) {
    const user = await database.db.transaction((tx) =>
      services.users.ensureUser(tx, alliance, {
        email: `bench-coordinator-${index}@bench.example`,
        name: `Coordinator ${index}`,
        jobTitle: 'Coordinator',
        roles: ['coordinator'],
        passwordHash,
      }),
    );
    coordinatorIds.push(user.id);
  }

  if ((await countEnquiries(database.db, alliance.id)) < ENQUIRIES) {
    const started = performance.now();
    // Most enquiries of three years are closed; a few thousand are open, a few hundred await a first contact.
    await database.db.execute(sql`
      with urns as (select array_agg(urn order by urn) as list from schools where status = 'open'),
      rows as (
        select g, (timestamptz '2026-11-23 10:00Z' - ((${ENQUIRIES} - g) * interval '15 minutes')) as received,
          case when g % 100 < 1 and g > ${ENQUIRIES - 2000} then 'new' when g % 100 < 3 and g > ${ENQUIRIES - 6000} then 'contacted'
               when g % 100 < 6 and g > ${ENQUIRIES - 10000} then 'matching' when g % 100 < 7 and g > ${ENQUIRIES - 10000} then 'proposed'
               when g % 10 < 6 then 'agreed' when g % 10 < 8 then 'withdrawn' when g % 10 < 9 then 'closed-no-match' else 'declined-by-school' end as status
        from generate_series(1, ${ENQUIRIES}) g)
      insert into enquiries (alliance_id, reference, school_urn, contact_name, contact_role, contact_email, contact_phone, support_type, need, timescale,
        channel, received_at, respond_by, status, status_changed_at, coordinator_user_id, first_contact_at, responded_on_time)
      select ${alliance.id}, 'BENCH-' || lpad(g::text, 7, '0'), urns.list[1 + (g * 7919) % array_length(urns.list, 1)], 'Bench Contact', 'Headteacher',
        'bench@school.example', '0151 000 0000', (array['sle', 'lle', 'unsure'])[1 + g % 3], 'A need', 'this-term', 'api',
        received, (received + interval '2 days')::date, status, received,
        case when g % 4 = 0 then null else (${sql.param(coordinatorIds)}::integer[])[1 + g % ${COORDINATORS}] end,
        case when status = 'new' then null else received + interval '1 day' end,
        case when status = 'new' then null else g % 7 <> 0 end
      from rows, urns`);
    await database.db.execute(sql`
      insert into enquiry_specialisms (enquiry_id, specialism_id)
      select e.id, s.id from enquiries e
      join lateral (select id from specialisms where alliance_id = ${alliance.id} and not retired order by id offset (e.id % 20) limit 1 + e.id % 2) s on true
      where e.reference like 'BENCH-%' and e.id % 3 <> 0
      on conflict do nothing`);
    await database.db.execute(sql`analyze`);
    console.log(
      `Added ${ENQUIRIES.toLocaleString()} enquiries in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }

  const user: CurrentUser = {
    id: coordinatorIds[0]!,
    email: '',
    name: '',
    jobTitle: '',
    roles: ['coordinator'],
    schoolUrn: null,
    leaderId: null,
    sessionId: 0,
  };
  const [specialism] = (await services.specialisms.all()).filter((item) => item.name === 'Maths');
  const base: QueueQuery = {
    status: 'open',
    sort: 'due',
    page: 1,
    kind: undefined,
    specialism: undefined,
    coordinator: undefined,
    response: undefined,
  };
  const scenarios: Array<[string, () => Promise<unknown>]> = [
    ['queue: open, by reply due (default)', () => services.desk.queue(user, base)],
    ['queue: open, page 40', () => services.desk.queue(user, { ...base, page: 40 })],
    ['queue: open, newest first', () => services.desk.queue(user, { ...base, sort: 'received' })],
    ['queue: any status, newest first', () => services.desk.queue(user, { ...base, status: 'all', sort: 'received' })],
    [
      'queue: any status, page 2000',
      () => services.desk.queue(user, { ...base, status: 'all', sort: 'received', page: 2000 }),
    ],
    ['queue: overdue', () => services.desk.queue(user, { ...base, response: 'overdue' })],
    ['queue: mine', () => services.desk.queue(user, { ...base, coordinator: 'mine' })],
    ['queue: not assigned, LLE', () => services.desk.queue(user, { ...base, coordinator: 'unassigned', kind: 'lle' })],
    [
      'queue: Maths, any status',
      () => services.desk.queue(user, { ...base, status: 'all', specialism: specialism?.id }),
    ],
    [
      'queue: agreed, missed target',
      () => services.desk.queue(user, { ...base, status: 'agreed', response: 'missed' }),
    ],
    ['staff home counts', () => services.desk.counts(user)],
  ];
  console.log(
    `\n${database.kind === 'postgres' ? 'PostgreSQL' : 'Embedded PGlite'}, ${(await countEnquiries(database.db, alliance.id)).toLocaleString()} enquiries; median and worst of 15 runs\n`,
  );
  for (const [name, run] of scenarios) {
    await run();
    const times: number[] = [];
    for (let attempt = 0; attempt < 15; attempt++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(40)} ${times[7]!.toFixed(1).padStart(7)} ms ${times[14]!.toFixed(1).padStart(7)} ms`);
  }
  if (database.kind === 'postgres') {
    const plan = (await database.db
      .execute(sql`explain analyze select e.id from enquiries e join schools s on s.urn = e.school_urn
      where e.alliance_id = ${alliance.id} and e.status in ('new', 'contacted', 'matching', 'proposed') order by e.respond_by, e.received_at, e.id limit 25`)) as unknown as {
      rows: Array<Record<string, string>>;
    };
    console.log('\nThe default queue’s plan:');
    for (const line of plan.rows) console.log(`  ${Object.values(line)[0]}`);
  }
} finally {
  await database.close();
}
