import type { FastifyInstance } from 'fastify';
import { designationSettingsHandlers, type DesignationSettingsRouteServices } from './designation-settings.handlers.ts';
import { becomeASystemLeaderHandler, type BecomeASystemLeaderServices } from './become-a-system-leader.handlers.ts';
import { recruitmentRoundHandlers, type RecruitmentRoundRouteServices } from './recruitment-rounds.handlers.ts';

export type DesignationRouteServices = DesignationSettingsRouteServices &
  RecruitmentRoundRouteServices &
  BecomeASystemLeaderServices;

/** Designating system leaders: the public page on becoming one, and the rules and rounds behind it. */
export function registerDesignationRoutes(app: FastifyInstance, services: DesignationRouteServices): void {
  const settings = designationSettingsHandlers(services);
  const rounds = recruitmentRoundHandlers(services);
  const access = { access: ['administrator'] as const };

  app.get('/become-a-system-leader', { config: { access: 'public' } }, becomeASystemLeaderHandler(services));

  app.get('/staff/designation-settings', { config: access }, settings.show);
  app.post(
    '/staff/designation-settings',
    { config: { ...access, showFormAgain: settings.saveRulesAgain } },
    settings.saveRules,
  );
  app.post(
    '/staff/designation-settings/criteria',
    { config: { ...access, showFormAgain: settings.addCriterionAgain } },
    settings.addCriterion,
  );
  app.get('/staff/designation-settings/criteria/:id', { config: access }, settings.showCriterion);
  app.post(
    '/staff/designation-settings/criteria/:id',
    { config: { ...access, showFormAgain: settings.changeCriterionAgain } },
    settings.changeCriterion,
  );
  app.post('/staff/designation-settings/criteria/:id/remove', { config: access }, settings.removeCriterion);

  app.get('/staff/recruitment-rounds', { config: access }, rounds.list);
  app.post('/staff/recruitment-rounds', { config: { ...access, showFormAgain: rounds.openAgain } }, rounds.open);
  app.post('/staff/recruitment-rounds/:id/close', { config: access }, rounds.close);
}
