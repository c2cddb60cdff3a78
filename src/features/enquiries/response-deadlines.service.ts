import type { Executor } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { CalendarDate } from '../../platform/calendar/calendar-date.ts';
import type { ResponseRule, WorkingCalendar } from '../../platform/calendar/working-days.ts';
import { listAwaitingFirstContact, setRespondBy } from './enquiries.repository.ts';

/**
 * Works the reply-by date out again, in the caller's transaction, for every enquiry still waiting for
 * its first contact whose date is on or after `from`: a closure added (or removed) there moves them,
 * since the alliance cannot answer on a day it is closed. Those already answered keep the date they
 * were held to. Each move is on the enquiry's trail; answers how many moved.
 */
export async function moveOpenResponseDeadlines(
  tx: Executor,
  change: {
    allianceId: number;
    calendar: WorkingCalendar;
    rule: ResponseRule;
    from: CalendarDate;
    actorUserId: number;
    at: Date;
  },
): Promise<number> {
  let moved = 0;
  for (const enquiry of await listAwaitingFirstContact(tx, change.allianceId, change.from)) {
    const respondBy = change.calendar.respondBy(enquiry.receivedAt, change.rule).date;
    if (respondBy === enquiry.respondBy) continue;
    await setRespondBy(tx, enquiry.id, respondBy);
    await recordAudit(tx, {
      allianceId: change.allianceId,
      actorUserId: change.actorUserId,
      entityType: 'enquiry',
      entityId: enquiry.id,
      action: 'respond-by-moved',
      before: { respondBy: enquiry.respondBy },
      after: { respondBy },
      at: change.at,
    });
    moved++;
  }
  return moved;
}
