import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { alphabetical } from '../../db/alphabetical.ts';
import type { Executor } from '../../db/database.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import { users } from '../../platform/identity/identity.tables.ts';
import { enquiries, enquirySpecialisms } from './enquiries.tables.ts';
import { type SupportType } from './enquiries.model.ts';
import { OPEN_STATUSES, type EnquiryStatus } from './enquiry-status.ts';
import { schools } from '../schools/schools.tables.ts';
import { specialisms } from '../specialisms/specialisms.tables.ts';
import type { ResponseFilter } from './desk.schema.ts';

/**
 * Open statuses written into the SQL as constants rather than parameters, so PostgreSQL can see that
 * a query asking for them may use the partial index of open enquiries (enquiries_open_due).
 */
const isOpenStatus = sql`${enquiries.status} in (${sql.raw(OPEN_STATUSES.map((status) => `'${status}'`).join(', '))})`;

export type QueueFilters = {
  allianceId: number;
  status: 'open' | 'all' | EnquiryStatus;
  kind?: SupportType | undefined;
  specialismId?: number | undefined;
  /** A coordinator's id, or null for enquiries no one has taken. */
  coordinatorUserId?: number | null | undefined;
  response?: ResponseFilter | undefined;
  /** Today in London, for the response filters. */
  today: CalendarDate;
};

function queueConditions(filters: QueueFilters): SQL[] {
  const conditions: SQL[] = [eq(enquiries.allianceId, filters.allianceId)];
  if (filters.status === 'open') conditions.push(isOpenStatus);
  else if (filters.status !== 'all') conditions.push(eq(enquiries.status, filters.status));
  if (filters.kind) conditions.push(eq(enquiries.supportType, filters.kind));
  if (filters.specialismId !== undefined) {
    conditions.push(
      sql`exists (select 1 from ${enquirySpecialisms} where ${enquirySpecialisms.enquiryId} = ${enquiries.id} and ${enquirySpecialisms.specialismId} = ${filters.specialismId})`,
    );
  }
  if (filters.coordinatorUserId === null) conditions.push(isNull(enquiries.coordinatorUserId));
  else if (filters.coordinatorUserId !== undefined)
    conditions.push(eq(enquiries.coordinatorUserId, filters.coordinatorUserId));
  // Awaiting a first contact: open and not yet reached (new, or reopened before anyone reached the school).
  const awaiting = and(isOpenStatus, isNull(enquiries.firstContactAt))!;
  switch (filters.response) {
    case 'overdue':
      conditions.push(awaiting, lt(enquiries.respondBy, filters.today));
      break;
    case 'due-today':
      conditions.push(awaiting, eq(enquiries.respondBy, filters.today));
      break;
    case 'due-later':
      conditions.push(awaiting, gt(enquiries.respondBy, filters.today));
      break;
    case 'met':
      conditions.push(eq(enquiries.respondedOnTime, true));
      break;
    case 'missed':
      conditions.push(eq(enquiries.respondedOnTime, false));
      break;
  }
  return conditions;
}

const queueColumns = {
  id: enquiries.id,
  reference: enquiries.reference,
  status: enquiries.status,
  supportType: enquiries.supportType,
  receivedAt: enquiries.receivedAt,
  respondBy: enquiries.respondBy,
  firstContactAt: enquiries.firstContactAt,
  firstContactLateReason: enquiries.firstContactLateReason,
  respondedOnTime: enquiries.respondedOnTime,
  priorityReasons: enquiries.priorityReasons,
  coordinatorUserId: enquiries.coordinatorUserId,
  coordinatorName: users.name,
  schoolUrn: schools.urn,
  schoolName: schools.name,
  schoolTown: schools.town,
  specialismNames: sql<
    string[]
  >`array(select ${specialisms.name} from ${enquirySpecialisms} join ${specialisms} on ${specialisms.id} = ${enquirySpecialisms.specialismId} where ${enquirySpecialisms.enquiryId} = ${enquiries.id} order by ${alphabetical(specialisms.name)})`,
};

/**
 * One page of the queue: by due date (oldest deadline first), or newest first. The page's ids are
 * found first, from enquiries alone, so a page deep in the list does not join schools and gather
 * specialisms for every row it skips; then only those 25 are read in full.
 */
