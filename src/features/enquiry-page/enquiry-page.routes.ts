import type { FastifyInstance } from 'fastify';
import { DESK_ROLES } from '../enquiries/desk.types.ts';
import { enquiryPageHandlers, type EnquiryPageServices } from './enquiry-page.handlers.ts';

export function registerEnquiryPageRoutes(app: FastifyInstance, services: EnquiryPageServices): void {
  const handlers = enquiryPageHandlers(services);
  const staff = { access: DESK_ROLES };
  app.get('/staff/enquiries/:reference', { config: staff }, handlers.show);
  app.post(
    '/staff/enquiries/:reference/notes',
    { config: { ...staff, showFormAgain: handlers.addNoteAgain, showsRefusedText: true } },
    handlers.addNote,
  );
}
