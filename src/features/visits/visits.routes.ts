import type { FastifyInstance } from 'fastify';
import type { VisitRouteServices } from './visits.requests.ts';
import { deliveryLogHandlers } from './delivery-logs.handlers.ts';
import { deliveryOverviewHandlers } from './delivery-overview.handlers.ts';
import { plannedVisitHandlers } from './planned-visits.handlers.ts';

/** The alliance's staff: they see delivery across every agreement. */
const staff = { access: ['administrator', 'coordinator'] as const };
/** Everyone with a part in agreements: each agreement is then checked as the agreement page checks it. */
const parties = { access: ['administrator', 'coordinator', 'system-leader', 'school-contact'] as const };
/** Those who plan visits and log delivery: the alliance's staff, and the agreement's own leader (checked per agreement). */
const deliverers = { access: ['administrator', 'coordinator', 'system-leader'] as const };

export function registerVisitRoutes(app: FastifyInstance, services: VisitRouteServices): void {
  const visits = plannedVisitHandlers(services);
  const logs = deliveryLogHandlers(services);
  const overview = deliveryOverviewHandlers(services);
  const base = '/staff/agreements/:id';

  app.get('/staff/delivery', { config: staff }, overview.list);

  app.get(`${base}/visits/calendar.ics`, { config: parties }, visits.agreementCalendar);
  app.get(`${base}/visits/:visitId/calendar.ics`, { config: parties }, visits.visitCalendar);
  app.get(`${base}/visits/new`, { config: deliverers }, visits.showNew);
  app.post(`${base}/visits/new`, { config: { ...deliverers, showFormAgain: visits.newAgain } }, visits.submitNew);
  app.get(`${base}/visits/:visitId/remove`, { config: deliverers }, visits.confirmRemove);
  app.post(`${base}/visits/:visitId/remove`, { config: deliverers }, visits.remove);

  app.get(`${base}/delivery/new`, { config: deliverers }, logs.showNew);
  app.post(`${base}/delivery/new`, { config: { ...deliverers, showFormAgain: logs.formAgain } }, logs.submitNew);
  app.get(`${base}/delivery/:logId`, { config: deliverers }, logs.showChange);
  app.post(`${base}/delivery/:logId`, { config: { ...deliverers, showFormAgain: logs.formAgain } }, logs.submitChange);
  app.post(`${base}/delivery/:logId/delete`, { config: deliverers }, logs.remove);
}
