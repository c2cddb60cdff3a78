import type { AuditFields } from '../../platform/audit/audit.service.ts';
import type * as content from './agreement-content.repository.ts';

/** How an agreement's objectives, pairings and terms read in its audit trail. */

export function describeObjective(objective: content.ObjectiveFields): AuditFields {
  return { objective: objective.objective, baseline: objective.baseline, successMeasure: objective.successMeasure };
}

export function describePairing(pairing: content.PairingFields): AuditFields {
  const person = (role: string, name: string | null) => (name ? `${name} (${role})` : role);
  return {
    pairing: `${person(pairing.leaderSchoolRole, pairing.leaderSchoolName)} with ${person(pairing.supportedSchoolRole, pairing.supportedSchoolName)}`,
    pairingHalfDays: pairing.halfDays,
  };
}

/** The terms' fields that changed, for the audit trail (all of them the first time). */
export function termChanges(
  before: object | undefined,
  after: object,
): { before: AuditFields | null; after: AuditFields } {
  const comparable = (terms: object | undefined): AuditFields =>
    Object.fromEntries(
      Object.entries(terms ?? {})
        .filter(([key]) => key !== 'versionId' && key !== 'focusSpecialismName' && key !== 'kind')
        .map(([key, value]) => [key, value === undefined ? null : (value as AuditFields[string])]),
    );
  const was = comparable(before);
  const now = comparable(after);
  const changed = Object.keys(now).filter(
    (key) => JSON.stringify(was[key] ?? null) !== JSON.stringify(now[key] ?? null),
  );
  return {
    before: before ? Object.fromEntries(changed.map((key) => [key, was[key] ?? null])) : null,
    after: Object.fromEntries(changed.map((key) => [key, now[key] ?? null])),
  };
}
