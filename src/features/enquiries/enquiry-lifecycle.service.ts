import type { Executor } from '../../db/database.ts';
import { formatLongDate } from '../../platform/calendar/calendar-date.ts';
import { formatLondonDateTime, endOfLondonDay } from '../../platform/calendar/london-time.ts';
import { describeUser } from '../../platform/identity/users.service.ts';
import { changedFields, recordAudit, type AuditFields } from '../../platform/audit/audit.service.ts';
import {
  insertEnquiryEvent,
  insertEnquiryNote,
  lockEnquiry,
  updateEnquiry,
  type EnquiryRow,
} from './enquiries.repository.ts';
import { PRIORITY_REASONS, type FirstContactMethod, type PriorityReason } from './enquiries.model.ts';
import { checkMove, STATUS_LABELS, type EnquiryStatus, type MoveTrigger } from './enquiry-status.ts';

/**
 * Every change to an enquiry after it arrives, each in the caller's transaction: the enquiry row is
 * locked, the rule checked against what is stored, the change written, and the audit trail (and, for
 * a status, the status history) written with it. Other capabilities call `moveEnquiry` from their own
 * transactions, so a proposal and the enquiry's move to `proposed` are kept together or not at all.
 */

/** Who made a change: a signed-in person, or null for the service itself. */
export type Actor = { id: number } | null;

/** A refused change says why; `about: 'reason'` when the fault is in the reason given, not the move. */
export type ChangeOutcome = { ok: true } | { ok: false; message: string; about?: 'reason' };

export const FIRST_CONTACT_METHOD_LABELS: Record<FirstContactMethod, string> = {
  telephone: 'Telephone',
  email: 'Email',
  meeting: 'Meeting',
  other: 'Other',
};

export const PRIORITY_REASON_LABELS: Record<PriorityReason, string> = {
  'below-expected-standards': 'Results below the expected standards',
  vulnerable: 'A vulnerable school',
  'new-headteacher': 'A headteacher in their first headship',
};

/** What the audit trail calls each field of an enquiry, in the order the enquiry page shows them. */
export const ENQUIRY_AUDIT_LABELS: Record<string, string> = {
  status: 'Status',
  reason: 'Reason',
  respondBy: 'Respond by',
  coordinator: 'Coordinator',
  priorityReasons: 'Priority',
  firstContactAt: 'First contact',
  firstContactMethod: 'How',
  firstContactBy: 'By',
  firstContactNotes: 'Notes on the first contact',
  firstContactLateReason: 'Why it was recorded late',
  respondedOnTime: 'Response target met',
  note: 'Note',
};

export const ENQUIRY_AUDIT_ACTIONS: Record<string, string> = {
  received: 'Enquiry received',
  'status-changed': 'Status changed',
  reopened: 'Reopened',
  'first-contact-recorded': 'First contact recorded',
  'respond-by-moved': 'Reply-by date moved for a change to the closure dates',
  'first-contact-corrected': 'First contact corrected',
  'coordinator-changed': 'Coordinator changed',
  'priority-changed': 'Priority changed',
  'note-added': 'Note added',
  'leader-proposed': 'Leader proposed',
  'proposal-accepted': 'Proposal accepted',
  'proposal-declined': 'Proposal declined',
  'proposal-withdrawn': 'Proposal withdrawn',
};

const refused = (message: string): ChangeOutcome => ({ ok: false, message });
const NOT_FOUND = refused('There is no such enquiry');

/** Moves an enquiry to another status, if the rules in enquiry-status.ts allow it. */
export async function moveEnquiry(
  tx: Executor,
  move: { enquiryId: number; to: EnquiryStatus; actor: Actor; at: Date; note?: string | null },
): Promise<ChangeOutcome> {
  const enquiry = await lockEnquiry(tx, move.enquiryId);
  if (!enquiry) return NOT_FOUND;
  return applyMove(tx, enquiry, { ...move, trigger: 'move' });
}

async function applyMove(
  tx: Executor,
  enquiry: EnquiryRow,
  move: { to: EnquiryStatus; actor: Actor; at: Date; note?: string | null; trigger: MoveTrigger },
): Promise<ChangeOutcome> {
  const note = move.note?.trim() || null;
  const check = checkMove(enquiry.status, move.to, { trigger: move.trigger, reason: note });
  if (!check.ok) return check;
  await updateEnquiry(tx, enquiry.id, { status: move.to, statusChangedAt: move.at });
  await insertEnquiryEvent(tx, {
    enquiryId: enquiry.id,
    at: move.at,
    actorUserId: move.actor?.id ?? null,
    fromStatus: enquiry.status,
    toStatus: move.to,
    note,
  });
  await recordAudit(tx, {
    allianceId: enquiry.allianceId,
    actorUserId: move.actor?.id ?? null,
    entityType: 'enquiry',
    entityId: enquiry.id,
    action: check.reopening ? 'reopened' : 'status-changed',
    before: { status: STATUS_LABELS[enquiry.status] },
    after: { status: STATUS_LABELS[move.to], ...(note ? { reason: note } : {}) },
    at: move.at,
  });
  return { ok: true };
}

