import { isCalendarDate } from '../../platform/calendar/calendar-date.ts';
import {
  readGridReference,
  readLatLng,
  type GridReference,
  type LatLng,
  type Reading,
} from '../../platform/geography/coordinates.ts';
import { normalisePostcode } from '../postcodes/postcodes.format.ts';
import type { NewSchool } from './schools.repository.ts';

/**
 * The files the register of schools is imported from, told apart by their header, and how a row of
 * each becomes a school. Only the columns a file has are written: importing the extract (which has no
 * trust or Ofsted rating) over a GIAS import keeps what GIAS said. GIAS's columns about people (head
 * teachers' names, governors) are never read: the register needs none of them.
 */

/** What the file says about a school, by column of the schools table. */
export type SchoolFields = Omit<NewSchool, 'urn' | 'latitude' | 'longitude' | 'locationSource' | 'updatedAt'>;

/** One row read: the school, where the file places it, and any problems that keep it out. */
export type SchoolRowReading = {
  /** Known whenever the URN cell is readable, even if the row has other problems. */
  urn: number | undefined;
  fields: Partial<SchoolFields>;
  latLng: LatLng | undefined;
  gridReference: GridReference | undefined;
  problems: string[];
};

export type SchoolFileFormat = {
  name: 'extract' | 'gias';
  label: string;
  /** True when the file lists every school, closed ones too: a school it leaves out has gone. */
  listsEverySchool: boolean;
  /** Reads one row, given its cells by column name. */
  read(values: Record<string, string | undefined>): SchoolRowReading;
  /** The schools table's columns a file with this header gives values for. */
  columnsWritten: Array<keyof SchoolFields>;
};

type Cell<T> = (text: string, column: string) => Reading<T>;
type FieldColumns = { [K in keyof SchoolFields]?: [column: string, cell: Cell<SchoolFields[K]>] };
type FormatDefinition = {
  name: SchoolFileFormat['name'];
  label: string;
  listsEverySchool: boolean;
  urn: string;
  fields: FieldColumns;
  latLng?: [string, string];
  gridReference: [string, string];
};

const text: Cell<string | null> = (value) => ({ value: value.trim().replace(/\s+/g, ' ') || null });

const schoolName: Cell<string> = (value, column) => {
  const tidy = value.trim().replace(/\s+/g, ' ');
  return tidy ? { value: tidy } : { problem: `No school name (${column} is empty)` };
};

/** Postcodes are stored as "L17 6AU"; something that is not a postcode is kept as written, in capitals. */
const postcode: Cell<string | null> = (value) => ({
  value: normalisePostcode(value) ?? (value.trim().replace(/\s+/g, ' ').toUpperCase() || null),
});

/**
 * GIAS writes DD-MM-YYYY (the project's extract copies it); DD/MM/YYYY and ISO dates are accepted too.
 * GIAS gives 01-01-1900 as the opening date of schools whose real date it does not hold (209 open
 * schools in the July 2025 extract): that is stored as no date rather than as a false one.
 */
const date: Cell<string | null> = (value, column) => {
  const trimmed = value.trim();
  if (trimmed === '') return { value: null };
  const british = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(trimmed);
  const iso = british ? `${british[3]}-${british[2]!.padStart(2, '0')}-${british[1]!.padStart(2, '0')}` : trimmed;
  if (!isCalendarDate(iso)) return { problem: `${column} ‘${trimmed}’ is not a date (DD-MM-YYYY)` };
  return { value: iso === '1900-01-01' ? null : iso };
};

const count: Cell<number | null> = (value, column) => {
  const trimmed = value.trim();
  if (trimmed === '') return { value: null };
  return /^\d{1,9}$/.test(trimmed)
    ? { value: Number(trimmed) }
    : { problem: `${column} ‘${trimmed}’ is not a whole number` };
};

/** GIAS's establishment statuses. "Proposed to open" counts as open: it will be, and may already need support. */
const STATUSES: Record<string, 'open' | 'closed'> = {
  open: 'open',
  closed: 'closed',
  'open, but proposed to close': 'open',
  'proposed to open': 'open',
};

const status: Cell<'open' | 'closed'> = (value, column) => {
  const trimmed = value.trim();
  if (trimmed === '') return { value: 'open' };
  const known = STATUSES[trimmed.toLowerCase()];
  return known
    ? { value: known }
    : {
        problem: `${column} ‘${trimmed}’ is not a status GIAS uses (Open, Closed, Open, but proposed to close, Proposed to open)`,
      };
};

