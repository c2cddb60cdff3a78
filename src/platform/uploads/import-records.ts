import { formatLondonDateTime, formatLondonTime } from '../calendar/london-time.ts';
import type { AuditEventWithActor } from '../audit/audit.service.ts';
import type { ImportBusy } from './uploads.service.ts';

/**
 * What the pages of every import share: the message for an import refused because another is
 * running, and an import's record (one audit event) read back for its report.
 */

/** "Another upload of a roster is running (started by Ben Carter at 10:15am) ...": why, and what to do. */
export function busyMessage(what: string, busy: ImportBusy, retry: string): string {
  const who = busy.userName ? ` by ${busy.userName}` : '';
  return `Another ${what} is running (started${who} at ${formatLondonTime(busy.since)}), so this file was not imported. Wait for it to finish, then ${retry}`;
}

/** An import as its record holds it: when, who, the counts, and the rows refused as line and reason. */
export function importRecordFrom(row: AuditEventWithActor) {
  const after = (row.event.after ?? {}) as Record<string, unknown>;
  const rows = (name: string) =>
    (Array.isArray(after[name]) ? (after[name] as string[]) : []).map((text) => {
      const match = /^(\d+): ([\s\S]*)$/.exec(text);
      return match ? { line: Number(match[1]), reason: match[2]! } : { line: 0, reason: text };
    });
  return {
    id: row.event.id,
    when: formatLondonDateTime(row.event.at),
    who: row.event.actorUserId === null ? 'The service' : (row.actorName ?? 'Unknown'),
    values: after,
    rows,
  };
}
