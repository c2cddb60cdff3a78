import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../../db/database.ts';
import { formatLondonDateTime } from '../../platform/calendar/london-time.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldProblem } from '../../platform/forms.ts';
import type { Alliance, AllianceService } from '../../platform/alliance/alliance.service.ts';
import { recordAudit } from '../../platform/audit/audit.service.ts';
import type { Outbox } from '../../platform/outbox/outbox.service.ts';
import { PeriodicJob } from '../../platform/jobs/periodic-job.ts';
import { insertPasswordResetRequest, takePasswordResetRequests } from './password-reset-requests.repository.ts';
import { invitationEmail, passwordResetEmail } from './accounts.emails.ts';
import {
  countAccountTokensSince,
  findAccountToken,
  insertAccountToken,
  retireAccountTokens,
  useAccountToken,
} from './account-tokens.repository.ts';
import type { AccountTokenPurpose } from './accounts.model.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from '../../platform/identity/secret-tokens.ts';
import type { SessionService } from '../../platform/identity/sessions.service.ts';
import type { UserDirectory, UserRow } from '../../platform/identity/users.service.ts';
import { emailKey } from './sign-in.service.ts';
import { clearSignInThrottle } from './sign-in-throttles.repository.ts';

export const INVITATION_MILLISECONDS = 7 * 24 * 60 * 60_000;
export const PASSWORD_RESET_MILLISECONDS = 60 * 60_000;
/** Reset emails one account can be sent in an hour: enough for a lost email, too few to flood an inbox. */
const RESETS_PER_HOUR = 3;
/** Requests answered in one transaction: a burst is answered in a few short transactions, not one long one. */
const RESET_REQUESTS_PER_BATCH = 20;

const PATHS: Record<AccountTokenPurpose, string> = {
  invitation: '/accept-invitation',
  'password-reset': '/reset-password',
};
const LIFETIMES: Record<AccountTokenPurpose, number> = {
  invitation: INVITATION_MILLISECONDS,
  'password-reset': PASSWORD_RESET_MILLISECONDS,
};

export type LinkCheck =
  { ok: true; user: UserRow; tokenId: number } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

export type SetPasswordOutcome =
  | { ok: true; token: string }
  | { ok: false; problems: FieldProblem[] }
  | { ok: false; link: Exclude<LinkCheck, { ok: true }>['reason'] };

