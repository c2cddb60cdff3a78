import type { FastifyInstance } from 'fastify';
import { registerUploadRoutes } from '../../platform/uploads/uploads.multipart.ts';
import { designationHandlers } from './designations.handlers.ts';
import type { LeaderAdminRouteServices } from './leaders-admin.common.ts';
import { leadersAdminHandlers } from './leaders-admin.handlers.ts';
import { myProfileHandlers } from './my-profile.handlers.ts';
import { rosterUploadHandlers } from './roster-upload.handlers.ts';

/** The people who run the alliance's brokerage keep its register of system leaders. */
const registerKeepers = ['administrator', 'coordinator'] as const;

/** Staff pages for the register of system leaders, and each system leader's own profile. */
export function registerLeaderAdminRoutes(app: FastifyInstance, services: LeaderAdminRouteServices): void {
  const leaders = leadersAdminHandlers(services);
  const designations = designationHandlers(services);
  const roster = rosterUploadHandlers(services);
  const ownProfile = myProfileHandlers(services);
  const access = { access: registerKeepers };

  app.get('/staff/leaders', { config: access }, leaders.list);
  app.get('/staff/leaders/add', { config: access }, leaders.showAdd);
  app.post('/staff/leaders/add', { config: { ...access, showFormAgain: leaders.addAgain } }, leaders.submitAdd);
  app.get('/staff/leaders/:id', { config: access }, leaders.show);
  app.get('/staff/leaders/:id/edit', { config: access }, leaders.showEdit);
  app.post('/staff/leaders/:id/edit', { config: { ...access, showFormAgain: leaders.editAgain } }, leaders.submitEdit);
  app.get('/staff/leaders/:id/designations/add', { config: access }, designations.showAdd);
  app.post(
    '/staff/leaders/:id/designations/add',
    { config: { ...access, showFormAgain: designations.addAgain } },
    designations.submitAdd,
  );
  app.get('/staff/leaders/:id/designations/:type', { config: access }, designations.showChange);
  app.post(
    '/staff/leaders/:id/designations/:type',
    { config: { ...access, showFormAgain: designations.changeAgain } },
    designations.submitChange,
  );

  app.get('/staff/leaders/roster', { config: access }, roster.show);
  registerUploadRoutes(app, { maxBytes: services.rosterMaxBytes }, (scope) => {
    scope.post('/staff/leaders/roster', { config: { ...access, showFormAgain: roster.again } }, roster.submit);
  });
  app.get('/staff/leaders/roster/:id', { config: access }, roster.showReport);

  // Only ever the signed-in leader's own record (see myProfileHandlers): not their designations, nobody else's.
  app.get('/staff/my-profile', { config: { access: ['system-leader'] } }, ownProfile.show);
  app.post(
    '/staff/my-profile',
    { config: { access: ['system-leader'], showFormAgain: ownProfile.again } },
    ownProfile.submit,
  );
}
