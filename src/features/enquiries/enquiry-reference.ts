import crypto from 'node:crypto';

/**
 * Crockford's base 32: no I, L, O or U, so a reference read over the telephone or copied by hand
 * cannot be mistaken (0/O, 1/I/L). Six characters give about a billion references.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new reference like `S2S-7K4Q-M2`. */
export function newEnquiryReference(): string {
  const bytes = crypto.randomBytes(6);
  const characters = [...bytes].map((byte) => ALPHABET[byte % 32]).join('');
  return `S2S-${characters.slice(0, 4)}-${characters.slice(4)}`;
}

/** A reference as someone typed it, made canonical: case, spaces and the look-alike letters forgiven. */
export function normaliseEnquiryReference(typed: string): string | undefined {
  const characters = typed
    .toUpperCase()
    .replace(/^S2S/, '')
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{6}$/.test(characters)) return undefined;
  return `S2S-${characters.slice(0, 4)}-${characters.slice(4)}`;
}
