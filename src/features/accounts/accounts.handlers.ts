import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnPath } from '../../platform/access.ts';
import { formatLondonTime } from '../../platform/calendar/london-time.ts';
import { setFlash } from '../../platform/flash.ts';
import type { FormProblem } from '../../platform/errors.ts';
import { field, toFormErrors, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import type { AccountTokenPurpose } from './accounts.model.ts';
import { parseEmailOnly, parseSignIn, passwordsFrom } from './accounts.schema.ts';
import { PASSWORD_MIN_LENGTH } from './passwords.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/identity/session-cookie.ts';
import { LOCK_MILLISECONDS, type SignInService } from './sign-in.service.ts';
import type { AccountLinkService } from './account-links.service.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import type { SessionService } from '../../platform/identity/sessions.service.ts';
import { formProblemStatus, bodyOf } from '../../platform/http/requests.ts';

export const STAFF_HOME = '/staff';

const single = (message: string, href: string): FormErrors => ({ summary: [{ text: message, href }], fields: {} });

const EXPIRED_FORM = 'This form had expired. Try again';
const TOO_MANY = 'Too many requests have come from your network. Wait a few minutes, then try again';

export type AccountRouteServices = {
  alliances: AllianceService;
  accountLinks: AccountLinkService;
  signIn: SignInService;
  sessions: SessionService;
};

export function accountHandlers(services: AccountRouteServices) {
  const lockMinutes = LOCK_MILLISECONDS / 60_000;

  function renderSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    page: { email: string; returnTo: string; errors?: FormErrors; locked?: boolean },
  ) {
    const query = request.query as { signedOut?: string; unsaved?: string };
    return reply.render('accounts/views/sign-in.njk', {
      ...page,
      timedOut: query.signedOut === 'inactive',
      unsaved: query.unsaved === 'true',
      idleMinutes: services.sessions.idleMinutes,
      lockMinutes,
    });
  }

  function renderSetPassword(
    reply: FastifyReply,
    purpose: AccountTokenPurpose,
    page: { token: string; name: string; errors?: FormErrors },
  ) {
    return reply.render('accounts/views/set-password.njk', { ...page, purpose, minimumLength: PASSWORD_MIN_LENGTH });
  }

  function renderLinkProblem(
    reply: FastifyReply,
    purpose: AccountTokenPurpose,
    reason: 'unknown' | 'used' | 'expired',
    status = 400,
  ) {
    return reply.code(status).render('accounts/views/link-problem.njk', { purpose, reason });
  }

  /** The set-password page for a link (invitation or reset), or the reason the link does not work. */
  const showSetPassword =
    (purpose: AccountTokenPurpose) =>
    async (request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) => {
      const check = await services.accountLinks.check(request.query.token, purpose);
      if (!check.ok) return renderLinkProblem(reply, purpose, check.reason);
      return renderSetPassword(reply, purpose, { token: request.query.token ?? '', name: check.user.name });
    };

  const submitSetPassword = (purpose: AccountTokenPurpose) => async (request: FastifyRequest, reply: FastifyReply) => {
    const body = bodyOf(request);
    const token = field(body, 'token');
    const { password, confirmPassword } = passwordsFrom(body);
    const outcome = await services.accountLinks.setPassword(token, purpose, password, confirmPassword);
    if ('link' in outcome) return renderLinkProblem(reply, purpose, outcome.link);
    if (!outcome.ok) {
      const check = await services.accountLinks.check(token, purpose);
      return renderSetPassword(reply.code(400), purpose, {
        token,
        name: check.ok ? check.user.name : '',
        errors: toFormErrors(outcome.problems),
      });
    }
    setSessionCookie(reply, outcome.token);
    setFlash(
      reply,
      purpose === 'invitation'
        ? 'Your password is set and you are signed in'
        : 'Your password has been changed and you are signed in',
    );
    return reply.redirect(STAFF_HOME, 303);
  };

  /** A refused set-password form (expired, or too many requests): the same page, the link kept, no password shown. */
  const setPasswordAgain =
    (purpose: AccountTokenPurpose) => async (request: FastifyRequest, reply: FastifyReply, problem: FormProblem) => {
      const token = field(bodyOf(request), 'token');
      const status = formProblemStatus(problem);
      const check = await services.accountLinks.check(token, purpose);
      if (!check.ok) return renderLinkProblem(reply, purpose, check.reason, status);
      return renderSetPassword(reply.code(status), purpose, {
        token,
        name: check.user.name,
        errors: single(problem === 'csrf' ? EXPIRED_FORM : TOO_MANY, '#password'),
      });
    };

  return {
    async showSignIn(request: FastifyRequest<{ Querystring: { returnTo?: string } }>, reply: FastifyReply) {
      // Signed in already, the form still shows: signing in again (perhaps as someone else) ends this session.
      return renderSignIn(request, reply, { email: '', returnTo: safeReturnPath(request.query.returnTo, STAFF_HOME) });
    },

    async submitSignIn(request: FastifyRequest, reply: FastifyReply) {
      const body = bodyOf(request);
      const email = field(body, 'email');
      const returnTo = safeReturnPath(body.returnTo, STAFF_HOME);
      const parsed = parseSignIn(body);
      if (!parsed.ok)
        return renderSignIn(request, reply.code(400), { email, returnTo, errors: toFormErrors(parsed.problems) });

      const outcome = await services.signIn.signIn(
        parsed.data.email,
        parsed.data.password,
        request.ip,
        request.user?.sessionId,
      );
      if (outcome.ok) {
        setSessionCookie(reply, outcome.token);
        return reply.redirect(returnTo, 303);
      }
      let problem: FieldProblem;
      if (outcome.reason === 'incorrect')
        problem = { field: 'email', message: 'Enter a correct email address and password' };
      else if (outcome.reason === 'deactivated')
        problem = {
          field: 'email',
          message: `Your account has been deactivated. Contact ${(await services.alliances.current()).name} if you need it again`,
        };
      else if (outcome.reason === 'account-locked') {
        problem = {
          field: 'email',
          message: `Your account is locked for ${lockMinutes} minutes because of too many attempts to sign in. Wait until ${formatLondonTime(outcome.until)} and try again, or reset your password`,
        };
      } else
        problem = {
          field: 'email',
          message: `There have been too many attempts to sign in from your network. Wait until ${formatLondonTime(outcome.until)} and try again`,
        };
      const status = outcome.reason === 'account-locked' || outcome.reason === 'network-locked' ? 429 : 400;
      return renderSignIn(request, reply.code(status), {
        email,
        returnTo,
        errors: toFormErrors([problem]),
        locked: outcome.reason === 'account-locked',
      });
    },

    async signInAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const body = bodyOf(request);
      return renderSignIn(request, reply.code(formProblemStatus(problem)), {
        email: field(body, 'email'),
        returnTo: safeReturnPath(body.returnTo, STAFF_HOME),
        errors: single(problem === 'csrf' ? EXPIRED_FORM : TOO_MANY, '#email'),
      });
    },

    async signOut(request: FastifyRequest, reply: FastifyReply) {
      if (request.user) await services.sessions.end(request.user.sessionId);
      clearSessionCookie(reply);
      return reply.redirect('/signed-out', 303);
    },

    /** A sign-out whose form had expired: when the session has ended anyway, the person is already out. */
    async signOutAgain(request: FastifyRequest, reply: FastifyReply) {
      if (!request.user) return reply.redirect('/signed-out', 303);
      return reply.code(403).render('accounts/views/sign-out.njk');
    },

    async showSignedOut(_request: FastifyRequest, reply: FastifyReply) {
      return reply.render('accounts/views/signed-out.njk');
    },

    async showForgotPassword(_request: FastifyRequest, reply: FastifyReply) {
      return reply.render('accounts/views/forgot-password.njk', { email: '' });
    },

    async submitForgotPassword(request: FastifyRequest, reply: FastifyReply) {
      const parsed = parseEmailOnly(bodyOf(request));
      if (!parsed.ok)
        return reply.code(400).render('accounts/views/forgot-password.njk', {
          email: field(bodyOf(request), 'email'),
          errors: toFormErrors(parsed.problems),
        });
      await services.accountLinks.requestPasswordReset(parsed.data.email);
      return reply.redirect('/forgot-password/sent', 303);
    },

    async forgotPasswordAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return reply.code(formProblemStatus(problem)).render('accounts/views/forgot-password.njk', {
        email: field(bodyOf(request), 'email'),
        errors: single(problem === 'csrf' ? EXPIRED_FORM : TOO_MANY, '#email'),
      });
    },

    async showForgotPasswordSent(_request: FastifyRequest, reply: FastifyReply) {
      return reply.render('accounts/views/forgot-password-sent.njk');
    },

    showResetPassword: showSetPassword('password-reset'),
    submitResetPassword: submitSetPassword('password-reset'),
    resetPasswordAgain: setPasswordAgain('password-reset'),
    showAcceptInvitation: showSetPassword('invitation'),
    submitAcceptInvitation: submitSetPassword('invitation'),
    acceptInvitationAgain: setPasswordAgain('invitation'),
  };
}
