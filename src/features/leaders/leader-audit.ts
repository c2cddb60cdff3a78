import type { Executor } from '../../db/database.ts';
import { formatDate } from '../../platform/calendar/calendar-date.ts';
import { changedFields, recordAudit, type AuditFields } from '../../platform/audit/audit.service.ts';
import { describeSchool } from '../schools/schools.service.ts';
import { DESIGNATION_ABBREVIATIONS, DESIGNATION_STATUS_LABELS, PHASE_LABELS } from './leaders.schema.ts';
import { loadLeader, type Leader } from './leaders.service.ts';
import { DESIGNATION_TYPES } from './leaders.model.ts';

/** What the trail calls each field of a leader, in the order the leader's page shows them. */
export const LEADER_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email address',
  jobTitle: 'Job title',
  homeSchool: 'Home school',
  profile: 'Profile',
  phases: 'Phases',
  specialisms: 'Specialisms',
  listed: 'Listed in the public directory',
  listedConsentOn: 'Consent to be listed given on',
  ...Object.fromEntries(
    DESIGNATION_TYPES.map((type) => [`designation-${type}`, `${DESIGNATION_ABBREVIATIONS[type]} designation`]),
  ),
};

export const LEADER_ACTIONS: Record<string, string> = {
  added: 'Added',
  'details-changed': 'Details changed',
  'designation-added': 'Designation added',
  'designation-changed': 'Designation changed',
  'profile-changed': 'Profile changed by the leader',
  'roster-added': 'Added from an uploaded roster',
  'roster-updated': 'Changed by an uploaded roster',
  designated: 'Designated by a panel',
  'listing-consented': 'Agreed to be listed in the public directory, by the emailed link',
  'listing-declined': 'Declined to be listed in the public directory, by the emailed link',
  'listing-consent-asked': 'Emailed a link asking whether they agree to be listed',
  'core-training-recorded': 'Core training recorded',
  'review-opened': 'Designation review opened',
  redesignated: 'Re-designated after a review',
  'de-designated': 'De-designated after a review',
  resigned: 'Resigned the designation',
  'appeal-lodged': 'Appealed against being de-designated',
  'appeal-panel-chosen': 'Appeal put to a panel',
  'appeal-upheld': 'Designation restored: appeal upheld',
  'appeal-dismissed': 'Appeal dismissed',
};

/**
 * A leader as the trail records them: what a person reads on the page (names, not ids; "Primary",
 * not `primary`), so an entry still makes sense after a school or specialism is renamed.
 */
export function leaderAuditFields(leader: Leader): AuditFields {
  const fields: AuditFields = {
    name: leader.name,
    email: leader.email,
    jobTitle: leader.jobTitle,
    homeSchool: describeSchool(leader.homeSchool),
    profile: leader.profile,
    phases: leader.phases.map((phase) => PHASE_LABELS[phase]),
    specialisms: leader.specialisms.map((specialism) => specialism.name),
    listed: leader.listed,
    listedConsentOn: leader.listedConsentOn ? formatDate(leader.listedConsentOn) : null,
  };
  for (const designation of leader.designations) {
    const review = designation.reviewDate ? `, review due ${formatDate(designation.reviewDate)}` : '';
    const training = designation.coreTrainingOn
      ? `, core training ${formatDate(designation.coreTrainingOn)} (${designation.coreTrainingProvider ?? 'provider not given'})`
      : '';
    fields[`designation-${designation.type}`] =
      `${DESIGNATION_STATUS_LABELS[designation.status]}, started ${formatDate(designation.startDate)}${review}${training}`;
  }
  return fields;
}

/**
 * Records what a change did to a leader, read back from the database after the change and in the
 * same transaction: the trail shows what was stored, whatever path the change took. `before` is
 * undefined for a leader just added. Nothing is recorded when nothing changed.
 */
export async function auditLeaderChange(
  tx: Executor,
  change: {
    allianceId: number;
    actorUserId: number | null;
    leaderId: number;
    action: string;
    before: Leader | undefined;
    at: Date;
  },
): Promise<void> {
  const leader = await loadLeader(tx, change.allianceId, change.leaderId);
  if (!leader) throw new Error(`Leader ${change.leaderId} vanished during its own change`);
  const after = leaderAuditFields(leader);
  const base = {
    allianceId: change.allianceId,
    actorUserId: change.actorUserId,
    entityType: 'leader',
    entityId: leader.id,
    action: change.action,
    at: change.at,
  };
  if (!change.before) {
    await recordAudit(tx, { ...base, after });
    return;
  }
  const before = leaderAuditFields(change.before);
  // A designation is never removed, so every key of `before` is in `after`; a new one shows as set.
  const changes = changedFields(before, after);
  if (!changes) return;
  const added = Object.keys(changes.after).filter((key) => !(key in before));
  for (const key of added) delete changes.before[key];
  await recordAudit(tx, { ...base, ...changes });
}
