import path from 'node:path';
import type { Executor } from '../../db/database.ts';
import { detectEncoding, readCsv, readCsvHeader, type TextEncoding } from '../../platform/csv.ts';
import { gridReferenceToLatLng } from '../../platform/geography/british-national-grid.ts';
import { readGridReference, readLatLng } from '../../platform/geography/coordinates.ts';
import {
  ImportFileError,
  PROGRESS_EVERY_ROWS,
  readableFileSize,
  type ImportProblem,
  type ImportProgress,
} from '../../platform/imports.ts';
import { normaliseOutcode, normalisePostcode, outcodeOf } from './postcodes.format.ts';
import { upsertOutcodes, upsertPostcodes, type OutcodeRow, type PostcodeRow } from './postcodes.repository.ts';

export const SHIPPED_POSTCODES_FILE = path.resolve(
  import.meta.dirname,
  '../../../reference-data/postcodes-merseyside.csv',
);
export const SHIPPED_OUTCODES_FILE = path.resolve(import.meta.dirname, '../../../reference-data/outcodes.csv');

/** Rows per statement: large batches are fastest (see bulkUpsert), and 5,000 rows are well under a megabyte. */
const BATCH_SIZE = 5000;

export type PostcodeImportReport = {
  /** What the file held, known from its header. */
  kind: 'postcodes' | 'outcodes';
  read: number;
  /** Rows added, or changed since the last import. */
  written: number;
  unchanged: number;
  rejected: ImportProblem[];
};

/**
 * Loads a file of postcodes (`postcode,outcode,lad_code,easting,northing,lat,lng`, the ONS postcode
 * directory as shipped in reference-data/ and ../shared/data) or of outcodes (`outcode,lat,lng,
 * easting,northing,postcode_count,main_lad_code`), plain or gzipped. Upserts by code, so loading a
 * file again, or a larger one over a smaller, is safe. Rows without a usable postcode and position
 * are refused with their line numbers; nothing is ever deleted.
 */
export async function importPostcodes(
  db: Executor,
  file: string,
  onProgress?: (progress: ImportProgress) => void,
): Promise<PostcodeImportReport> {
  const { kind, encoding, size } = await inspectPostcodeFile(file);
  const report: PostcodeImportReport = { kind, read: 0, written: 0, unchanged: 0, rejected: [] };
  let bytesRead = 0;
  let postcodeBatch: PostcodeRow[] = [];
  let outcodeBatch: OutcodeRow[] = [];
  const flush = async () => {
    const written =
      kind === 'postcodes' ? await upsertPostcodes(db, postcodeBatch) : await upsertOutcodes(db, outcodeBatch);
    report.written += written;
    report.unchanged += postcodeBatch.length + outcodeBatch.length - written;
    postcodeBatch = [];
    outcodeBatch = [];
  };

  for await (const record of readCsv(file, { encoding, onRead: (bytes) => (bytesRead = bytes) })) {
    report.read++;
    const row = kind === 'postcodes' ? postcodeFrom(record.values) : outcodeFrom(record.values);
    if ('problem' in row) report.rejected.push({ line: record.line, message: row.problem });
    else if ('postcode' in row) postcodeBatch.push(row);
    else outcodeBatch.push(row);
    if (postcodeBatch.length + outcodeBatch.length === BATCH_SIZE) await flush();
    if (report.read % PROGRESS_EVERY_ROWS === 0) onProgress?.({ rowsRead: report.read, fraction: bytesRead / size });
  }
  await flush();
  return report;
}

/** What kind of file this is, or an ImportFileError saying why it cannot be imported. Reads no database. */
export async function inspectPostcodeFile(
  file: string,
): Promise<{ kind: PostcodeImportReport['kind']; encoding: TextEncoding; size: number }> {
  const size = readableFileSize(file);
  const encoding = await detectEncoding(file);
  const header = await readCsvHeader(file, { encoding });
  const kind = header.includes('postcode') ? 'postcodes' : header.includes('outcode') ? 'outcodes' : undefined;
  const hasPosition =
    (header.includes('lat') && header.includes('lng')) || (header.includes('easting') && header.includes('northing'));
  if (!kind || !hasPosition) {
    throw new ImportFileError(
      `The first row of ${file} names no columns this importer knows. Expected postcode,outcode,lad_code,easting,northing,lat,lng ` +
        `or outcode,lat,lng,easting,northing,postcode_count,main_lad_code; found ${header.slice(0, 8).join(',') || 'nothing'}`,
    );
  }
  return { kind, encoding, size };
}

type Problem = { problem: string };

function postcodeFrom(values: Record<string, string | undefined>): PostcodeRow | Problem {
  const postcode = normalisePostcode(values.postcode ?? '');
  if (!postcode) return { problem: `‘${values.postcode ?? ''}’ is not a postcode` };
  const position = positionFrom(values);
  if ('problem' in position) return position;
  return {
    postcode,
    outcode: outcodeOf(postcode),
    localAuthorityDistrictCode: values.lad_code?.trim() || null,
    ...position,
  };
}

function outcodeFrom(values: Record<string, string | undefined>): OutcodeRow | Problem {
  const outcode = normaliseOutcode(values.outcode ?? '');
  if (!outcode) return { problem: `‘${values.outcode ?? ''}’ is not an outcode` };
  const position = positionFrom(values);
  if ('problem' in position) return position;
  const count = values.postcode_count?.trim() ?? '';
  if (count !== '' && !/^\d+$/.test(count)) return { problem: `postcode_count ‘${count}’ is not a whole number` };
  return {
    outcode,
    ...position,
    postcodeCount: count === '' ? null : Number(count),
    mainLocalAuthorityDistrictCode: values.main_lad_code?.trim() || null,
  };
}

type Position = { latitude: number; longitude: number; easting: number | null; northing: number | null };

/** The row's latitude and longitude, or failing those its grid reference converted to them. */
function positionFrom(values: Record<string, string | undefined>): Position | Problem {
  const latLng = readLatLng(values.lat, values.lng, ['lat', 'lng']);
  if ('problem' in latLng) return latLng;
  const grid = readGridReference(values.easting, values.northing);
  if ('problem' in grid) return grid;
  const position = latLng.value ?? (grid.value && gridReferenceToLatLng(grid.value.easting, grid.value.northing));
  if (!position) return { problem: 'no position: neither lat/lng nor easting/northing is given' };
  return { ...position, easting: grid.value?.easting ?? null, northing: grid.value?.northing ?? null };
}
