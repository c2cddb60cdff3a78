import type { FastifyInstance } from 'fastify';
import { userHandlers, type UserRouteServices } from './users.handlers.ts';

const administrators = ['administrator'] as const;

/** Administrators' pages for the alliance's staff accounts. */
export function registerUserRoutes(app: FastifyInstance, services: UserRouteServices): void {
  const handlers = userHandlers(services);
  const access = { access: administrators };

  app.get('/staff/users', { config: access }, handlers.list);
  app.get('/staff/users/invite', { config: access }, handlers.showInvite);
  app.post(
    '/staff/users/invite',
    { config: { ...access, showFormAgain: handlers.inviteAgain } },
    handlers.submitInvite,
  );
  app.get('/staff/users/:id', { config: access }, handlers.show);
  app.get('/staff/users/:id/roles', { config: access }, handlers.showRoles);
  app.post(
    '/staff/users/:id/roles',
    { config: { ...access, showFormAgain: handlers.rolesAgain } },
    handlers.submitRoles,
  );
  app.get('/staff/users/:id/deactivate', { config: access }, handlers.showDeactivate);
  app.post('/staff/users/:id/deactivate', { config: access }, handlers.submitDeactivate);
  app.post('/staff/users/:id/reactivate', { config: access }, handlers.submitReactivate);
  app.post('/staff/users/:id/resend-invitation', { config: access }, handlers.submitResendInvitation);
}
