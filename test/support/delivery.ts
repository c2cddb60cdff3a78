import { versionFingerprint } from '../../src/features/agreements/agreement-signing.service.ts';
import type { CurrentUser } from '../../src/platform/access.ts';
import { person, readyAgreement } from './agreements.ts';
import type { TestApp } from './test-app.ts';

/**
 * A signed agreement, made as people make one: readyAgreement(), then signed through the signing
 * service by a school contact of each school and by the coordinator for the alliance. `prepare` runs
 * before signing (to add staff pairings to a placement, say).
 */
export async function signedAgreement(
  t: TestApp,
  coordinator: CurrentUser,
  options: Parameters<typeof readyAgreement>[2] & { prepare?: (id: number) => Promise<void> },
): Promise<number> {
  const id = await readyAgreement(t, coordinator, options);
  if (options.prepare) await options.prepare(id);
  const agreement = await t.app.services.agreements.find(coordinator, id);
  if (!agreement) throw new Error(`Agreement ${id} not found`);
  const fingerprint = versionFingerprint(agreement.version);
  const supported = await person(t, { roles: ['school-contact'], schoolUrn: agreement.supportedSchool.urn });
  const home = await person(t, { roles: ['school-contact'], schoolUrn: agreement.homeSchool.urn });
  const signings: Array<[CurrentUser, 'supported-school' | 'home-school' | 'alliance']> = [
    [supported.user, 'supported-school'],
    [home.user, 'home-school'],
    [coordinator, 'alliance'],
  ];
  for (const [who, party] of signings) {
    const outcome = await t.app.services.agreementSigning.sign(who, id, { party, fingerprint, capacity: party === 'alliance' ? 'alliance' : 'head', headName: null });
    if (!outcome.ok) throw new Error(`Signing for ${party}: ${outcome.problems.map((problem) => problem.message).join('; ')}`);
  }
  return id;
}
