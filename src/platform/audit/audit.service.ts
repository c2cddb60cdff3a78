import type { Database, Executor } from '../../db/database.ts';
import { hasAnyRole, type CurrentUser, type Role } from '../access.ts';
import { formatLongDate, isCalendarDate } from '../calendar/calendar-date.ts';
import { formatLondonDateTime } from '../calendar/london-time.ts';
import { findAuditEvent, insertAuditEvent, listAuditEvents, listLatestAuditEvents } from './audit.repository.ts';

/** A field's value as stored in the trail: JSON, so what it was then can be shown later. */
export type AuditValue = string | number | boolean | null | string[];
export type AuditFields = Record<string, AuditValue>;

export type AuditEntry = {
  allianceId: number;
  /** The signed-in person who made the change; null for the public or the service itself. */
  actorUserId: number | null;
  entityType: string;
  entityId: string | number;
  /** A short verb: created, updated, invited, roles-changed, deactivated, ... */
  action: string;
  /** The changed fields as they were (omit for a creation). */
  before?: AuditFields | null;
  /** The changed fields as they became (omit for a removal). */
  after?: AuditFields | null;
  at: Date;
};

/**
 * Records a change, and returns the event's id. Call it with the transaction that makes the change,
 * so the trail holds exactly the changes that happened: both are kept, or neither.
 */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<number> {
  return insertAuditEvent(tx, {
    allianceId: entry.allianceId,
    actorUserId: entry.actorUserId,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: entry.at,
  });
}

/** The fields whose values differ, as `before` and `after` holding only those: what recordAudit takes. */
export function changedFields(
  before: AuditFields,
  after: AuditFields,
): { before: AuditFields; after: AuditFields } | undefined {
  const changed = Object.keys(after).filter(
    (key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null),
  );
  if (changed.length === 0) return undefined;
  return {
    before: Object.fromEntries(changed.map((key) => [key, before[key] ?? null])),
    after: Object.fromEntries(changed.map((key) => [key, after[key] ?? null])),
  };
}

/** Who may read a record's trail: the people who run the alliance. */
export const AUDIT_READERS: readonly Role[] = ['administrator', 'coordinator'];

export type AuditTrailRow = {
  when: string;
  who: string;
  action: string;
  /** `before` is absent for a value set where there was none (a creation), `after` for one removed. */
  changes: Array<{ field: string; before?: string; after?: string }>;
};

/** A recorded value as every other page writes it: dates as "Monday 11 January 2027", not '2027-01-11'. */
function displayOne(value: unknown): string {
  if (typeof value === 'string' && isCalendarDate(value)) return formatLongDate(value);
  return String(value);
}

function display(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'Not set';
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.map(displayOne).join(', ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return displayOne(value);
}

/**
 * One record's trail for the audit partial (`audit/views/trail.njk`), or undefined when the person
 * may not see it, so a page can pass the result straight to the partial.
 */
export async function auditTrailFor(
  db: Executor,
  user: CurrentUser | undefined,
  record: AuditedRecord,
): Promise<AuditTrailRow[] | undefined> {
  if (!hasAnyRole(user, AUDIT_READERS)) return undefined;
  const rows = await listAuditEvents(db, record.allianceId, record.entityType, String(record.entityId));
  const order = Object.keys(record.labels ?? {});
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return rows.map(({ event, actorName, actorEmail }) => {
    const before = event.before ?? {};
    const after = event.after ?? {};
    // jsonb keeps no key order: show fields in the order of the labels (the form's), then the rest by name.
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(
      (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
    );
    return {
      when: formatLondonDateTime(event.at),
      who:
        event.actorUserId === null
          ? 'The service'
          : `${actorName ?? 'Unknown'} (${actorEmail ?? `user ${event.actorUserId}`})`,
      action: record.actions?.[event.action] ?? event.action,
      changes: fields.map((field) => ({
        field: record.labels?.[field] ?? field,
        ...(field in before ? { before: display(before[field]) } : {}),
        ...(field in after ? { after: display(after[field]) } : {}),
      })),
    };
  });
}

export type AuditEventWithActor = NonNullable<Awaited<ReturnType<typeof findAuditEvent>>>;

/** One event, if it is the alliance's and about this kind of record: a page showing it by id checks both. */
export async function findAuditEventAbout(
  db: Executor,
  allianceId: number,
  entityType: string,
  id: number,
): Promise<AuditEventWithActor | undefined> {
  const row = await findAuditEvent(db, allianceId, id);
  return row?.event.entityType === entityType ? row : undefined;
}

/** A record's latest events, newest first: "earlier uploads" and the like. */
export async function latestAuditEvents(
  db: Executor,
  allianceId: number,
  entityType: string,
  entityId: string | number,
  limit: number,
): Promise<AuditEventWithActor[]> {
  return listLatestAuditEvents(db, allianceId, entityType, String(entityId), limit);
}

/** A record whose trail is shown: which, and how its fields and actions are named on the page. */
export type AuditedRecord = {
  allianceId: number;
  entityType: string;
  entityId: string | number;
  labels?: Record<string, string>;
  actions?: Record<string, string>;
};

/** The audit trail as pages read it: a record's trail for the person asking, and events by id. */
export class AuditTrail {
  constructor(private readonly db: Database) {}

  /** The record's trail, or undefined when the person may not see it (see auditTrailFor). */
  trailFor(user: CurrentUser | undefined, record: AuditedRecord): Promise<AuditTrailRow[] | undefined> {
    return auditTrailFor(this.db, user, record);
  }

  findEventAbout(allianceId: number, entityType: string, id: number): Promise<AuditEventWithActor | undefined> {
    return findAuditEventAbout(this.db, allianceId, entityType, id);
  }

  latestEvents(
    allianceId: number,
    entityType: string,
    entityId: string | number,
    limit: number,
  ): Promise<AuditEventWithActor[]> {
    return latestAuditEvents(this.db, allianceId, entityType, entityId, limit);
  }
}
