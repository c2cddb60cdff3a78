import type { FastifyInstance } from 'fastify';
import { deskFormHandlers } from './desk-forms.handlers.ts';
import { deskHandlers, type DeskRouteServices } from './desk.handlers.ts';
import { yourSchoolHandlers } from './your-school.handlers.ts';
import { DESK_ROLES } from './desk.types.ts';

/**
 * The coordinators' enquiry desk, and what school contacts see of their own school's enquiries. An
 * enquiry's own page (with its proposals) is put together in enquiry-page/.
 */
export function registerDeskRoutes(app: FastifyInstance, services: DeskRouteServices): void {
  const desk = deskHandlers(services);
  const forms = deskFormHandlers(services);
  const school = yourSchoolHandlers(services);
  const staff = { access: DESK_ROLES };

  app.get('/staff/enquiries', { config: staff }, desk.showQueue);
  app.get('/staff/enquiries/:reference/first-contact', { config: staff }, forms.showFirstContact);
  app.post(
    '/staff/enquiries/:reference/first-contact',
    { config: { ...staff, showFormAgain: forms.firstContactAgain } },
    forms.submitFirstContact,
  );
  app.get('/staff/enquiries/:reference/status', { config: staff }, forms.showStatus);
  app.post(
    '/staff/enquiries/:reference/status',
    { config: { ...staff, showFormAgain: forms.statusAgain } },
    forms.submitStatus,
  );
  app.get('/staff/enquiries/:reference/coordinator', { config: staff }, forms.showCoordinator);
  app.post(
    '/staff/enquiries/:reference/coordinator',
    { config: { ...staff, showFormAgain: forms.coordinatorAgain } },
    forms.submitCoordinator,
  );
  app.get('/staff/enquiries/:reference/priority', { config: staff }, forms.showPriority);
  app.post(
    '/staff/enquiries/:reference/priority',
    { config: { ...staff, showFormAgain: forms.priorityAgain } },
    forms.submitPriority,
  );

  app.get('/staff/your-school/enquiries', { config: { access: ['school-contact'] } }, school.list);
  app.get('/staff/your-school/enquiries/:reference', { config: { access: ['school-contact'] } }, school.show);
}
