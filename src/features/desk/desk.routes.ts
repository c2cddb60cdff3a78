import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { deskFormHandlers } from './desk-forms.handlers.ts';
import { deskHandlers } from './desk.handlers.ts';
import { yourSchoolHandlers } from './your-school.handlers.ts';
import { DESK_ROLES } from './desk.service.ts';

/** The coordinators' enquiry desk, and what school contacts see of their own school's enquiries. */
export function registerDeskRoutes(app: FastifyInstance, services: Services): void {
  const desk = deskHandlers(services);
  const forms = deskFormHandlers(services);
  const school = yourSchoolHandlers(services);
  const staff = { access: DESK_ROLES };

  app.get('/staff/enquiries', { config: staff }, desk.showQueue);
  app.get('/staff/enquiries/:reference', { config: staff }, desk.showEnquiry);
  app.post('/staff/enquiries/:reference/notes', { config: { ...staff, showFormAgain: desk.addNoteAgain } }, desk.addNote);
  app.get('/staff/enquiries/:reference/first-contact', { config: staff }, forms.showFirstContact);
  app.post('/staff/enquiries/:reference/first-contact', { config: { ...staff, showFormAgain: forms.firstContactAgain } }, forms.submitFirstContact);
  app.get('/staff/enquiries/:reference/status', { config: staff }, forms.showStatus);
  app.post('/staff/enquiries/:reference/status', { config: { ...staff, showFormAgain: forms.statusAgain } }, forms.submitStatus);
  app.get('/staff/enquiries/:reference/coordinator', { config: staff }, forms.showCoordinator);
  app.post('/staff/enquiries/:reference/coordinator', { config: { ...staff, showFormAgain: forms.coordinatorAgain } }, forms.submitCoordinator);
  app.get('/staff/enquiries/:reference/priority', { config: staff }, forms.showPriority);
  app.post('/staff/enquiries/:reference/priority', { config: { ...staff, showFormAgain: forms.priorityAgain } }, forms.submitPriority);

  app.get('/staff/your-school/enquiries', { config: { access: ['school-contact'] } }, school.list);
  app.get('/staff/your-school/enquiries/:reference', { config: { access: ['school-contact'] } }, school.show);
}
