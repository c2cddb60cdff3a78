import type { Database, Executor } from '../../db/database.ts';
import { isCalendarDate } from '../../platform/calendar/calendar-date.ts';
import { londonDate } from '../../platform/calendar/london-time.ts';
import { detectEncoding, readCsv, readCsvHeader, type TextEncoding } from '../../platform/csv.ts';
import { problemsFromZod } from '../../platform/forms.ts';
import { ImportFileError, readableFileSize } from '../../platform/imports.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { auditLeaderChange } from './leader-audit.ts';
import { findLeaderRowByEmail } from './leaders.repository.ts';
import { leaderInputSchema, type LeaderInput } from './leaders.schema.ts';
import { loadLeader, saveLeader } from './leaders.service.ts';
import { PHASES, type Phase } from './leaders.model.ts';
import type { HomeSchoolChanged } from './designation-state.service.ts';

export type RosterReport = {
  rowsRead: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ line: number; reason: string }>;
};

/** Headers as alliances write them in their spreadsheets, matched ignoring case, spaces and punctuation. */
const COLUMN_NAMES: Record<string, string[]> = {
  name: ['name', 'fullname', 'leader', 'leadername'],
  email: ['email', 'emailaddress'],
  homeSchoolUrn: ['homeschoolurn', 'schoolurn', 'urn', 'homeschool'],
  designation: ['designation', 'designationtype', 'type'],
  startDate: ['designationdate', 'designated', 'datedesignated', 'startdate', 'date'],
  reviewDate: ['reviewdate', 'review'],
  status: ['status', 'designationstatus'],
  specialisms: ['specialisms', 'specialism', 'specialismareas'],
  phases: ['phases', 'phase'],
  jobTitle: ['jobtitle', 'role'],
  profile: ['profile', 'biography', 'about'],
  listed: ['listed', 'publiclisting', 'indirectory', 'directory'],
  listedConsentOn: ['consentdate', 'listingconsentdate', 'consentgiven', 'dateconsentgiven'],
};

/** The columns every roster must have, as they are named in the report when missing. */
const REQUIRED_COLUMNS: Array<[keyof typeof COLUMN_NAMES, string]> = [
  ['name', 'Name'],
  ['email', 'Email'],
  ['homeSchoolUrn', 'Home school URN'],
  ['designation', 'Designation'],
  ['startDate', 'Designation date'],
];

/**
 * A gzipped roster may expand to no more than this: a national roster of 20,000 leaders is under 10 MB,
 * and every row is held in memory until the file has been read.
 */
const ROSTER_MAX_EXPANDED_BYTES = 64 * 1024 * 1024;
const reading = { maxExpandedBytes: ROSTER_MAX_EXPANDED_BYTES };

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function cell(values: Record<string, string>, column: keyof typeof COLUMN_NAMES): string {
  for (const [header, value] of Object.entries(values)) {
    if (COLUMN_NAMES[column]!.includes(squash(header))) return value.trim();
  }
  return '';
}

/** "01/09/2024", "1-9-2024" or "2024-09-01" to ISO; anything else is returned as typed, to be refused. */
function isoDate(text: string): string {
  const british = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (british) return `${british[3]}-${british[2]!.padStart(2, '0')}-${british[1]!.padStart(2, '0')}`;
  return text;
}

const PHASE_WORDS: Record<string, Phase> = {
  earlyyears: 'early-years',
  eyfs: 'early-years',
  primary: 'primary',
  secondary: 'secondary',
  post16: 'post-16',
  sixthform: 'post-16',
  special: 'special',
  sen: 'special',
  alternativeprovision: 'alternative-provision',
  ap: 'alternative-provision',
};

