import type { FastifyInstance } from 'fastify';
import { ROLES } from '../../platform/access.ts';
import { accountHandlers, type AccountRouteServices } from './accounts.handlers.ts';
import { sessionExtensionHandlers } from './session-extension.handlers.ts';

/** Small bodies: an email address and a password or two. */
const BODY_LIMIT_BYTES = 16 * 1024;
/**
 * A flood guard in front of the email sending and the password hashing, counted in the database for
 * every instance. Not on signing in: colleagues behind one school network sign in from one address,
 * so there only failures count, per account and per address (sign-in.service.ts), and a locked
 * address is refused before any password is hashed.
 */
const rateLimit = { max: 60, timeWindow: '15 minutes', hook: 'preHandler' as const };

/** Signing in and out, and setting a password from an emailed link: pages anyone can reach. */
export function registerAccountRoutes(app: FastifyInstance, services: AccountRouteServices): void {
  const handlers = accountHandlers(services);
  const form = { bodyLimit: BODY_LIMIT_BYTES };

  // A return address is made safe where it is used (safeReturnPath): a bad one falls back to the
  // staff home, rather than refusing the sign-in.
  const ownsTextChecks = ['returnTo'];
  app.get('/sign-in', { config: { access: 'public', ownsTextChecks } }, handlers.showSignIn);
  app.post(
    '/sign-in',
    { ...form, config: { access: 'public', showFormAgain: handlers.signInAgain, ownsTextChecks } },
    handlers.submitSignIn,
  );
  app.post(
    '/sign-out',
    { ...form, config: { access: 'public', showFormAgain: handlers.signOutAgain } },
    handlers.signOut,
  );
  app.get('/signed-out', { config: { access: 'public' } }, handlers.showSignedOut);
  // Anyone signed in, whatever their roles: the warning before the session ends is on every staff page.
  app.post(
    '/session/extend',
    { ...form, config: { access: ROLES, ownsTextChecks } },
    sessionExtensionHandlers(services).extendSession,
  );

  app.get('/forgot-password', { config: { access: 'public' } }, handlers.showForgotPassword);
  app.post(
    '/forgot-password',
    { ...form, config: { access: 'public', rateLimit, showFormAgain: handlers.forgotPasswordAgain } },
    handlers.submitForgotPassword,
  );
  app.get('/forgot-password/sent', { config: { access: 'public' } }, handlers.showForgotPasswordSent);

  app.get('/reset-password', { config: { access: 'public' } }, handlers.showResetPassword);
  app.post(
    '/reset-password',
    { ...form, config: { access: 'public', rateLimit, showFormAgain: handlers.resetPasswordAgain } },
    handlers.submitResetPassword,
  );
  app.get('/accept-invitation', { config: { access: 'public' } }, handlers.showAcceptInvitation);
  app.post(
    '/accept-invitation',
    { ...form, config: { access: 'public', rateLimit, showFormAgain: handlers.acceptInvitationAgain } },
    handlers.submitAcceptInvitation,
  );
}
