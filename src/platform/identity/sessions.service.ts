import type { Database, Executor } from '../../db/database.ts';
import type { CurrentUser } from '../access.ts';
import type { Clock } from '../clock.ts';
import type { AllianceService } from '../alliance/alliance.service.ts';
import { hashSecretToken, looksLikeSecretToken, newSecretToken } from './secret-tokens.ts';
import { listRoles } from './users.repository.ts';
import {
  deleteEndedSessions,
  deleteSession,
  deleteSessionsOfUser,
  findSessionWithUser,
  insertSession,
  touchLiveSession,
  touchSession,
} from './sessions.repository.ts';

/**
 * Signed out after this long without a request (NCSC: short idle time-outs for admin services): the
 * longest an installation may set (SESSION_IDLE_MINUTES), and how long the privacy retention keeps an idle session.
 */
export const SESSION_IDLE_MILLISECONDS = 60 * 60_000;
/** The warning that the session is about to end comes this long before (GOV.UK's timeout warning pattern). */
export const SESSION_WARNING_MILLISECONDS = 5 * 60_000;
/** Signed out this long after signing in, however active: a working day. */
export const SESSION_ABSOLUTE_MILLISECONDS = 12 * 60 * 60_000;
/** Recording every request would write on every page view; once a minute is precise enough for a 60-minute limit. */
const TOUCH_EVERY_MILLISECONDS = 60_000;

/** Who is asking; for a live session, when it will end if no other request comes (`idleEndsAt`). */
export type Identity = { user: CurrentUser | undefined; sessionEnded: boolean; idleEndsAt?: Date };

/**
 * What the capabilities know of a signed-in person beyond their account: the school a school contact
 * works for, and a system leader's record. Supplied by the accounts capability when the app is built.
 */
export type Affiliations = (
  db: Executor,
  userId: number,
) => Promise<{ schoolUrn: number | null; leaderId: number | null }>;

export class SessionService {
  constructor(
    private readonly db: Database,
    private readonly alliances: AllianceService,
    private readonly clock: Clock,
    private readonly affiliations: Affiliations,
    private readonly idleMilliseconds = SESSION_IDLE_MILLISECONDS,
  ) {}

  /** How long a session lasts without a request, in minutes: what the pages tell people. */
  get idleMinutes(): number {
    return this.idleMilliseconds / 60_000;
  }

  /**
   * Starts a session for the user in the alliance; the returned token goes in the cookie and nowhere
   * else. Takes the alliance rather than looking it up: inside a transaction, a query outside it
   * would wait for it to finish (PGlite has one connection).
   */
  async start(db: Executor, userId: number, allianceId: number): Promise<string> {
    const now = this.clock.now();
    const { token, tokenHash } = newSecretToken();
    // Sessions abandoned without signing out would otherwise stay for ever; each sign-in clears them.
    await deleteEndedSessions(db, now, new Date(now.getTime() - this.idleMilliseconds));
    await insertSession(db, {
      tokenHash,
      userId,
      allianceId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MILLISECONDS),
    });
    return token;
  }

  /** Who the cookie's token belongs to, if its session is still live; an ended session is deleted. */
  async identify(token: string | undefined): Promise<Identity> {
    if (!looksLikeSecretToken(token)) return { user: undefined, sessionEnded: false };
    const found = await findSessionWithUser(this.db, hashSecretToken(token));
    if (!found) return { user: undefined, sessionEnded: false };
    const { session, user } = found;
    const now = this.clock.now();
    const alliance = await this.alliances.current();
    const idle = now.getTime() - session.lastSeenAt.getTime() >= this.idleMilliseconds;
    const expired = now >= session.expiresAt;
    if (idle || expired || user.deactivatedAt !== null || session.allianceId !== alliance.id) {
      await deleteSession(this.db, session.id);
      return { user: undefined, sessionEnded: idle || expired };
    }
    let lastSeenAt = session.lastSeenAt;
    if (now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MILLISECONDS) {
      await touchSession(this.db, session.id, now);
      lastSeenAt = now;
    }
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        jobTitle: user.jobTitle,
        roles: await listRoles(this.db, user.id, alliance.id),
        ...(await this.affiliations(this.db, user.id)),
        sessionId: session.id,
      },
      sessionEnded: false,
      idleEndsAt: new Date(lastSeenAt.getTime() + this.idleMilliseconds),
    };
  }

  /**
   * "Stay signed in": the session's idle time starts again now, whenever it was last recorded. Returns
   * when it will end, or undefined if it has ended already.
   */
  async extend(sessionId: number): Promise<Date | undefined> {
    const now = this.clock.now();
    const extended = await touchLiveSession(this.db, sessionId, now, new Date(now.getTime() - this.idleMilliseconds));
    return extended ? new Date(now.getTime() + this.idleMilliseconds) : undefined;
  }

  async end(sessionId: number): Promise<void> {
    await deleteSession(this.db, sessionId);
  }

  async endAllFor(db: Executor, userId: number, exceptSessionId?: number): Promise<void> {
    await deleteSessionsOfUser(db, userId, exceptSessionId);
  }
}