/** The enquiry's first status, written as it arrives (in the submission's transaction). */
export async function recordArrival(
  tx: Executor,
  enquiry: { id: number; allianceId: number; receivedAt: Date; respondBy: string },
): Promise<void> {
  await insertEnquiryEvent(tx, {
    enquiryId: enquiry.id,
    at: enquiry.receivedAt,
    actorUserId: null,
    fromStatus: null,
    toStatus: 'new',
  });
  await recordAudit(tx, {
    allianceId: enquiry.allianceId,
    actorUserId: null,
    entityType: 'enquiry',
    entityId: enquiry.id,
    action: 'received',
    after: { status: STATUS_LABELS.new, respondBy: formatLongDate(enquiry.respondBy) },
    at: enquiry.receivedAt,
  });
}

/** `lateReason`: why it is recorded over an hour after it happened (see FIRST_CONTACT_GRACE_MS). */
export type FirstContact = {
  at: Date;
  method: FirstContactMethod;
  byUserId: number;
  notes: string | null;
  lateReason?: string | null;
};

/**
 * Records the first contact with the school, which stops the response clock: met when it was by the
 * end of the respond-by day, London time. A new enquiry becomes contacted; one that was closed or
 * reopened before anyone reached the school keeps its status.
 */
export async function recordFirstContact(
  tx: Executor,
  change: { enquiryId: number; actor: Actor; at: Date; contact: FirstContact },
): Promise<ChangeOutcome> {
  const enquiry = await lockEnquiry(tx, change.enquiryId);
  if (!enquiry) return NOT_FOUND;
  if (enquiry.firstContactAt)
    return refused(`The first contact was already recorded, on ${formatLondonDateTime(enquiry.firstContactAt)}`);
  const respondedOnTime = await saveFirstContact(tx, enquiry, change.contact, change.at);
  await recordAudit(tx, {
    allianceId: enquiry.allianceId,
    actorUserId: change.actor?.id ?? null,
    entityType: 'enquiry',
    entityId: enquiry.id,
    action: 'first-contact-recorded',
    after: { ...(await describeFirstContact(tx, change.contact)), respondedOnTime },
    at: change.at,
  });
  if (enquiry.status !== 'new') return { ok: true };
  return applyMove(tx, enquiry, { to: 'contacted', actor: change.actor, at: change.at, trigger: 'first-contact' });
}

/**
 * Corrects a first contact recorded wrongly (the wrong day, say), with the reason: whether the
 * response target was met is worked out again from the corrected time. The status stays as it is.
 */
export async function correctFirstContact(
  tx: Executor,
  change: { enquiryId: number; actor: Actor; at: Date; contact: FirstContact; reason: string },
): Promise<ChangeOutcome> {
  const enquiry = await lockEnquiry(tx, change.enquiryId);
  if (!enquiry) return NOT_FOUND;
  if (!enquiry.firstContactAt || !enquiry.firstContactMethod || enquiry.firstContactByUserId === null)
    return refused('No first contact has been recorded yet, so there is nothing to correct');
  const before = {
    at: enquiry.firstContactAt,
    method: enquiry.firstContactMethod,
    byUserId: enquiry.firstContactByUserId,
    notes: enquiry.firstContactNotes,
  };
  const respondedOnTime = await saveFirstContact(tx, enquiry, change.contact);
  const was = { ...(await describeFirstContact(tx, before)), respondedOnTime: enquiry.respondedOnTime };
  const now = { ...(await describeFirstContact(tx, change.contact)), respondedOnTime };
  const changed = (Object.keys(now) as Array<keyof typeof now>).filter(
    (key) => JSON.stringify(was[key] ?? null) !== JSON.stringify(now[key] ?? null),
  );
  await recordAudit(tx, {
    allianceId: enquiry.allianceId,
    actorUserId: change.actor?.id ?? null,
    entityType: 'enquiry',
    entityId: enquiry.id,
    action: 'first-contact-corrected',
    before: Object.fromEntries(changed.map((key) => [key, was[key] ?? null])),
    after: { ...Object.fromEntries(changed.map((key) => [key, now[key] ?? null])), reason: change.reason },
    at: change.at,
  });
  return { ok: true };
}

