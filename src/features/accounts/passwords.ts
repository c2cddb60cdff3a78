import fs from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';

/**
 * Following the NCSC's password guidance: length over complexity, no composition rules (they make
 * passwords harder to remember, not to guess), and a deny-list of the passwords people use most.
 * The upper limit only stops a huge input being hashed.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const COMMON_PASSWORDS_FILE = path.resolve(import.meta.dirname, '../../../reference-data/common-passwords.txt');

let commonPasswords: Set<string> | undefined;

/** The deny-list (lower case, 12 characters or more), read once, on first use. */
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(
    fs
      .readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .filter((line) => line !== ''),
  );
  return commonPasswords.has(password.toLowerCase());
}

/**
 * The first thing wrong with a new password, as the message a person sees, or undefined when it is
 * acceptable. Length counts characters as people see them (an emoji is one), not UTF-16 units.
 */
export function passwordProblem(password: string, email: string): string | undefined {
  const length = [...password].length;
  if (length === 0) return 'Enter a password';
  if (length < PASSWORD_MIN_LENGTH) return `Password must be ${PASSWORD_MIN_LENGTH} characters or more`;
  if (length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  if (isCommonPassword(password))
    return 'That password is too common and easy to guess. Try 3 random words you will remember';
  // A local part of 1 or 2 characters ("jo@") would refuse too many good passwords to be worth it.
  const localPart = email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 3 && password.toLowerCase().includes(localPart)) {
    return 'Password must not contain your email address or the part before the @';
  }
  return undefined;
}

/** argon2id (the library's default) with its default cost: 19 MiB, 2 passes, 1 lane, as OWASP recommends. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** A hash of nothing anyone knows, so an unknown email takes as long to refuse as a wrong password. */
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null || password.length > PASSWORD_MAX_LENGTH * 4) {
    decoyHash ??= hash('not a password anyone has: it only takes time');
    await verify(await decoyHash, password.slice(0, PASSWORD_MAX_LENGTH)).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
