import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnPath } from '../../platform/access.ts';
import { formatLondonTime } from '../../platform/calendar/london-time.ts';
import { bodyOf } from '../../platform/http/requests.ts';
import type { SessionService } from '../../platform/identity/sessions.service.ts';
import { STAFF_HOME } from './accounts.handlers.ts';

/**
 * "Stay signed in" in the warning before the session ends: the page's script asks for JSON and stays on
 * the page, so nothing typed is lost; a plain form post comes back to the page it was sent from.
 */
export function sessionExtensionHandlers(services: { sessions: SessionService }) {
  return {
    async extendSession(request: FastifyRequest, reply: FastifyReply) {
      // The access check has let only a signed-in person this far.
      const endsAt = request.user ? await services.sessions.extend(request.user.sessionId) : undefined;
      const wantsJson = request.headers.accept?.includes('application/json') ?? false;
      reply.header('cache-control', 'no-store');
      if (!wantsJson) return reply.redirect(safeReturnPath(bodyOf(request).returnTo, STAFF_HOME), 303);
      if (!endsAt)
        return reply
          .code(401)
          .send({ errors: [{ field: 'session', message: 'Your session has ended. Sign in again' }] });
      return reply.send({ remainingSeconds: services.sessions.idleMinutes * 60, endsAt: formatLondonTime(endsAt) });
    },
  };
}
