import crypto from 'node:crypto';

/**
 * A secret for a cookie or an emailed link: 256 random bits. Only its SHA-256 is stored, so the
 * database alone cannot be used to sign in or to take over an account. A fast hash is enough here:
 * unlike a password, the secret is too long to guess.
 */
export function newSecretToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** What a secret token looks like, so anything else is refused before it reaches the database. */
export function looksLikeSecretToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
