import type { Executor } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import { academicYear } from '../../platform/calendar/academic-year.ts';
import { formatHalfDays } from '../../platform/units.ts';
import { findConsent, saveConsent, type ConsentFields } from './release.repository.ts';

/**
 * The release an SLE's head and chair of governors agreed when they applied, recorded as the ledger's
 * first year when a panel designates them: in the caller's transaction, on the leader's trail as a
 * coordinator's entry would be (ReleaseService.recordConsent), so the ledger reads it the same way.
 * The caller checks the leader is an SLE: the ledger counts SLEs' days only.
 */
export async function recordFirstYearRelease(
  tx: Executor,
  entry: {
    allianceId: number;
    leaderId: number;
    startYear: number;
    consent: ConsentFields;
    actorUserId: number | null;
    at: Date;
  },
): Promise<void> {
  const before = await findConsent(tx, entry.allianceId, entry.leaderId, entry.startYear);
  await saveConsent(tx, {
    allianceId: entry.allianceId,
    leaderId: entry.leaderId,
    startYear: entry.startYear,
    ...entry.consent,
    recordedAt: entry.at,
    recordedByUserId: entry.actorUserId,
  });
  const shown = (consent: ConsentFields) => ({
    year: academicYear(entry.startYear).name,
    released: formatHalfDays(consent.releasedHalfDays),
    head: `${consent.headName}, ${consent.headConsentedOn}`,
    chair: `${consent.chairName}, ${consent.chairConsentedOn}`,
  });
  await recordAudit(tx, {
    allianceId: entry.allianceId,
    actorUserId: entry.actorUserId,
    entityType: 'leader',
    entityId: entry.leaderId,
    action: before ? 'release-changed' : 'release-recorded',
    before: before ? shown(before) : null,
    after: shown(entry.consent),
    at: entry.at,
  });
}
