import crypto from 'node:crypto';
import { hashPassword } from '../features/accounts/passwords.ts';
import type { Services } from '../services.ts';
import { EXAMPLE_USERS } from './examples.ts';
import type { SeedLog } from './reference-data.ts';

/** A password no one can know in advance: 18 random bytes, about 144 bits. */
function randomPassword(): string {
  return crypto.randomBytes(18).toString('base64url');
}

/**
 * Demo staff for a laptop or a review copy: one account per role. Each new account gets a random
 * password, printed once, here; the repository holds none. Accounts that exist are left alone.
 */
export async function seedDemoUsers(services: Services, log: SeedLog): Promise<void> {
  const created: string[] = [];
  const alliance = await services.alliances.current();
  for (const example of Object.values(EXAMPLE_USERS)) {
    const password = randomPassword();
    const passwordHash = await hashPassword(password);
    const user = await services.db.transaction((tx) => services.users.ensureUser(tx, alliance, { ...example, passwordHash }));
    if (user.created) created.push(`  ${example.roles.join(' + ').padEnd(28)} ${example.email.padEnd(48)} ${password}`);
  }
  if (created.length === 0) return;
  log(['Demo accounts (these passwords are shown only now; use "I have forgotten my password" later):', ...created].join('\n'));
}