export async function listQueue(
  db: Executor,
  filters: QueueFilters,
  options: { sort: 'due' | 'received'; limit: number; offset: number },
) {
  const order =
    options.sort === 'due'
      ? [asc(enquiries.respondBy), asc(enquiries.receivedAt), asc(enquiries.id)]
      : [desc(enquiries.receivedAt), desc(enquiries.id)];
  const page = await db
    .select({ id: enquiries.id })
    .from(enquiries)
    .where(and(...queueConditions(filters)))
    .orderBy(...order)
    .limit(options.limit)
    .offset(options.offset);
  if (page.length === 0) return [];
  const rows = await db
    .select(queueColumns)
    .from(enquiries)
    .innerJoin(schools, eq(schools.urn, enquiries.schoolUrn))
    .leftJoin(users, eq(users.id, enquiries.coordinatorUserId))
    .where(
      inArray(
        enquiries.id,
        page.map((row) => row.id),
      ),
    );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return page.map((row) => byId.get(row.id)).filter((row) => row !== undefined);
}

export type QueueRow = Awaited<ReturnType<typeof listQueue>>[number];

export async function countQueue(db: Executor, filters: QueueFilters): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(enquiries)
    .where(and(...queueConditions(filters)));
  return row?.total ?? 0;
}

export type DeskCounts = { overdue: number; dueToday: number; dueLater: number; mine: number; unassigned: number };

/** The dashboard's figures, in one pass over the open enquiries. */
export async function countDesk(
  db: Executor,
  allianceId: number,
  today: CalendarDate,
  userId: number,
): Promise<DeskCounts> {
  const [row] = await db
    .select({
      overdue:
        sql<number>`count(*) filter (where ${enquiries.firstContactAt} is null and ${enquiries.respondBy} < ${today})`.mapWith(
          Number,
        ),
      dueToday:
        sql<number>`count(*) filter (where ${enquiries.firstContactAt} is null and ${enquiries.respondBy} = ${today})`.mapWith(
          Number,
        ),
      dueLater:
        sql<number>`count(*) filter (where ${enquiries.firstContactAt} is null and ${enquiries.respondBy} > ${today})`.mapWith(
          Number,
        ),
      mine: sql<number>`count(*) filter (where ${enquiries.coordinatorUserId} = ${userId})`.mapWith(Number),
      unassigned: sql<number>`count(*) filter (where ${enquiries.coordinatorUserId} is null)`.mapWith(Number),
    })
    .from(enquiries)
    .where(and(eq(enquiries.allianceId, allianceId), isOpenStatus));
  return row ?? { overdue: 0, dueToday: 0, dueLater: 0, mine: 0, unassigned: 0 };
}

/** An enquiry of this alliance still open and waiting for its first contact, with the school it is from. */
const awaitingFirstContactColumns = {
  id: enquiries.id,
  reference: enquiries.reference,
  respondBy: enquiries.respondBy,
  coordinatorUserId: enquiries.coordinatorUserId,
  schoolName: schools.name,
  schoolTown: schools.town,
};

function listAwaitingFirstContact(db: Executor, allianceId: number, ...conditions: SQL[]) {
  return db
    .select(awaitingFirstContactColumns)
    .from(enquiries)
    .innerJoin(schools, eq(schools.urn, enquiries.schoolUrn))
    .where(and(eq(enquiries.allianceId, allianceId), isOpenStatus, isNull(enquiries.firstContactAt), ...conditions))
    .orderBy(asc(enquiries.respondBy), asc(enquiries.receivedAt), asc(enquiries.id));
}

/** Enquiries still waiting for a first contact whose reply is due on or before `date`: what reminders list. */
export async function listAwaitingDueBy(db: Executor, allianceId: number, date: CalendarDate) {
  return listAwaitingFirstContact(db, allianceId, lte(enquiries.respondBy, date));
}

/** A school's enquiries with this alliance, newest first: what its school contacts see. */
export async function listSchoolEnquiries(db: Executor, allianceId: number, schoolUrn: number) {
  return db
    .select({
      reference: enquiries.reference,
      supportType: enquiries.supportType,
      receivedAt: enquiries.receivedAt,
      status: enquiries.status,
      statusChangedAt: enquiries.statusChangedAt,
    })
    .from(enquiries)
    .where(and(eq(enquiries.allianceId, allianceId), eq(enquiries.schoolUrn, schoolUrn)))
    .orderBy(desc(enquiries.receivedAt), desc(enquiries.id))
    .limit(500);
}

/** Enquiries awaiting a first contact, due before `date`, whose lead has not been told: escalation candidates. */
export async function listOverdueNotEscalated(db: Executor, allianceId: number, date: CalendarDate) {
  return listAwaitingFirstContact(db, allianceId, isNull(enquiries.escalatedAt), lt(enquiries.respondBy, date));
}

export async function markEscalated(db: Executor, enquiryIds: number[], at: Date): Promise<void> {
  if (enquiryIds.length === 0) return;
  await db.update(enquiries).set({ escalatedAt: at }).where(inArray(enquiries.id, enquiryIds));
}
