import type { Database } from '../../db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { verifyPassword } from './passwords.ts';
import type { SessionService } from '../../platform/identity/sessions.service.ts';
import type { UserDirectory } from '../../platform/identity/users.service.ts';
import {
  clearSignInThrottle,
  deleteStaleSignInThrottles,
  findSignInThrottle,
  recordSignInFailure,
} from './sign-in-throttles.repository.ts';

/** An account is locked after this many failed sign-ins within the window... */
export const ACCOUNT_MAX_FAILURES = 5;
export const FAILURE_WINDOW_MILLISECONDS = 15 * 60_000;
/** ...for this long. Long enough to stop guessing, short enough that waiting is a real choice. */
export const LOCK_MILLISECONDS = 15 * 60_000;

export type SignInOutcome =
  | { ok: true; userId: number; token: string }
  | { ok: false; reason: 'incorrect' }
  | { ok: false; reason: 'deactivated' }
  | { ok: false; reason: 'account-locked'; until: Date }
  | { ok: false; reason: 'network-locked'; until: Date };

export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const networkKey = (ip: string) => `ip:${ip}`;

export class SignInService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly directory: UserDirectory,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
    /** Failed sign-ins allowed from one network address per window: schools and offices share addresses. */
    private readonly networkMaxFailures: number,
  ) {}

  /**
   * Checks the email and password. Locks are checked first, so a locked account costs no password
   * hashing and gives nothing away; only failures are counted, so people who sign in are never slowed.
   */
  async signIn(
    email: string,
    password: string,
    ip: string,
    previousSessionId: number | undefined,
  ): Promise<SignInOutcome> {
    const now = this.clock.now();
    for (const [key, reason] of [
      [networkKey(ip), 'network-locked'],
      [emailKey(email), 'account-locked'],
    ] as const) {
      const throttle = await findSignInThrottle(this.db, key);
      if (throttle?.lockedUntil && throttle.lockedUntil > now)
        return { ok: false, reason, until: throttle.lockedUntil };
    }

    const user = await this.directory.findByEmail(email.trim());
    const correct = await verifyPassword(user?.passwordHash ?? null, password);
    if (!correct || !user) {
      const rule = (maxFailures: number) => ({
        now,
        windowStartedAfter: new Date(now.getTime() - FAILURE_WINDOW_MILLISECONDS),
        maxFailures,
        lockUntil: new Date(now.getTime() + LOCK_MILLISECONDS),
      });
      const account = await recordSignInFailure(this.db, emailKey(email), rule(ACCOUNT_MAX_FAILURES));
      await recordSignInFailure(this.db, networkKey(ip), rule(this.networkMaxFailures));
      if (account.lockedUntil && account.lockedUntil > now)
        return { ok: false, reason: 'account-locked', until: account.lockedUntil };
      return { ok: false, reason: 'incorrect' };
    }
    if (user.deactivatedAt !== null) return { ok: false, reason: 'deactivated' };

    await clearSignInThrottle(this.db, emailKey(email));
    await deleteStaleSignInThrottles(this.db, new Date(now.getTime() - FAILURE_WINDOW_MILLISECONDS), now);
    // A new session, never the one the request came with: a session id planted before sign-in is worthless after it.
    if (previousSessionId !== undefined) await this.sessions.end(previousSessionId);
    const token = await this.sessions.start(this.db, user.id, (await this.alliances.current()).id);
    return { ok: true, userId: user.id, token };
  }
}
