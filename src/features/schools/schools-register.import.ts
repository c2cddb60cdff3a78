import type { Database, Executor } from '../../db/database.ts';
import { CsvError, readCsvBatches, type TextEncoding } from '../../platform/csv.ts';
import { ImportFileError, type ImportProblem } from '../../platform/imports.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { ImportBusy, ImportLocks } from '../../platform/uploads/uploads.service.ts';
import { importSchools, inspectSchoolFile, type SchoolImportReport } from './schools.import.ts';
import { countOpenSchoolsNotListed } from './schools.repository.ts';

/**
 * The checks every import of the register passes, from an upload or the command line: the whole
 * file read first (a broken or header-only one is refused before anything changes), the schools a
 * full import would close counted and confirmed, and the run kept as one event on the record.
 */

/** One import of schools at a time, from an upload or the command line. */
export const SCHOOLS_IMPORT_LOCK = 'schools';
/** The register is one for every alliance: one lock, one trail. */
export const REGISTER_ENTITY = { type: 'school-register', id: 'england' } as const;
/** At most this many problem rows are kept with the record of an import; the counts are always whole. */
const ROWS_KEPT = 1000;

const FORMAT_NAMES = { gias: 'GIAS edubasealldata', extract: 'The register extract' } as const;

/** What a read through a file found, before anything changes. */
export type SchoolFileSurvey = {
  size: number;
  format: string;
  encoding: TextEncoding;
  rows: number;
  /** Whether the import closes the open schools the file does not list. */
  full: boolean;
  /** How many open schools it would close (0 unless full). */
  closes: number;
  /** Every URN in the file, to count the closures again just before importing. */
  urns: number[];
};

/** Reads the whole file (so a broken one is refused now) without changing anything; ImportFileError or CsvError if it cannot be imported. */
export async function surveySchoolFile(
  db: Executor,
  file: string,
  options: { full: boolean },
): Promise<SchoolFileSurvey> {
  const { format, encoding, size } = await inspectSchoolFile(file);
  const urns = new Set<number>();
  let rows = 0;
  for await (const batch of readCsvBatches(file, { encoding })) {
    for (const record of batch) {
      rows++;
      const urn = format.read(record.values).urn;
      if (urn !== undefined) urns.add(urn);
    }
  }
  if (rows === 0) throw new ImportFileError('The file has a header row but no schools');
  const full = options.full || format.listsEverySchool;
  const listed = [...urns];
  const closes = full ? await countOpenSchoolsNotListed(db, listed) : 0;
  return { size, format: FORMAT_NAMES[format.name], encoding, rows, full, closes, urns: listed };
}

/** How many open schools a surveyed file would close now (another import may have changed the register since). */
export async function closuresNow(db: Executor, survey: SchoolFileSurvey): Promise<number> {
  return survey.full ? countOpenSchoolsNotListed(db, survey.urns) : 0;
}

const rowsOf = (problems: ImportProblem[]) =>
  problems.slice(0, ROWS_KEPT).map((problem) => `${problem.line}: ${problem.message}`);

/**
 * Imports the file and records it as one event on the register's trail, in one transaction. A
 * per-school audit is not kept for an import: the event holds the counts and the rows refused, and
 * the file itself is the detail.
 */
export async function importAndRecord(
  db: Database,
  entry: {
    allianceId: number;
    actorUserId: number | null;
    file: string;
    fileName: string;
    survey: SchoolFileSurvey;
    at: Date;
  },
): Promise<{ eventId: number; report: SchoolImportReport }> {
  return db.transaction(async (tx) => {
    const report = await importSchools(tx, entry.file, { full: entry.survey.full });
    const eventId = await recordAudit(tx, {
      allianceId: entry.allianceId,
      actorUserId: entry.actorUserId,
      entityType: REGISTER_ENTITY.type,
      entityId: REGISTER_ENTITY.id,
      action: 'imported',
      after: {
        file: entry.fileName,
        format: entry.survey.format,
        full: report.full,
        read: report.read,
        added: report.added,
        changed: report.changed,
        unchanged: report.unchanged,
        closed: report.closed,
        rejected: report.rejected.length,
        rejectedRows: rowsOf(report.rejected),
        unlocated: report.unlocated.length,
        unlocatedRows: rowsOf(report.unlocated),
      },
      at: entry.at,
    });
    return { eventId, report };
  });
}

export type CommandLineImport =
  | { kind: 'imported'; eventId: number; report: SchoolImportReport }
  | { kind: 'needs-confirmation'; closes: number }
  | { kind: 'busy'; busy: ImportBusy }
  | { kind: 'refused'; message: string };

/**
 * `npm run import:schools`: the upload's checks without the pages. A full import that would close
 * schools goes ahead only when `close` is exactly how many (or `yes` is given), counted under the lock.
 */
export async function importSchoolsFromCommandLine(
  db: Database,
  locks: ImportLocks,
  request: { allianceId: number; file: string; full: boolean; close?: number; yes: boolean; at: () => Date },
): Promise<CommandLineImport> {
  let survey: SchoolFileSurvey;
  try {
    survey = await surveySchoolFile(db, request.file, { full: request.full });
  } catch (error) {
    if (error instanceof ImportFileError || error instanceof CsvError)
      return { kind: 'refused', message: error.message };
    throw error;
  }
  const outcome = await locks.runExclusive(SCHOOLS_IMPORT_LOCK, null, async (): Promise<CommandLineImport> => {
    const closes = await closuresNow(db, survey);
    if (closes > 0 && !request.yes && request.close !== closes) return { kind: 'needs-confirmation', closes };
    try {
      const done = await importAndRecord(db, {
        allianceId: request.allianceId,
        actorUserId: null,
        file: request.file,
        fileName: request.file,
        survey,
        at: request.at(),
      });
      return { kind: 'imported', ...done };
    } catch (error) {
      if (error instanceof ImportFileError || error instanceof CsvError)
        return { kind: 'refused', message: error.message };
      throw error;
    }
  });
  return outcome.ok ? outcome.value : { kind: 'busy', busy: outcome.busy };
}