/** Writes the first contact; returns whether it met the response target (by the end of the respond-by day, London time). */
async function saveFirstContact(
  tx: Executor,
  enquiry: { id: number; respondBy: string },
  contact: FirstContact,
  recordedAt?: Date,
): Promise<boolean> {
  const respondedOnTime = contact.at.getTime() < endOfLondonDay(enquiry.respondBy).getTime();
  await updateEnquiry(tx, enquiry.id, {
    firstContactAt: contact.at,
    firstContactMethod: contact.method,
    firstContactByUserId: contact.byUserId,
    firstContactNotes: contact.notes,
    respondedOnTime,
    // A correction keeps when, and why, the contact was first recorded.
    ...(recordedAt ? { firstContactRecordedAt: recordedAt, firstContactLateReason: contact.lateReason ?? null } : {}),
  });
  return respondedOnTime;
}

async function describeFirstContact(tx: Executor, contact: FirstContact) {
  return {
    firstContactAt: formatLondonDateTime(contact.at),
    firstContactMethod: FIRST_CONTACT_METHOD_LABELS[contact.method],
    firstContactBy: await describeUser(tx, contact.byUserId),
    ...(contact.notes ? { firstContactNotes: contact.notes } : {}),
    ...(contact.lateReason ? { firstContactLateReason: contact.lateReason } : {}),
  };
}

/** Gives the enquiry to a coordinator, another one, or (null) no one. */
export async function assignCoordinator(
  tx: Executor,
  change: { enquiryId: number; actor: Actor; at: Date; coordinatorUserId: number | null },
): Promise<ChangeOutcome> {
  const enquiry = await lockEnquiry(tx, change.enquiryId);
  if (!enquiry) return NOT_FOUND;
  if (enquiry.coordinatorUserId === change.coordinatorUserId) return { ok: true };
  await updateEnquiry(tx, enquiry.id, { coordinatorUserId: change.coordinatorUserId });
  await recordAudit(tx, {
    allianceId: enquiry.allianceId,
    actorUserId: change.actor?.id ?? null,
    entityType: 'enquiry',
    entityId: enquiry.id,
    action: 'coordinator-changed',
    before: { coordinator: await describeUser(tx, enquiry.coordinatorUserId) },
    after: { coordinator: await describeUser(tx, change.coordinatorUserId) },
    at: change.at,
  });
  return { ok: true };
}

/** Sets why the school is a priority (none: not a priority). */
export async function setPriorityReasons(
  tx: Executor,
  change: { enquiryId: number; actor: Actor; at: Date; reasons: PriorityReason[] },
): Promise<ChangeOutcome> {
  const enquiry = await lockEnquiry(tx, change.enquiryId);
  if (!enquiry) return NOT_FOUND;
  // Stored in the list's own order, so the same choice is always the same value.
  const reasons = PRIORITY_REASONS.filter((reason) => change.reasons.includes(reason));
  const labels = (list: PriorityReason[]): AuditFields => ({
    priorityReasons: list.map((reason) => PRIORITY_REASON_LABELS[reason]),
  });
  const changed = changedFields(labels(enquiry.priorityReasons), labels(reasons));
  if (!changed) return { ok: true };
  await updateEnquiry(tx, enquiry.id, { priorityReasons: reasons });
  await recordAudit(tx, {
    allianceId: enquiry.allianceId,
    actorUserId: change.actor?.id ?? null,
    entityType: 'enquiry',
    entityId: enquiry.id,
    action: 'priority-changed',
    ...changed,
    at: change.at,
  });
  return { ok: true };
}

/** Adds an internal note: for the alliance's staff only, never the school. */
export async function addNote(
  tx: Executor,
  change: { enquiryId: number; author: { id: number }; at: Date; body: string },
): Promise<ChangeOutcome> {
  const enquiry = await lockEnquiry(tx, change.enquiryId);
  if (!enquiry) return NOT_FOUND;
  await insertEnquiryNote(tx, {
    enquiryId: enquiry.id,
    authorUserId: change.author.id,
    at: change.at,
    body: change.body,
  });
  await recordAudit(tx, {
    allianceId: enquiry.allianceId,
    actorUserId: change.author.id,
    entityType: 'enquiry',
    entityId: enquiry.id,
    action: 'note-added',
    after: { note: change.body },
    at: change.at,
  });
  return { ok: true };
}
