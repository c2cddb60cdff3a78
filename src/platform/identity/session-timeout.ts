import type { FastifyRequest } from 'fastify';
import { pageToReturnTo } from '../access.ts';
import { formatLondonTime } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import { SESSION_WARNING_MILLISECONDS } from './sessions.service.ts';

/** What the layout needs to warn a signed-in person before their session ends (WCAG 2.2.1, timing adjustable). */
export type SessionTimeoutView = {
  /** Seconds from this response until the session ends, if no other request comes: a duration, not an
   * instant, so a browser whose clock is wrong still warns on time. */
  remainingSeconds: number;
  warningSeconds: number;
  /** The London time it ends, for the note that shows without JavaScript. */
  endsAt: string;
  idleMinutes: number;
  /** Where the browser goes when the time is up: this page again, which sends a person signed out to sign in and back. */
  returnTo: string;
};

export function sessionTimeoutView(
  request: FastifyRequest,
  clock: Clock,
  idleMinutes: number,
): SessionTimeoutView | undefined {
  const endsAt = request.sessionIdleEndsAt;
  if (!request.user || !endsAt) return undefined;
  return {
    remainingSeconds: Math.max(0, Math.floor((endsAt.getTime() - clock.now().getTime()) / 1000)),
    warningSeconds: SESSION_WARNING_MILLISECONDS / 1000,
    endsAt: formatLondonTime(endsAt),
    idleMinutes,
    returnTo: pageToReturnTo(request) ?? '/staff',
  };
}
