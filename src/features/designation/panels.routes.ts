import type { FastifyInstance } from 'fastify';
import type { Role } from '../../platform/access.ts';
import { panelScoringHandlers, type PanelScoringRouteServices } from './panel-scoring.handlers.ts';
import { panelHandlers, type PanelRouteServices } from './panels.handlers.ts';
import { panelMemberHandlers, type PanelMemberRouteServices } from './panel-members.handlers.ts';
import { PANEL_MANAGERS } from './panels.service.ts';
import { staffApplicationHandlers, type StaffApplicationRouteServices } from './staff-applications.handlers.ts';

export type PanelsRouteServices = StaffApplicationRouteServices &
  PanelRouteServices &
  PanelScoringRouteServices &
  PanelMemberRouteServices;

/**
 * Staff > Applications and Panels: coordinators and administrators follow applications and run the
 * panels; panel members reach the panels they sit on (the service refuses any other as not found).
 */
export function registerPanelRoutes(app: FastifyInstance, services: PanelsRouteServices): void {
  const applications = staffApplicationHandlers(services);
  const panels = panelHandlers(services);
  const scoring = panelScoringHandlers(services);
  const members = panelMemberHandlers(services);
  const managers = { access: PANEL_MANAGERS };
  const onPanel = { access: ['panel-member', 'coordinator', 'administrator'] as readonly Role[] };
  const application = '/staff/panels/:id/applications/:applicationId';

  app.get('/staff/applications', { config: managers }, applications.list);
  app.get('/staff/applications/:id', { config: managers }, applications.show);
  app.get('/staff/applications/:id/withdraw', { config: managers }, applications.confirmWithdraw);
  app.post('/staff/applications/:id/withdraw', { config: managers }, applications.withdraw);
  app.get('/staff/applications/:id/appeal', { config: managers }, applications.showAppeal);
  app.post(
    '/staff/applications/:id/appeal',
    { config: { ...managers, showFormAgain: applications.recordAppealAgain } },
    applications.recordAppeal,
  );

  app.get('/staff/panels', { config: onPanel }, panels.list);
  app.get('/staff/panels/new', { config: managers }, panels.showNew);
  app.post('/staff/panels', { config: { ...managers, showFormAgain: panels.createAgain } }, panels.create);
  app.get('/staff/panels/:id', { config: onPanel }, panels.show);
  app.post(
    '/staff/panels/:id/members',
    { config: { ...managers, showFormAgain: panels.addMemberAgain } },
    panels.addMember,
  );
  app.get('/staff/panels/:id/members/:userId/remove', { config: managers }, members.confirmRemove);
  app.post(
    '/staff/panels/:id/members/:userId/remove',
    { config: { ...managers, showFormAgain: members.removeAgain } },
    members.remove,
  );
  app.post(
    '/staff/panels/:id/chair',
    { config: { ...managers, showFormAgain: panels.chooseChairAgain } },
    panels.chooseChair,
  );
  app.post(
    '/staff/panels/:id/applications',
    { config: { ...managers, showFormAgain: panels.addApplicationAgain } },
    panels.addApplication,
  );
  app.get(application, { config: onPanel }, scoring.show);
  app.post(
    `${application}/scores`,
    { config: { ...onPanel, showFormAgain: scoring.saveScoresAgain } },
    scoring.saveScores,
  );
  app.post(
    `${application}/conflict`,
    { config: { ...onPanel, showFormAgain: scoring.declareConflictAgain } },
    scoring.declareConflict,
  );
  app.post(`${application}/decision`, { config: { ...onPanel, showFormAgain: scoring.decideAgain } }, scoring.decide);
}
