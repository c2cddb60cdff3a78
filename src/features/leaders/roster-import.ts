import type { Database } from '../../db/database.ts';
import { isCalendarDate } from '../../platform/calendar/calendar-date.ts';
import { readCsv } from '../../platform/csv.ts';
import { problemsFromZod } from '../../platform/forms.ts';
import { leaderInputSchema, type LeaderInput } from './leaders.schema.ts';
import { saveLeader } from './leaders.service.ts';
import { PHASES, type Phase } from './leaders.tables.ts';

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
};

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

const PHASE_WORDS: Record<string, Phase> = { earlyyears: 'early-years', eyfs: 'early-years', primary: 'primary', secondary: 'secondary', post16: 'post-16', sixthform: 'post-16', special: 'special', sen: 'special', alternativeprovision: 'alternative-provision', ap: 'alternative-provision' };

function list(text: string): string[] {
  return text.split(/[;|\n]/).map((item) => item.trim()).filter(Boolean);
}

/** One spreadsheet row as a leader with one designation, or the reason it cannot be read. */
export function leaderFromRosterRow(values: Record<string, string>): { input: LeaderInput } | { reason: string } {
  const phases: string[] = [];
  for (const phase of list(cell(values, 'phases'))) {
    const known = PHASE_WORDS[squash(phase)] ?? (PHASES as readonly string[]).find((candidate) => candidate === phase);
    if (!known) return { reason: `Unknown phase ‘${phase}’: use ${Object.keys(PHASE_WORDS).join(', ')}` };
    phases.push(known);
  }
  const startDate = isoDate(cell(values, 'startDate'));
  const reviewDate = cell(values, 'reviewDate') ? isoDate(cell(values, 'reviewDate')) : null;
  if (!isCalendarDate(startDate)) return { reason: `The designation date ‘${cell(values, 'startDate')}’ is not a date (use DD/MM/YYYY or YYYY-MM-DD)` };
  const urnText = cell(values, 'homeSchoolUrn');
  const parsed = leaderInputSchema.safeParse({
    name: cell(values, 'name'),
    email: cell(values, 'email'),
    jobTitle: cell(values, 'jobTitle') || null,
    homeSchoolUrn: /^\d+$/.test(urnText) ? Number(urnText) : undefined,
    profile: cell(values, 'profile'),
    phases,
    listed: /^(y|yes|true|1)$/i.test(cell(values, 'listed')),
    specialisms: list(cell(values, 'specialisms')),
    designations: [{ type: cell(values, 'designation').toLowerCase(), status: cell(values, 'status').toLowerCase().replace(/\s+/g, '-') || undefined, startDate, reviewDate }],
  });
  if (!parsed.success) return { reason: problemsFromZod(parsed.error).map((problem) => problem.message).join('; ') };
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
      designations: [...seen.input.designations.filter((held) => !input.designations.some((next) => next.type === held.type)), ...input.designations],
    };
  }
  return [...byEmail.values()];
}

/**
 * Imports an alliance's roster of system leaders from CSV. Each person is saved in a transaction of
 * their own, so one bad row never stops the rest; running the same file again changes nothing.
 */
export async function importRoster(db: Database, allianceId: number, file: string, now: Date): Promise<RosterReport> {
  const report: RosterReport = { rowsRead: 0, added: 0, updated: 0, unchanged: 0, rejected: [] };
  const readable: Array<{ line: number; input: LeaderInput }> = [];
  for await (const record of readCsv(file)) {
    report.rowsRead++;
    const row = leaderFromRosterRow(record.values);
    if ('reason' in row) report.rejected.push({ line: record.line, reason: row.reason });
    else readable.push({ line: record.line, input: row.input });
  }
  for (const leader of mergeRows(readable)) {
    const outcome = await db.transaction((tx) => saveLeader(tx, allianceId, leader.input, now));
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