function list(text: string): string[] {
  return text
    .split(/[;|\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** One spreadsheet row as a leader with one designation, or the reason it cannot be read. */
export function leaderFromRosterRow(values: Record<string, string>): { input: LeaderInput } | { reason: string } {
  const phases: string[] = [];
  for (const phase of list(cell(values, 'phases'))) {
    const known = PHASE_WORDS[squash(phase)] ?? (PHASES as readonly string[]).find((candidate) => candidate === phase);
    if (!known) return { reason: `Unknown phase ‘${phase}’: use ${Object.keys(PHASE_WORDS).join(', ')}` };
    phases.push(known);
  }
  const consent = cell(values, 'listedConsentOn');
  if (consent && !isCalendarDate(isoDate(consent)))
    return { reason: `The consent date ‘${consent}’ is not a date (use DD/MM/YYYY or YYYY-MM-DD)` };
  const startDate = isoDate(cell(values, 'startDate'));
  const reviewDate = cell(values, 'reviewDate') ? isoDate(cell(values, 'reviewDate')) : null;
  if (!isCalendarDate(startDate))
    return {
      reason: `The designation date ‘${cell(values, 'startDate')}’ is not a date (use DD/MM/YYYY or YYYY-MM-DD)`,
    };
  const urnText = cell(values, 'homeSchoolUrn');
  const parsed = leaderInputSchema.safeParse({
    name: cell(values, 'name'),
    email: cell(values, 'email'),
    jobTitle: cell(values, 'jobTitle') || null,
    homeSchoolUrn: /^\d+$/.test(urnText) ? Number(urnText) : undefined,
    profile: cell(values, 'profile'),
    phases,
    listed: /^(y|yes|true|1)$/i.test(cell(values, 'listed')),
    listedConsentOn: consent ? isoDate(consent) : null,
    specialisms: list(cell(values, 'specialisms')),
    designations: [
      {
        type: cell(values, 'designation').toLowerCase(),
        status: cell(values, 'status').toLowerCase().replace(/\s+/g, '-') || undefined,
        startDate,
        reviewDate,
      },
    ],
  });
  if (!parsed.success)
    return {
      reason: problemsFromZod(parsed.error)
        .map((problem) => problem.message)
        .join('; '),
    };
  return { input: parsed.data };
}

/** Rows for the same person (say an SLE row and an LLE row) become one leader with both designations. */
function mergeRows(rows: Array<{ line: number; input: LeaderInput }>): Array<{ lines: number[]; input: LeaderInput }> {
  const byEmail = new Map<string, { lines: number[]; input: LeaderInput }>();
  for (const { line, input } of rows) {
    const key = input.email.toLowerCase();
    const seen = byEmail.get(key);
    if (!seen) {
      byEmail.set(key, { lines: [line], input: { ...input } });
      continue;
    }
    seen.lines.push(line);
    seen.input = {
      ...seen.input,
      profile: seen.input.profile || input.profile,
      listed: seen.input.listed || input.listed,
      phases: [...new Set([...seen.input.phases, ...input.phases])],
      specialisms: [...new Set([...seen.input.specialisms, ...input.specialisms])],
      designations: [
        ...seen.input.designations.filter((held) => !input.designations.some((next) => next.type === held.type)),
        ...input.designations,
      ],
    };
  }
  return [...byEmail.values()];
}

/**
 * The file's encoding, or an ImportFileError saying why it is not a roster: not CSV at all (a
 * spreadsheet saved in Excel's own format is the usual slip), or without the columns every row needs.
 */
export async function inspectRosterFile(file: string): Promise<TextEncoding> {
  readableFileSize(file);
  const encoding = await detectEncoding(file, reading);
  const header = await readCsvHeader(file, { ...reading, encoding });
  // Excel workbooks (.xlsx) are zip files, which start "PK"; old .xls files start D0 CF 11 E0.
  if (header[0]?.startsWith('PK') || header[0]?.startsWith('\u00d0\u00cf')) {
    throw new ImportFileError(
      'The file is an Excel workbook, not CSV. In Excel, choose File > Save As > CSV (comma delimited), then upload that file',
    );
  }
  const squashed = header.map(squash);
  const missing = REQUIRED_COLUMNS.filter(
    ([column]) => !COLUMN_NAMES[column]!.some((name) => squashed.includes(name)),
  ).map(([, label]) => label);
  if (missing.length > 0) {
    throw new ImportFileError(
      `The first row must name the roster’s columns. Missing: ${missing.join(', ')}. Found: ${header.slice(0, 8).join(', ') || 'nothing'}`,
    );
  }
  return encoding;
}

/**
 * Imports an alliance's roster of system leaders from CSV. Each person is saved in a transaction of
 * their own, so one bad row never stops the rest; running the same file again changes nothing. Each
 * leader added or changed gets an event on their own trail, by `actorUserId` (null: the service).
 * A file that is not a roster (see inspectRosterFile) or not well-formed CSV changes nothing.
 * A row that moves a leader to another home school calls `homeSchoolChanged` in that row's
 * transaction, as the leader's edit form does, so the move opens its review however it is recorded.
 */
export async function importRoster(
  db: Database,
  allianceId: number,
  file: string,
  now: Date,
  options: { actorUserId?: number | null; homeSchoolChanged?: HomeSchoolChanged } = {},
): Promise<RosterReport> {
  const encoding = await inspectRosterFile(file);
  const report: RosterReport = { rowsRead: 0, added: 0, updated: 0, unchanged: 0, rejected: [] };
  const readable: Array<{ line: number; input: LeaderInput }> = [];
  for await (const record of readCsv(file, { ...reading, encoding })) {
    report.rowsRead++;
    const row = leaderFromRosterRow(record.values);
    if ('reason' in row) report.rejected.push({ line: record.line, reason: row.reason });
    else readable.push({ line: record.line, input: row.input });
  }
  for (const leader of mergeRows(readable)) {
    const outcome = await db.transaction(async (tx) => {
      const existing = await findLeaderRowByEmail(tx, allianceId, leader.input.email);
      const before = existing ? await loadLeader(tx, allianceId, existing.id) : undefined;
      const saved = await saveLeader(tx, allianceId, leader.input, now);
      if (saved.ok && saved.change !== 'unchanged') {
        const action = saved.change === 'added' ? 'roster-added' : 'roster-updated';
        await auditLeaderChange(tx, {
          allianceId,
          actorUserId: options.actorUserId ?? null,
          leaderId: saved.leaderId,
          action,
          before,
          at: now,
        });
      }
      const moved = saved.ok && before !== undefined && before.homeSchoolUrn !== leader.input.homeSchoolUrn;
      // A review opened by the service itself (the command line) has no one to name: only an upload opens one.
      if (moved && options.homeSchoolChanged && typeof options.actorUserId === 'number')
        await options.homeSchoolChanged(tx, {
          allianceId,
          leaderId: saved.leaderId,
          movedOn: londonDate(now),
          actorUserId: options.actorUserId,
          at: now,
        });
      return saved;
    });
    if (!outcome.ok) {
      const reason = outcome.problems.map((problem) => problem.message).join('; ');
      for (const line of leader.lines) report.rejected.push({ line, reason });
    } else {
      report[outcome.change]++;
    }
  }
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

/** At most this many rejected rows are kept with the record of an import; the counts are always whole. */
export const REJECTED_ROWS_KEPT = 1000;

/**
 * The record of one import of a roster, on the alliance's roster trail: who, when, which file, the
 * counts and the rows refused. One event for the whole file; each leader's own trail has the detail.
 */
export async function recordRosterImport(
  tx: Executor,
  entry: { allianceId: number; actorUserId: number | null; fileName: string; report: RosterReport; at: Date },
): Promise<number> {
  const { report } = entry;
  return recordAudit(tx, {
    allianceId: entry.allianceId,
    actorUserId: entry.actorUserId,
    entityType: 'leader-roster',
    entityId: entry.allianceId,
    action: 'imported',
    after: {
      file: entry.fileName,
      rowsRead: report.rowsRead,
      added: report.added,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected.length,
      rejectedRows: report.rejected
        .slice(0, REJECTED_ROWS_KEPT)
        .map((rejection) => `${rejection.line}: ${rejection.reason}`),
    },
    at: entry.at,
  });
}
