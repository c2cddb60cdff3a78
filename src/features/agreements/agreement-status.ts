import type { AgreementStatus } from './agreements.model.ts';

/** What the alliance's staff can do with an agreement as a whole, beside editing and signing its version. */
export type AgreementMove = 'vary' | 'discard-variation' | 'withdraw';

/**
 * The moves each status allows, written once: the services that make them refuse the rest, and the
 * agreement page offers only these.
 *  - draft: never signed by every party, so it can be withdrawn (made by mistake, or not wanted);
 *  - signed: locked, so it changes only by a variation (which ends it early, too, by its end date);
 *  - varying: a variation is being agreed, and can be discarded before every party signs it;
 *  - withdrawn: nothing more.
 */
const MOVES: Record<AgreementStatus, readonly AgreementMove[]> = {
  draft: ['withdraw'],
  signed: ['vary'],
  varying: ['discard-variation'],
  withdrawn: [],
};

export function allowsMove(status: AgreementStatus, move: AgreementMove): boolean {
  return MOVES[status].includes(move);
}