/** The project's own extract, reference-data/schools.csv (see ../shared/data/README.md). */
const EXTRACT: FormatDefinition = {
  name: 'extract',
  label: 'the register extract',
  listsEverySchool: false,
  urn: 'urn',
  fields: {
    name: ['name', schoolName],
    phase: ['phase', text],
    localAuthorityCode: ['la_code', text],
    localAuthorityName: ['la_name', text],
    postcode: ['postcode', postcode],
    town: ['town', text],
    localAuthorityDistrictCode: ['lad_code', text],
    status: ['status', status],
    gender: ['gender', text],
    openDate: ['open_date', date],
  },
  latLng: ['lat', 'lng'],
  gridReference: ['easting', 'northing'],
};

/**
 * GIAS's full download, edubasealldata*.csv (https://get-information-schools.service.gov.uk/Downloads):
 * every establishment it has ever held, closed ones with the status "Closed".
 */
const GIAS: FormatDefinition = {
  name: 'gias',
  label: 'a GIAS edubasealldata file',
  listsEverySchool: true,
  urn: 'URN',
  fields: {
    name: ['EstablishmentName', schoolName],
    phase: ['PhaseOfEducation (name)', text],
    typeOfEstablishment: ['TypeOfEstablishment (name)', text],
    localAuthorityCode: ['LA (code)', text],
    localAuthorityName: ['LA (name)', text],
    postcode: ['Postcode', postcode],
    town: ['Town', text],
    localAuthorityDistrictCode: ['DistrictAdministrative (code)', text],
    status: ['EstablishmentStatus (name)', status],
    gender: ['Gender (name)', text],
    openDate: ['OpenDate', date],
    closeDate: ['CloseDate', date],
    trustReference: ['Trusts (code)', text],
    trustName: ['Trusts (name)', text],
    ofstedRating: ['OfstedRating (name)', text],
    numberOfPupils: ['NumberOfPupils', count],
  },
  gridReference: ['Easting', 'Northing'],
};

/** The format a file's header shows, or undefined when it is neither GIAS's nor the extract's. */
export function detectSchoolFileFormat(header: string[]): SchoolFileFormat | undefined {
  const columns = new Set(header);
  const definition = [GIAS, EXTRACT].find((format) => columns.has(format.urn) && columns.has(format.fields.name![0]));
  return definition && formatFor(definition, columns);
}

export const KNOWN_HEADERS = `GIAS edubasealldata (URN, EstablishmentName, ...) or the register extract (urn, name, ...)`;

function formatFor(definition: FormatDefinition, header: Set<string>): SchoolFileFormat {
  const fields = Object.entries(definition.fields).filter(([, [column]]) => header.has(column)) as Array<
    [keyof SchoolFields, [string, Cell<unknown>]]
  >;
  const [easting, northing] = definition.gridReference;
  const hasGridReference = header.has(easting) && header.has(northing);
  return {
    name: definition.name,
    label: definition.label,
    listsEverySchool: definition.listsEverySchool,
    columnsWritten: [
      ...fields.map(([field]) => field),
      ...(hasGridReference ? (['easting', 'northing'] as const) : []),
    ],
    read(values) {
      const problems: string[] = [];
      const urn = readUrn(values[definition.urn] ?? '', problems);
      const read: Partial<Record<keyof SchoolFields, unknown>> = {};
      for (const [field, [column, cell]] of fields) {
        const reading = cell(values[column] ?? '', column);
        if ('problem' in reading) problems.push(reading.problem);
        else read[field] = reading.value;
      }
      const latLng = definition.latLng
        ? readLatLng(values[definition.latLng[0]], values[definition.latLng[1]], definition.latLng)
        : { value: undefined };
      if ('problem' in latLng) problems.push(latLng.problem);
      const grid = readGridReference(values[easting], values[northing], [easting, northing]);
      if ('problem' in grid) problems.push(grid.problem);
      const gridReference = 'value' in grid ? grid.value : undefined;
      if (hasGridReference)
        Object.assign(read, { easting: gridReference?.easting ?? null, northing: gridReference?.northing ?? null });
      return {
        urn,
        fields: read as Partial<SchoolFields>,
        latLng: 'value' in latLng ? latLng.value : undefined,
        gridReference,
        problems,
      };
    },
  };
}

function readUrn(value: string, problems: string[]): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') problems.push('No URN');
  else if (!/^\d{1,9}$/.test(trimmed)) problems.push(`URN ‘${trimmed}’ is not a number`);
  else return Number(trimmed);
  return undefined;
}
