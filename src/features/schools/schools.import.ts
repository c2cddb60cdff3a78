import type { Executor } from '../../db/database.ts';
import { isCalendarDate } from '../../platform/calendar/calendar-date.ts';
import { readCsv } from '../../platform/csv.ts';
import { upsertSchools, type NewSchool } from './schools.repository.ts';

const BATCH_SIZE = 500;

function optionalNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function optionalText(text: string | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** GIAS writes dates as DD-MM-YYYY or DD/MM/YYYY; ISO dates pass through. Anything else is no date. */
export function isoDateFrom(text: string | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (iso) return isCalendarDate(trimmed) ? trimmed : null;
  const british = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(trimmed);
  if (!british) return null;
  const date = `${british[3]}-${british[2]!.padStart(2, '0')}-${british[1]!.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

/** One row of the project's shipped extract (reference-data/schools.csv) as a school. */
export function schoolFromExtractRow(values: Record<string, string>): NewSchool | undefined {
  const urn = optionalNumber(values.urn);
  const name = optionalText(values.name);
  if (urn === null || !Number.isInteger(urn) || !name) return undefined;
  return {
    urn,
    name,
    phase: optionalText(values.phase),
    localAuthorityCode: optionalText(values.la_code),
    localAuthorityName: optionalText(values.la_name),
    postcode: optionalText(values.postcode),
    town: optionalText(values.town),
    easting: optionalNumber(values.easting),
    northing: optionalNumber(values.northing),
    latitude: optionalNumber(values.lat),
    longitude: optionalNumber(values.lng),
    localAuthorityDistrictCode: optionalText(values.lad_code),
    status: values.status?.toLowerCase().startsWith('closed') ? 'closed' : 'open',
    gender: optionalText(values.gender),
    openDate: isoDateFrom(values.open_date),
  };
}

/** Loads the shipped extract of the register, in batches. Returns how many schools were loaded. */
export async function loadSchoolsExtract(db: Executor, file: string): Promise<number> {
  let batch: NewSchool[] = [];
  let count = 0;
  for await (const record of readCsv(file)) {
    const school = schoolFromExtractRow(record.values);
    if (!school) continue;
    batch.push(school);
    if (batch.length === BATCH_SIZE) {
      await upsertSchools(db, batch);
      count += batch.length;
      batch = [];
    }
  }
  await upsertSchools(db, batch);
  return count + batch.length;
}
