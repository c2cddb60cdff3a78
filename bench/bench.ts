/**
 * `npm run bench`: the directory's speed at national scale. Builds (once) a database with the real
 * register and 10,000 leaders, starts the real server on it, and drives it over loopback: directory
 * searches with a range of filters, and a static page of the same layout for comparison.
 * A benchmark, not a test: it prints figures and ratios and never fails on a number.
 *
 * Then imports a GIAS-shaped register of --import-mb MB (default 200) and reports the event-loop delay
 * meanwhile (bench/import.ts); --import-only runs only that.
 *
 * Options: --seconds N (per scenario, default 10), --connections N (default 4), --import-mb N, --import-only.
 * BENCH_DATA_DIR (default .cache/bench-data) holds the embedded database; DATABASE_URL runs it on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, eq, isNotNull } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { systemClock } from '../src/platform/clock.ts';
import { buildServices } from '../src/services.ts';
import { findAllianceBySlug } from '../src/platform/alliance/alliance.repository.ts';
import { outcodes } from '../src/features/postcodes/postcodes.tables.ts';
import { schools } from '../src/features/schools/schools.tables.ts';
import { seededRandom } from '../src/seed/leader-generator.ts';
import { NATIONAL_LEADERS, seedNational } from '../src/seed/national.ts';
import { seedReferenceData } from '../src/seed/reference-data.ts';
import { benchForgotPassword, type ForgotPasswordFigures } from './forgot-password.ts';
import { benchImport } from './import.ts';
import { figures, runLoad, type Figures } from './load.ts';
import { directorySearches } from './scenarios.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '4' },
    'import-mb': { type: 'string', default: '200' },
    'import-only': { type: 'boolean', default: false },
  },
});
const importBench = { megabytes: Number(options['import-mb']), cacheDir: path.join(root, '.cache/bench-import') };
if (options['import-only']) {
  await benchImport(importBench);
  process.exit(0);
}
const seconds = Number(options.seconds);
const connections = Number(options.connections);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(process.env.BENCH_DATA_DIR ?? path.join(root, '.cache/bench-data'));
const ALLIANCE = 'south-liverpool';

/** The in-process parts run as production does. */
const config = loadConfig({
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(32),
  BASE_URL: 'http://127.0.0.1',
  ALLIANCE,
  LOG_LEVEL: 'silent',
  MAIL_DELIVERY: 'outbox-only',
});

/**
 * Ranks all 10,000 leaders for enquiries from schools across England (SLE, LLE and unsure support,
 * with a spread of specialisms), in process: the server holds the embedded database once started.
 */
async function benchMatching(database: DatabaseHandle, open: Array<{ urn: number }>): Promise<Figures> {
  const services = buildServices(
    { config, db: database.db, clock: systemClock, mailer: undefined },
    pino({ level: 'silent' }),
  );
  const random = seededRandom(5);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const ids: number[] = [];
  for (let index = 0; index < 40; index++) {
    const supportType = pick(['sle', 'sle', 'lle', 'unsure'] as const);
    const outcome = await services.enquiries.submit(
      {
        schoolUrn: pick(open).urn,
        contactName: 'Bench Contact',
        contactRole: 'Headteacher',
        contactEmail: 'bench@example.org',
        contactPhone: '0151 000 0000',
        supportType,
        specialisms:
          supportType === 'lle'
            ? []
            : [pick(['Maths', 'English', 'SEN', 'Early Years']), pick(['Assessment', 'Phonics', 'Science'])],
        need: 'Benchmark enquiry',
        timescale: 'this-term',
        heardFrom: null,
        leaderId: null,
      },
      'api',
    );
    if (outcome.ok) ids.push((await services.enquiries.findByReference(outcome.enquiry.reference))!.id);
  }
  for (const id of ids.slice(0, 5)) await services.matching.rankForEnquiry(id);
  const latencies: number[] = [];
  const started = performance.now();
  for (let round = 0; round < 3; round++) {
    for (const id of ids) {
      const before = performance.now();
      await services.matching.rankForEnquiry(id);
      latencies.push(performance.now() - before);
    }
  }
  return figures({ requests: latencies.length, errors: 0, seconds: (performance.now() - started) / 1000, latencies });
}

