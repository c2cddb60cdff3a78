import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { field, formError, refusedFormErrors, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import { EXPIRED_FORM, enquiryPageContext, enquiryPath, loadEnquiry } from '../enquiries/desk.pages.ts';
import { parseNote } from '../enquiries/desk.schema.ts';
import type { EnquiryDeskService } from '../enquiries/desk.service.ts';
import type { Enquiry } from '../enquiries/enquiries.service.ts';
import type { ProposalService } from '../proposals/proposals.service.ts';
import type { AgreementService } from '../agreements/agreements.service.ts';

export type EnquiryPageServices = {
  desk: EnquiryDeskService;
  proposals: ProposalService;
  agreements: AgreementService;
};

/**
 * An enquiry's page for the alliance's staff: the desk's record of it (enquiries), the leaders
 * proposed for it (proposals) and the agreement made (agreements), put together here so none of
 * those capabilities needs the others' pages.
 */
export function enquiryPageHandlers(services: EnquiryPageServices) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    enquiry: Enquiry,
    note?: { value: string; errors: FormErrors },
  ) {
    const desk = await enquiryPageContext(services.desk, actorOf(request), enquiry, note);
    if (!desk) return notFound(reply);
    return reply.render('enquiry-page/views/enquiry.njk', {
      ...desk,
      proposals: await services.proposals.forEnquiry(enquiry.id),
      agreements: await services.agreements.forEnquiry(actorOf(request), enquiry.reference),
    });
  }

  return {
    async show(request: FastifyRequest, reply: FastifyReply) {
      const enquiry = await loadEnquiry(services, request);
      if (!enquiry) return notFound(reply);
      return render(request, reply, enquiry);
    },

    async addNote(request: FastifyRequest, reply: FastifyReply) {
      const enquiry = await loadEnquiry(services, request);
      if (!enquiry) return notFound(reply);
      const value = field(bodyOf(request), 'note');
      const refused = refusedFormErrors(request);
      if (refused) return render(request, reply.code(400), enquiry, { value, errors: refused });
      const parsed = parseNote(value);
      const outcome = parsed.ok ? await services.desk.addNote(actorOf(request), enquiry, parsed.data.body) : parsed;
      if (!outcome.ok)
        return render(request, reply.code(400), enquiry, { value, errors: toFormErrors(outcome.problems) });
      setFlash(reply, 'Note added', { at: 'notes' });
      return reply.redirect(`${enquiryPath(enquiry.reference)}#notes`, 303);
    },

    async addNoteAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const enquiry = await loadEnquiry(services, request);
      if (!enquiry) return notFound(reply);
      return render(request, reply.code(formProblemStatus(problem)), enquiry, {
        value: field(bodyOf(request), 'note'),
        errors: formError(EXPIRED_FORM, '#note'),
      });
    },
  };
}
