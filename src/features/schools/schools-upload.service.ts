import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { CsvError, readCsv, type TextEncoding } from '../../platform/csv.ts';
import { ImportFileError, type ImportProblem } from '../../platform/imports.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import {
  findAuditEventAbout,
  latestAuditEvents,
  recordAudit,
  type AuditEventWithActor,
} from '../../platform/audit/audit.service.ts';
import type { UploadedFile } from '../../platform/uploads/uploads.multipart.ts';
import { PendingUploads, type ImportBusy, type ImportLocks } from '../../platform/uploads/uploads.service.ts';
import { importSchools, inspectSchoolFile } from './schools.import.ts';
import { countOpenSchoolsNotListed } from './schools.repository.ts';

/** What a look through an uploaded file found, before anything changes. */
export type SchoolFileInspection = {
  fileName: string;
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

export type SchoolImportOutcome =
  | { kind: 'imported'; eventId: number }
  | { kind: 'expired' }
  | { kind: 'needs-confirmation'; inspection: SchoolFileInspection; changed: boolean }
  | { kind: 'busy'; busy: ImportBusy }
  | { kind: 'failed'; message: string };

const FORMAT_NAMES = { gias: 'GIAS edubasealldata', extract: 'The register extract' } as const;

/** The register is one for every alliance: one lock, one trail. */
/** One import of schools at a time, from an upload or the command line. */
export const SCHOOLS_IMPORT_LOCK = 'schools';
export const REGISTER_ENTITY = { type: 'school-register', id: 'england' } as const;
/** At most this many problem rows are kept with the record of an import; the counts are always whole. */
const ROWS_KEPT = 1000;

const rowsOf = (problems: ImportProblem[]) =>
  problems.slice(0, ROWS_KEPT).map((problem) => `${problem.line}: ${problem.message}`);

/**
 * Administrators bringing the register of schools up to date from an uploaded file, in two steps:
 * inspect it (format, rows, and for a full import how many schools it will close), then import it
 * once they confirm. One import of the register at a time, across every instance.
 */
export class SchoolRegisterService {
  readonly pending: PendingUploads<SchoolFileInspection>;

  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly locks: ImportLocks,
    private readonly clock: Clock,
  ) {
    this.pending = new PendingUploads(clock);
  }

  /** The latest imports of the register, newest first, for the upload page. */
  async earlierImports(limit: number): Promise<AuditEventWithActor[]> {
    return latestAuditEvents(
      this.db,
      (await this.alliances.current()).id,
      REGISTER_ENTITY.type,
      REGISTER_ENTITY.id,
      limit,
    );
  }

  /** One import's record (its audit event), if it is one. */
  async importRecord(eventId: number): Promise<AuditEventWithActor | undefined> {
    return findAuditEventAbout(this.db, (await this.alliances.current()).id, REGISTER_ENTITY.type, eventId);
  }

  /** Reads the whole file (so a broken one is refused now) without changing anything. */
  async inspect(
    file: UploadedFile,
    options: { full: boolean },
  ): Promise<{ ok: true; inspection: SchoolFileInspection } | { ok: false; message: string }> {
    try {
      const { format, encoding, size } = await inspectSchoolFile(file.path);
      const urns = new Set<number>();
      let rows = 0;
      for await (const record of readCsv(file.path, { encoding })) {
        rows++;
        const urn = format.read(record.values).urn;
        if (urn !== undefined) urns.add(urn);
      }
      if (rows === 0) return { ok: false, message: 'The file has a header row but no schools' };
      const full = options.full || format.listsEverySchool;
      const listed = [...urns];
      const closes = full ? await countOpenSchoolsNotListed(this.db, listed) : 0;
      return {
        ok: true,
        inspection: {
          fileName: file.filename,
          size,
          format: FORMAT_NAMES[format.name],
          encoding,
          rows,
          full,
          closes,
          urns: listed,
        },
      };
    } catch (error) {
      if (!(error instanceof ImportFileError || error instanceof CsvError)) throw error;
      // The message may name the temporary file: the person knows it by the name they chose.
      return { ok: false, message: error.message.replaceAll(file.path, file.filename) };
    }
  }

  /**
   * Imports a file held since its inspection, if `confirmedClosures` is the number of schools it
   * will close (counted again under the lock: another import may have changed the register since).
   * The import and its record on the trail are one transaction. A per-school audit is not kept for
   * an import: the event holds the counts and the rows refused, and the file itself is the detail.
   */
  async importHeld(
    actor: CurrentUser,
    token: string,
    confirmedClosures: number | undefined,
  ): Promise<SchoolImportOutcome> {
    const held = this.pending.peek(token, actor.id);
    if (!held) return { kind: 'expired' };
    const { file, details } = held;
    const alliance = await this.alliances.current();
    const outcome = await this.locks.runExclusive(
      SCHOOLS_IMPORT_LOCK,
      actor.id,
      async (): Promise<SchoolImportOutcome> => {
        const closes = details.full ? await countOpenSchoolsNotListed(this.db, details.urns) : 0;
        if (closes !== details.closes) {
          details.closes = closes;
          return { kind: 'needs-confirmation', inspection: details, changed: true };
        }
        if (closes > 0 && confirmedClosures !== closes)
          return { kind: 'needs-confirmation', inspection: details, changed: false };
        try {
          const eventId = await this.db.transaction(async (tx) => {
            const report = await importSchools(tx, file.path, { full: details.full });
            return recordAudit(tx, {
              allianceId: alliance.id,
              actorUserId: actor.id,
              entityType: REGISTER_ENTITY.type,
              entityId: REGISTER_ENTITY.id,
              action: 'imported',
              after: {
                file: details.fileName,
                format: details.format,
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
              at: this.clock.now(),
            });
          });
          return { kind: 'imported', eventId };
        } catch (error) {
          if (!(error instanceof ImportFileError || error instanceof CsvError)) throw error;
          return { kind: 'failed', message: error.message.replaceAll(file.path, details.fileName) };
        }
      },
    );
    if (!outcome.ok) return { kind: 'busy', busy: outcome.busy };
    if (outcome.value.kind === 'imported' || outcome.value.kind === 'failed') this.pending.discard(token);
    return outcome.value;
  }
}
