import type { AuditFields } from '../../platform/audit/audit.service.ts';
import { NOTE_SHARING_LABELS } from '../agreements/note-sharing.ts';
import { ACTIVITY_LABELS, attendeeLabel, describeTime, formatStartTime, LENGTH_LABELS } from './visits.labels.ts';
import type { LogInput, PlannedVisitInput } from './visits.schema.ts';
import type { VersionContent } from '../agreements/agreement-versions.service.ts';

/** The parts of a signed version the trail names: who delivered, and which objective moved. */
type Signed = Pick<VersionContent, 'pairings' | 'objectives'>;

function who(signed: Signed, pairingId: number | null): string {
  return attendeeLabel(signed.pairings, pairingId, 'The leader');
}

/** A planned visit as its audit trail records it, in the words the pages use. */
export function visitAuditFields(signed: Signed, visit: PlannedVisitInput & { id: number }): AuditFields {
  return {
    visit: `#${visit.id}`,
    date: visit.date,
    startTime: visit.startMinutes === null ? null : formatStartTime(visit.startMinutes),
    length: LENGTH_LABELS[visit.length],
    place: visit.place,
    attendee: who(signed, visit.pairingId),
  };
}

/** A delivery log as its audit trail records it. */
export function logAuditFields(
  signed: Signed,
  id: number,
  log: Omit<LogInput, 'countedHalfDays'> & { countedHalfDays: number },
): AuditFields {
  return {
    log: `#${id}`,
    date: log.date,
    attendee: who(signed, log.pairingId),
    time: describeTime(log),
    activities: log.activities.map((activity) => ACTIVITY_LABELS[activity]),
    notes: log.notes,
    sharedWith: NOTE_SHARING_LABELS[log.sharedWith],
    progress: log.progress.map(
      (item) =>
        `${signed.objectives.find((objective) => objective.id === item.objectiveId)?.objective ?? 'An objective'}: ${item.progress}`,
    ),
  };
}
