import type { Executor } from '../../db/database.ts';
import { activeSpecialisms } from '../specialisms/specialisms.service.ts';
import type { AgreementParties } from './agreements.repository.ts';
import { findLeaderSpecialismIds } from './terms-from-enquiry.repository.ts';

/**
 * The focus specialism of an SLE deployment: one of the alliance's, and one the SLE holds. An SLE is
 * designated for their specialisms; deploying them outside those is what the designation rules out.
 */
export async function chooseFocus(
  tx: Executor,
  allianceId: number,
  leader: AgreementParties['leader'],
  focusSpecialismId: number,
): Promise<{ ok: true; specialism: { id: number; name: string } } | { ok: false; message: string }> {
  const specialisms = await activeSpecialisms(tx, allianceId);
  const focus = specialisms.find((specialism) => specialism.id === focusSpecialismId);
  if (!focus) return { ok: false, message: 'Select the focus specialism from the list' };
  const held = await findLeaderSpecialismIds(tx, leader.id);
  if (held.includes(focus.id)) return { ok: true, specialism: focus };
  const names = specialisms.filter((specialism) => held.includes(specialism.id)).map((specialism) => specialism.name);
  return {
    ok: false,
    message:
      names.length === 0
        ? `${leader.name} holds no specialism on the register, so cannot be deployed for ${focus.name}. Add it to their record first`
        : `${leader.name} does not hold ${focus.name} as a specialism. Choose one they hold: ${names.join(', ')}`,
  };
}
