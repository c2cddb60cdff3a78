import crypto from 'node:crypto';
import type { DesignationType } from '../leaders/leaders.model.ts';

/**
 * Crockford's base 32, as enquiry references use it: no I, L, O or U, so a reference read over the
 * telephone or copied by hand cannot be mistaken. Six characters give about a billion references
 * for each type; a clash is looked for and another drawn (applications.service.ts).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new reference like `SLE-7K4Q-M2`, the designation's letters first. */
export function newApplicationReference(type: DesignationType): string {
  const characters = [...crypto.randomBytes(6)].map((byte) => ALPHABET[byte % 32]).join('');
  return `${type.toUpperCase()}-${characters.slice(0, 4)}-${characters.slice(4)}`;
}
