import path from 'node:path';
import type { Executor } from '../../db/database.ts';
import { detectEncoding, readCsvBatches, readCsvHeader, type TextEncoding } from '../../platform/csv.ts';
import { gridReferenceToLatLng } from '../../platform/geography/british-national-grid.ts';
import {
  ImportFileError,
  PROGRESS_EVERY_ROWS,
  readableFileSize,
  type ImportProblem,
  type ImportProgress,
} from '../../platform/imports.ts';
import { normaliseOutcode, normalisePostcode, outcodeOf } from '../postcodes/postcodes.format.ts';
import { findOutcodeCentres, findPostcodeCentres } from '../postcodes/postcodes.service.ts';
import {
  detectSchoolFileFormat,
  KNOWN_HEADERS,
  type SchoolFileFormat,
  type SchoolRowReading,
} from './schools.formats.ts';
import { closeSchoolsNotListed, findSchoolsByUrns, upsertSchools, type NewSchool } from './schools.repository.ts';

export const SHIPPED_SCHOOLS_FILE = path.resolve(import.meta.dirname, '../../../reference-data/schools.csv');

export type SchoolImportOptions = {
  /** Mark closed every open school the file does not list. Always so for a GIAS file, which lists every school. */
  full?: boolean;
};

export type SchoolImportReport = {
  format: SchoolFileFormat['name'];
  encoding: TextEncoding;
  full: boolean;
  /** Data rows in the file: added + changed + unchanged + rejected. */
  read: number;
  added: number;
  changed: number;
  unchanged: number;
  /** Open schools in the database the file did not list, now marked closed (full imports only). */
  closed: number;
  /** Rows not imported, with why. */
  rejected: ImportProblem[];
  /** Rows imported without a position (no coordinates, grid reference or known postcode): distance searches cannot find them. */
  unlocated: ImportProblem[];
};

type Location = Pick<NewSchool, 'latitude' | 'longitude' | 'locationSource'>;
type ReadRow = { line: number; urn: number; reading: SchoolRowReading };

/** The file's format and encoding, or an ImportFileError saying why it cannot be imported. Reads no database. */
export async function inspectSchoolFile(
  file: string,
): Promise<{ format: SchoolFileFormat; encoding: TextEncoding; size: number }> {
  const size = readableFileSize(file);
  const encoding = await detectEncoding(file);
  const header = await readCsvHeader(file, { encoding });
  const format = detectSchoolFileFormat(header);
  if (!format) {
    throw new ImportFileError(
      `The first row of ${file} names no columns this importer knows. Expected ${KNOWN_HEADERS}; found ${header.slice(0, 6).join(',') || 'nothing'}`,
    );
  }
  return { format, encoding, size };
}

/**
 * Brings the register up to date from a file: the project's extract or a GIAS edubasealldata download,
 * told apart by the header. Schools are matched by URN: new ones are added, stored ones are rewritten
 * only when something differs, so importing the same file twice changes nothing. A full import marks
 * closed the open schools the file does not list; no school is ever deleted. Rows that cannot be read
 * are reported with their line numbers and skipped; their URNs still count as listed.
 *
 * It all happens in one transaction: a file that breaks off half way (an unclosed quote) changes nothing.
 * Called by `npm run import:schools`, by the seed, and later by the administrators' upload page.
 */
export async function importSchools(
  db: Executor,
  file: string,
  options: SchoolImportOptions = {},
  onProgress?: (progress: ImportProgress) => void,
): Promise<SchoolImportReport> {
  const { format, encoding, size } = await inspectSchoolFile(file);
  const full = options.full === true || format.listsEverySchool;
  const report: SchoolImportReport = {
    format: format.name,
    encoding,
    full,
    read: 0,
    added: 0,
    changed: 0,
    unchanged: 0,
    closed: 0,
    rejected: [],
    unlocated: [],
  };
  const columns: Array<keyof NewSchool> = [...format.columnsWritten, 'latitude', 'longitude', 'locationSource'];

  await db.transaction(async (tx) => {
    const firstListedOn = new Map<number, number>();
    let bytesRead = 0;
    // Schools are compared and written a CSV batch (500 rows) at a time: each query stays small, and
    // between batches the reader lets the event loop answer requests (PGlite runs its queries on it).
    for await (const records of readCsvBatches(file, { encoding, onRead: (bytes) => (bytesRead = bytes) })) {
      const batch: ReadRow[] = [];
      for (const record of records) {
        report.read++;
        const reading = format.read(record.values);
        const problems = [...reading.problems];
        if (reading.urn !== undefined) {
          const first = firstListedOn.get(reading.urn);
          if (first === undefined) firstListedOn.set(reading.urn, record.line);
          else problems.unshift(`URN ${reading.urn} is listed again (first on line ${first})`);
        }
        if (reading.urn === undefined || problems.length > 0)
          report.rejected.push({ line: record.line, message: problems.join('; ') });
        else batch.push({ line: record.line, urn: reading.urn, reading });
        if (report.read % PROGRESS_EVERY_ROWS === 0)
          onProgress?.({ rowsRead: report.read, fraction: bytesRead / size });
      }
      await writeBatch(tx, batch, columns, report);
    }
    if (full) report.closed = await closeSchoolsNotListed(tx, [...firstListedOn.keys()]);
  });
  return report;
}

