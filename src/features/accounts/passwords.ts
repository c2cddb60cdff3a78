import fs from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';

/**
 * Following the NCSC's password guidance: length over complexity, no composition rules (they make
 * passwords harder to remember, not to guess), and a deny-list of the passwords people use most and
 * of the words anyone would guess first here (NIST SP 800-63B 5.1.1.2: "context-specific words, such
 * as the name of the service"). The upper limit only stops a huge input being hashed.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const COMMON_PASSWORDS_FILE = path.resolve(import.meta.dirname, '../../../reference-data/common-passwords.txt');

/**
 * The words of this service that a guesser tries first, with the alliance's name beside them. A
 * password made of nothing else (with digits, spaces and punctuation) is refused.
 */
const SERVICE_WORDS = [
  'school',
  'support',
  'alliance',
  'leader',
  'system',
  'specialist',
  'local',
  'national',
  'education',
  'teaching',
  'teacher',
  'together',
  'password',
  'sle',
  'lle',
  'nle',
];

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
 * One form for every way of typing the same password (NIST SP 800-63B 5.1.1.2 asks for NFKC or NFKD):
 * "é" typed as one character or as "e" and an accent, full-width letters from an East Asian keyboard,
 * a ligature pasted from a document. ASCII is unchanged, so hashes made before still verify.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Letters and digits only, in lower case: "South Liverpool" -> "southliverpool". */
const compact = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** True when the password is the alliance's name, or only the service's and the alliance's words. */
function isMadeOfServiceWords(password: string, allianceName: string): boolean {
  const name = compact(allianceName);
  if (name.length >= 3 && compact(password).includes(name)) return true;
  const allianceWords = allianceName.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const words = [...new Set([...SERVICE_WORDS, ...allianceWords])]
    .filter((word) => word.length >= 3)
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const leftOver = password
    .toLowerCase()
    .replace(new RegExp(`(${words.join('|')})s?`, 'gu'), '')
    .replace(/[^\p{L}]/gu, '');
  return leftOver.length === 0;
}

export type PasswordContext = { email: string; allianceName: string };

/**
 * The first thing wrong with a new password, as the message a person sees, or undefined when it is
 * acceptable. Length counts characters as people see them (an emoji is one), not UTF-16 units, after
 * normalising, as the password is hashed.
 */
export function passwordProblem(typed: string, context: PasswordContext): string | undefined {
  const password = normalisePassword(typed);
  const length = [...password].length;
  if (length === 0) return 'Enter a password';
  if (/^[\s\p{Cf}]*$/u.test(password)) return 'Password must not be only spaces: use words you will remember';
  if (length < PASSWORD_MIN_LENGTH) return `Password must be ${PASSWORD_MIN_LENGTH} characters or more`;
  if (length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  if (isCommonPassword(password))
    return 'That password is too common and easy to guess. Try 3 random words you will remember';
  // A local part of 1 or 2 characters ("jo@") would refuse too many good passwords to be worth it.
  const localPart = context.email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 3 && password.toLowerCase().includes(localPart)) {
    return 'Password must not contain your email address or the part before the @';
  }
  if (isMadeOfServiceWords(password, context.allianceName))
    return `Password must not be the alliance’s name or words like ‘school’ and ‘support’ that anyone would guess here. Try 3 random words you will remember`;
  return undefined;
}

/** argon2id (the library's default) with its default cost: 19 MiB, 2 passes, 1 lane, as OWASP recommends. */
export async function hashPassword(password: string): Promise<string> {
  return hash(normalisePassword(password));
}

/** A hash of nothing anyone knows, so an unknown email takes as long to refuse as a wrong password. */
let decoyHash: Promise<string> | undefined;

async function matches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Checks the password as normalised; a password typed in another form is tried as typed too, for
 * a hash made before passwords were normalised. The decoy does the same work, so the time taken
 * says nothing about whether the account exists.
 */
export async function verifyPassword(passwordHash: string | null, typed: string): Promise<boolean> {
  const normalised = normalisePassword(typed);
  const forms = normalised === typed ? [normalised] : [normalised, typed];
  if (passwordHash === null || typed.length > PASSWORD_MAX_LENGTH * 4) {
    decoyHash ??= hash('not a password anyone has: it only takes time');
    for (const form of forms) await matches(await decoyHash, form.slice(0, PASSWORD_MAX_LENGTH));
    return false;
  }
  for (const form of forms) if (await matches(passwordHash, form)) return true;
  return false;
}