/** The emailed links that let a person set a password: an invitation, or a reset. */
export class AccountLinkService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly directory: UserDirectory,
    private readonly outbox: Outbox,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
    private readonly baseUrl: string,
    log: FastifyBaseLogger,
  ) {
    this.resetRequests = new PeriodicJob(log, {
      name: 'password-reset-requests',
      work: () => this.answerResetRequests(),
    });
  }

  private readonly resetRequests: PeriodicJob;

  /**
   * Makes a link, retiring older ones of the same purpose, and queues its email; returns the link.
   * The caller looks up the alliance before its transaction (no query may run beside one on PGlite).
   */
  async issue(
    tx: Executor,
    alliance: Alliance,
    user: Pick<UserRow, 'id' | 'email' | 'name'>,
    purpose: AccountTokenPurpose,
  ): Promise<string> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + LIFETIMES[purpose]);
    const { token, tokenHash } = newSecretToken();
    await retireAccountTokens(tx, user.id, purpose, now);
    await insertAccountToken(tx, {
      tokenHash,
      purpose,
      userId: user.id,
      allianceId: alliance.id,
      createdAt: now,
      expiresAt,
    });
    const link = `${this.baseUrl}${PATHS[purpose]}?token=${token}`;
    const compose = purpose === 'invitation' ? invitationEmail : passwordResetEmail;
    await this.outbox.queue(tx, compose(alliance, user, link, formatLondonDateTime(expiresAt)));
    return link;
  }

  /**
   * Queues a request for a reset link: one insert, whatever the address, so neither the answer nor
   * the time it takes says whether the address has an account (looking it up, making a link and
   * queuing an email took twice as long). The reset-request job answers it within seconds.
   */
  async requestPasswordReset(email: string): Promise<void> {
    await insertPasswordResetRequest(this.db, email, this.clock.now());
  }

  /**
   * Answers queued requests, a batch at a time, until none is left: a link for each address with an
   * active account that has had fewer than RESETS_PER_HOUR in the hour, nothing for the others. Tests
   * call it to run the job at once; returns how many requests were answered.
   */
  drainResetRequests(): Promise<number> {
    return this.resetRequests.drain();
  }

  /** Answers queued requests every `intervalMilliseconds`; any instance may, each request once. */
  start(intervalMilliseconds: number): void {
    this.resetRequests.start(intervalMilliseconds);
  }

  stop(): Promise<void> {
    return this.resetRequests.stop();
  }

  private async answerResetRequests(): Promise<number> {
    const alliance = await this.alliances.current();
    const hourAgo = new Date(this.clock.now().getTime() - 60 * 60_000);
    const answered = await this.db.transaction(async (tx) => {
      const requests = await takePasswordResetRequests(tx, RESET_REQUESTS_PER_BATCH);
      for (const { email } of requests) {
        const user = await this.directory.findByEmail(email, tx);
        if (!user || user.deactivatedAt !== null) continue;
        if ((await countAccountTokensSince(tx, user.id, 'password-reset', hourAgo)) >= RESETS_PER_HOUR) continue;
        await this.issue(tx, alliance, user, 'password-reset');
      }
      return requests.length;
    });
    if (answered > 0) this.outbox.nudge();
    return answered;
  }

  async check(token: unknown, purpose: AccountTokenPurpose): Promise<LinkCheck> {
    if (!looksLikeSecretToken(token)) return { ok: false, reason: 'unknown' };
    const row = await findAccountToken(this.db, hashSecretToken(token), purpose);
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.usedAt !== null) return { ok: false, reason: 'used' };
    if (row.expiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    const user = await this.directory.findById(row.userId);
    if (!user || user.deactivatedAt !== null) return { ok: false, reason: 'unknown' };
    return { ok: true, user, tokenId: row.id };
  }

  /**
   * Sets the password through a link, once: the link is spent, every other session of the person
   * ends (whoever knew the old password is signed out), the account is unlocked, and a new session
   * starts. Returns that session's token.
   */
  async setPassword(
    token: unknown,
    purpose: AccountTokenPurpose,
    password: string,
    confirmation: string,
  ): Promise<SetPasswordOutcome> {
    const link = await this.check(token, purpose);
    if (!link.ok) return { ok: false, link: link.reason };
    const alliance = await this.alliances.current();
    const problems: FieldProblem[] = [];
    const problem = passwordProblem(password, { email: link.user.email, allianceName: alliance.name });
    if (problem) problems.push({ field: 'password', message: problem });
    else if (password !== confirmation)
      problems.push({ field: 'confirmPassword', message: 'Enter the same password in both boxes' });
    if (problems.length > 0) return { ok: false, problems };

    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (tx) => {
      if (!(await useAccountToken(tx, link.tokenId, now))) return undefined;
      await this.directory.update(tx, link.user.id, { passwordHash, updatedAt: now });
      await this.sessions.endAllFor(tx, link.user.id);
      await clearSignInThrottle(tx, emailKey(link.user.email));
      await recordAudit(tx, {
        allianceId: alliance.id,
        actorUserId: link.user.id,
        entityType: 'user',
        entityId: link.user.id,
        action: purpose === 'invitation' ? 'invitation-accepted' : 'password-reset',
        at: now,
      });
      return this.sessions.start(tx, link.user.id, alliance.id);
    });
    return outcome === undefined ? { ok: false, link: 'used' } : { ok: true, token: outcome };
  }
}