/** Places each school, compares it with what is stored, and writes the new and the changed. */
async function writeBatch(
  db: Executor,
  batch: ReadRow[],
  columns: Array<keyof NewSchool>,
  report: SchoolImportReport,
): Promise<void> {
  if (batch.length === 0) return;
  const byPostcode = await locatePostcodes(
    db,
    batch.filter((row) => !row.reading.latLng && !row.reading.gridReference).map((row) => row.reading.fields.postcode),
  );
  const stored = new Map(
    (
      await findSchoolsByUrns(
        db,
        batch.map((row) => row.urn),
      )
    ).map((school) => [school.urn, school]),
  );
  const writes: NewSchool[] = [];
  for (const { line, urn, reading } of batch) {
    const existing = stored.get(urn);
    let location = locationOf(reading, byPostcode);
    if (!location) {
      // A later file that lost the school's position (GIAS lists some schools without one) should not
      // wipe out the one it had.
      const kept = existing?.latitude != null;
      report.unlocated.push({
        line,
        message: `URN ${urn} has no coordinates, grid reference or known postcode${kept ? ': it keeps its earlier position' : ''}`,
      });
      location = {
        latitude: existing?.latitude ?? null,
        longitude: existing?.longitude ?? null,
        locationSource: existing?.locationSource ?? null,
      };
    }
    const school = { urn, ...reading.fields, ...location } as NewSchool;
    if (!existing) {
      report.added++;
      writes.push(school);
    } else if (columns.some((column) => existing[column] !== school[column])) {
      report.changed++;
      writes.push(school);
    } else {
      report.unchanged++;
    }
  }
  await upsertSchools(db, writes, columns);
}

/** Where the file puts the school: its own coordinates, else its grid reference, else its postcode's. */
function locationOf(reading: SchoolRowReading, byPostcode: Map<string, Location>): Location | undefined {
  if (reading.latLng) return { ...reading.latLng, locationSource: 'coordinates' };
  if (reading.gridReference)
    return {
      ...gridReferenceToLatLng(reading.gridReference.easting, reading.gridReference.northing),
      locationSource: 'grid-reference',
    };
  return reading.fields.postcode ? byPostcode.get(reading.fields.postcode) : undefined;
}

/** The centre of each postcode, or of its outcode when the postcode is not known (new, or outside the loaded area). */
async function locatePostcodes(
  db: Executor,
  postcodes: Array<string | null | undefined>,
): Promise<Map<string, Location>> {
  const located = new Map<string, Location>();
  const wanted = [...new Set(postcodes.filter((postcode): postcode is string => !!postcode))];
  for (const row of await findPostcodeCentres(
    db,
    wanted.filter((postcode) => normalisePostcode(postcode) === postcode),
  )) {
    located.set(row.postcode, { latitude: row.latitude, longitude: row.longitude, locationSource: 'postcode' });
  }
  const outcodeOfMissing = new Map(
    wanted
      .filter((postcode) => !located.has(postcode))
      .map((postcode) => [postcode, normalisePostcode(postcode) ? outcodeOf(postcode) : normaliseOutcode(postcode)]),
  );
  const outcodes = new Map(
    (
      await findOutcodeCentres(
        db,
        [...new Set(outcodeOfMissing.values())].filter((outcode) => outcode !== undefined),
      )
    ).map((row) => [row.outcode, row]),
  );
  for (const [postcode, outcode] of outcodeOfMissing) {
    const centre = outcode ? outcodes.get(outcode) : undefined;
    if (centre)
      located.set(postcode, { latitude: centre.latitude, longitude: centre.longitude, locationSource: 'outcode' });
  }
  return located;
}
