import type { Database } from '../../db/database.ts';
import type { CurrentUser } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { CsvError } from '../../platform/csv.ts';
import { ImportFileError } from '../../platform/imports.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import {
  findAuditEventAbout,
  latestAuditEvents,
  type AuditEventWithActor,
} from '../../platform/audit/audit.service.ts';
import type { UploadedFile } from '../../platform/uploads/uploads.multipart.ts';
import { PendingUploads, type ImportBusy, type ImportLocks } from '../../platform/uploads/uploads.service.ts';
import {
  closuresNow,
  importAndRecord,
  REGISTER_ENTITY,
  SCHOOLS_IMPORT_LOCK,
  surveySchoolFile,
  type SchoolFileSurvey,
} from './schools-register.import.ts';

/** What a look through an uploaded file found, before anything changes. */
export type SchoolFileInspection = SchoolFileSurvey & { fileName: string };

export type SchoolImportOutcome =
  | { kind: 'imported'; eventId: number }
  | { kind: 'expired' }
  | { kind: 'needs-confirmation'; inspection: SchoolFileInspection; changed: boolean }
  | { kind: 'busy'; busy: ImportBusy }
  | { kind: 'failed'; message: string };

export { REGISTER_ENTITY, SCHOOLS_IMPORT_LOCK };

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
      const survey = await surveySchoolFile(this.db, file.path, options);
      return { ok: true, inspection: { ...survey, fileName: file.filename } };
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
        const closes = await closuresNow(this.db, details);
        if (closes !== details.closes) {
          details.closes = closes;
          return { kind: 'needs-confirmation', inspection: details, changed: true };
        }
        if (closes > 0 && confirmedClosures !== closes)
          return { kind: 'needs-confirmation', inspection: details, changed: false };
        try {
          const { eventId } = await importAndRecord(this.db, {
            allianceId: alliance.id,
            actorUserId: actor.id,
            file: file.path,
            fileName: details.fileName,
            survey: details,
            at: this.clock.now(),
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