async function prepare(): Promise<{ places: string[]; matching: Figures; forgotPassword: ForgotPasswordFigures }> {
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    await database.migrate();
    await seedReferenceData(database.db, { allianceSlug: ALLIANCE, log: console.log });
    const alliance = await findAllianceBySlug(database.db, ALLIANCE);
    await seedNational(database.db, alliance!.id, new Date(), NATIONAL_LEADERS, console.log);
    const open = await database.db
      .select({ urn: schools.urn })
      .from(schools)
      .where(and(eq(schools.status, 'open'), isNotNull(schools.latitude)));
    const matching = await benchMatching(database, open);
    const forgotPassword = await benchForgotPassword(database, config);
    const districts = await database.db.select({ outcode: outcodes.outcode }).from(outcodes);
    const random = seededRandom(99);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    // People search near a school, a postcode district or (the alliance's own area) a full postcode.
    const places = [
      ...Array.from({ length: 70 }, () => String(pick(open).urn)),
      ...Array.from({ length: 20 }, () => pick(districts).outcode),
      ...[
        'L17 6AU',
        'L19 8JZ',
        'L8 9UB',
        'L18 9SB',
        'L25 0PJ',
        'CH44 9AR',
        'WA8 7AX',
        'L36 9UD',
        'PR8 1DB',
        'WA10 1NY',
      ],
    ];
    return { places, matching, forgotPassword };
  } finally {
    await database.close();
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startServer(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: `http://127.0.0.1:${port}`,
      SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: 'false',
      SMTP_URL: '',
      MAIL_DELIVERY: 'outbox-only',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  while (!/is running at/.test(output)) {
    if (child.exitCode !== null) throw new Error(`The server stopped:\n${output}`);
    if (Date.now() > deadline) throw new Error('The server did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return child;
}

function row(name: string, result: Figures): string {
  const cells = [name.padEnd(34), String(result.requests).padStart(8), result.perSecond.toFixed(0).padStart(8)];
  for (const value of [result.p50, result.p95, result.p99]) cells.push(value.toFixed(1).padStart(7));
  cells.push(String(result.errors).padStart(6));
  return cells.join(' ');
}

const { places, matching, forgotPassword } = await prepare();
const port = await freePort();
const server = await startServer(port);
const base = `http://127.0.0.1:${port}`;
try {
  // A recurring mix, as real traffic has (the cache answers repeats), and searches never seen before.
  const searches = directorySearches(places, 300);
  const fresh = [...new Set(directorySearches(places, 20_000, 7))].filter((query) => !searches.includes(query));
  const freshPages = fresh.filter((_, index) => index % 2 === 0).map((query) => `/system-leaders${query}`);
  const freshApi = fresh.filter((_, index) => index % 2 === 1).map((query) => `/api/system-leaders${query}`);
  const scenarios: Array<[string, string[]]> = [
    ['static page (/accessibility)', ['/accessibility']],
    ['directory search page', searches.map((query) => `/system-leaders${query}`)],
    ['directory search API', searches.map((query) => `/api/system-leaders${query}`)],
    ['search page, each query new', freshPages],
    ['search API, each query new', freshApi],
  ];
  // Warm the server (templates compiled, the recurring searches cached, the JIT settled) before measuring.
  for (const [name, urls] of scenarios)
    if (!name.includes('new')) await runLoad(base, urls, { connections, seconds: 2 });

  console.log(
    `\n${databaseUrl ? 'PostgreSQL' : 'Embedded PGlite'}, ${NATIONAL_LEADERS.toLocaleString()} leaders, ${seconds} s a scenario`,
  );
  const header = `${'scenario'.padEnd(34)} ${'requests'.padStart(8)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(6)}`;
  const results = new Map<string, { one: Figures; many: Figures }>();
  for (const [name, urls] of scenarios) {
    // Queries meant to be new are split, so the second run never meets the first run's cached answers.
    const [first, second] = name.includes('new')
      ? [urls.slice(0, urls.length / 2), urls.slice(urls.length / 2)]
      : [urls, urls];
    const one = figures(await runLoad(base, first, { connections: 1, seconds }));
    const many = figures(await runLoad(base, second, { connections, seconds }));
    results.set(name, { one, many });
  }
  console.log(`\nOne request at a time (latency):\n${header}`);
  for (const [name, { one }] of results) console.log(row(name, one));
  console.log(`\n${connections} connections at once (throughput):\n${header}`);
  for (const [name, { many }] of results) console.log(row(name, many));

  const staticPage = results.get('static page (/accessibility)')!;
  console.log('\nRatios to the static page (throughput at once; p95 one at a time):');
  for (const [name, result] of results) {
    if (result === staticPage) continue;
    console.log(
      `  ${name.padEnd(32)} throughput ${(result.many.perSecond / staticPage.many.perSecond).toFixed(2)}x   p95 ${(result.one.p95 / staticPage.one.p95).toFixed(2)}x`,
    );
  }
  console.log(
    `\nRanking ${NATIONAL_LEADERS.toLocaleString()} leaders for an enquiry (in process, ${matching.requests} rankings):\n${header}`,
  );
  console.log(row('matching: rank for one enquiry', matching));
  const forgot = (kind: 'known' | 'unknown') =>
    `median ${forgotPassword[kind].p50.toFixed(1)} ms, p95 ${forgotPassword[kind].p95.toFixed(1)} ms`;
  console.log('\nForgot password, in process, 200 requests each (the two should be the same):');
  console.log(`  an address with an account      ${forgot('known')}`);
  console.log(`  an address with none            ${forgot('unknown')}`);
  console.log('\nTargets: a search answers in under 20 ms at p95, with at least half the static page’s throughput;');
  console.log('ranking 10,000 leaders for one enquiry takes under 50 ms at p95.');
} finally {
  server.kill('SIGTERM');
}
await benchImport(importBench);
