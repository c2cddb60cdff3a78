import { versionFingerprint } from '../../src/features/agreements/agreement-signing.service.ts';
import type { CurrentUser } from '../../src/platform/access.ts';
import { readyAgreement, type Person } from './agreements.ts';
import type { TestApp } from './test-app.ts';

/** Who signs for each party of an agreement: a school contact of each school, and the alliance's coordinator. */
export type Signatories = { supportedSchool: Person; homeSchool: Person; coordinator: Person };

/** Signs the agreement's current version for every party through the signing service, which locks it. */
export async function signEveryParty(t: TestApp, id: number, signatories: Signatories): Promise<void> {
  const version = (await t.app.services.agreements.find(signatories.coordinator.user, id))!.version;
  const fingerprint = versionFingerprint(version);
  for (const [who, party, capacity] of [
    [signatories.supportedSchool.user, 'supported-school', 'head'],
    [signatories.homeSchool.user, 'home-school', 'head'],
    [signatories.coordinator.user, 'alliance', 'alliance'],
  ] as const) {
    const signed = await t.app.services.agreementSigning.sign(who as CurrentUser, id, { party, capacity, headName: null, fingerprint });
    if (!signed.ok) throw new Error(`Signing for ${party}: ${JSON.stringify(signed)}`);
  }
}

/** A ready agreement (see readyAgreement), signed by every party: what reviews and feedback are about. */
export async function signedAgreement(t: TestApp, signatories: Signatories, options: Parameters<typeof readyAgreement>[2]): Promise<number> {
  const id = await readyAgreement(t, signatories.coordinator.user, options);
  await signEveryParty(t, id, signatories);
  return id;
}
