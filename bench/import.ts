/**
 * The schools import at the size of a national register and more: generates (once) a GIAS-shaped
 * edubasealldata file of about `megabytes` MB, imports it into a fresh embedded database, and reports how long the event loop was held meanwhile. PGlite runs its queries on
 * the event loop, so every request an instance answers during an import waits for the batch in hand:
 * the p99 and max here are what a person using the service sees while an administrator imports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../src/db/database.ts';
import { csvLine, readCsvBatches } from '../src/platform/csv.ts';
import { importSchools } from '../src/features/schools/schools.import.ts';
import { seedReferenceData } from '../src/seed/reference-data.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../test/fixtures/gias-edubasealldata.csv');

/** A file of GIAS rows, the fixture's first school repeated under new URNs and names across England. */
async function generateRegister(file: string, megabytes: number): Promise<number> {
  let header: string[] | undefined;
  let template: Record<string, string> | undefined;
  for await (const [first] of readCsvBatches(FIXTURE, { encoding: 'windows-1252' })) {
    template = first!.values;
    header = Object.keys(first!.values);
    break;
  }
  const out = fs.createWriteStream(`${file}.partial`);
  out.write(csvLine(header!));
  const target = megabytes * 1024 * 1024;
  let written = 0;
  let rows = 0;
  while (written < target) {
    rows++;
    const values: Record<string, string> = {
      ...template!,
      URN: String(500_000 + rows),
      EstablishmentName: `Bench School ${rows}, Somewhere`,
      Easting: String(300_000 + (rows % 200_000)),
      Northing: String(200_000 + ((rows * 7) % 400_000)),
    };
    const line = csvLine(header!.map((name) => values[name]));
    written += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  fs.renameSync(`${file}.partial`, file);
  return rows;
}

export type ImportBenchOptions = { megabytes: number; cacheDir: string };

/** Always on a fresh embedded database: a full GIAS import closes every school it does not list. */
export async function benchImport({ megabytes, cacheDir }: ImportBenchOptions): Promise<void> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `edubasealldata-${megabytes}mb.csv`);
  if (!fs.existsSync(file)) {
    console.log(`Writing a GIAS-shaped register of ${megabytes} MB to ${file}`);
    await generateRegister(file, megabytes);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-bench-import-'));
  const database = await openDatabase({ dataDir });
  try {
    await database.migrate();
    await seedReferenceData(database.db, { allianceSlug: 'south-liverpool' });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const started = performance.now();
    delay.enable();
    const report = await importSchools(database.db, file);
    delay.disable();
    const seconds = (performance.now() - started) / 1000;
    const ms = (nanoseconds: number) => (nanoseconds / 1e6).toFixed(1).padStart(7);
    const size = (fs.statSync(file).size / (1024 * 1024)).toFixed(0);
    console.log(
      `\nSchools import of ${size} MB (${report.read.toLocaleString('en-GB')} rows: ${report.added.toLocaleString('en-GB')} added, ` +
        `${report.closed.toLocaleString('en-GB')} closed) on embedded PGlite in ${seconds.toFixed(1)} s`,
    );
    console.log(
      `Event-loop delay during it (ms):  p50 ${ms(delay.percentile(50))}  p99 ${ms(delay.percentile(99))}  max ${ms(delay.max)}`,
    );
    console.log('Target: p99 under 100 ms, so requests keep being answered while an import runs.');
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
