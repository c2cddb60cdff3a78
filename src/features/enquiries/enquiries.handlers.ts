import type { FastifyReply, FastifyRequest } from 'fastify';
import { refusedTextProblems, type FieldProblem, type FormErrors } from '../../platform/forms.ts';
import type { DirectoryService } from '../directory/directory.service.ts';
import type { School, SchoolService } from '../schools/schools.service.ts';
import { groupSpecialisms, type SpecialismService } from '../specialisms/specialisms.service.ts';
import type { EnquiryService } from './enquiries.service.ts';
import { HEARD_FROM, SUPPORT_TYPE_LABELS, TIMESCALES, parseApiSubmission } from './enquiries.schema.ts';
import {
  emptyEnquiryForm,
  enquiryFormErrors,
  enquiryFormValues,
  HONEYPOT_FIELD,
  parseEnquiryForm,
  type EnquiryFormValues,
} from './enquiries.form.ts';
import { normaliseEnquiryReference } from './enquiry-reference.ts';
import { formProblemStatus, bodyOf, parseId } from '../../platform/http/requests.ts';

/** Carries the reference from the POST to the confirmation page, so it is never in a URL. */
export const SENT_COOKIE = 'enquiry-sent';
const SENT_COOKIE_SECONDS = 60 * 60;

type FormPage = { values: EnquiryFormValues; errors?: FormErrors; schoolChoices?: School[] };

export type EnquiryRouteServices = {
  enquiries: EnquiryService;
  schools: SchoolService;
  specialisms: SpecialismService;
  directory: DirectoryService;
  ratePerHour: number;
};

export function enquiryHandlers(services: EnquiryRouteServices) {
  /** The leader chosen in the directory, if they can still be asked for. */
  async function requestedLeader(leaderId: string) {
    const id = parseId(leaderId);
    return id === undefined ? undefined : services.directory.findListed(id);
  }

  async function renderForm(reply: FastifyReply, page: FormPage) {
    const specialisms = await services.specialisms.active();
    return reply.render('enquiries/views/form.njk', {
      ...page,
      requestedLeader: await requestedLeader(page.values.leaderId),
      specialismGroups: groupSpecialisms(specialisms),
      supportTypes: SUPPORT_TYPE_LABELS,
      timescales: TIMESCALES,
      heardFromOptions: HEARD_FROM,
      honeypotField: HONEYPOT_FIELD,
    });
  }

  return {
    /** The empty form, or (from a leader's profile) with the leader and their specialisms filled in. */
    async showForm(
      request: FastifyRequest<{ Querystring: { specialism?: string | string[]; leader?: string } }>,
      reply: FastifyReply,
    ) {
      const values = emptyEnquiryForm();
      const wanted = request.query.specialism;
      values.specialisms = (Array.isArray(wanted) ? wanted : wanted ? [wanted] : []).slice(0, 30);
      if (values.specialisms.length > 0) values.supportType = 'sle';
      const leader = await requestedLeader(String(request.query.leader ?? ''));
      if (leader) {
        values.leaderId = String(leader.id);
        if (!leader.activeTypes.includes('sle') && leader.activeTypes.includes('lle')) values.supportType = 'lle';
      }
      return renderForm(reply, { values });
    },

    async submitForm(request: FastifyRequest, reply: FastifyReply) {
      const body = bodyOf(request);
      if (typeof body[HONEYPOT_FIELD] === 'string' && body[HONEYPOT_FIELD] !== '') {
        request.log.warn({ ip: request.ip }, 'Enquiry form honeypot filled in: not stored');
        return reply.render('enquiries/views/sent.njk', { enquiry: undefined });
      }
      let values = enquiryFormValues(body);
      const refused = refusedTextProblems(request);
      if (refused.length > 0) return renderForm(reply.code(400), { values, errors: enquiryFormErrors(refused, false) });
      // A leader who has left the directory since the form was opened: ask without them.
      if (values.leaderId && !(await requestedLeader(values.leaderId))) values = { ...values, leaderId: '' };
      const parsed = await parseEnquiryForm(services.schools, values);
      if (!parsed.ok) return renderForm(reply.code(400), parsed);

      const outcome = await services.enquiries.submit(parsed.submission, 'form', {
        submissionToken: values.submissionToken || undefined,
      });
      if (!outcome.ok)
        return renderForm(reply.code(400), { values, errors: enquiryFormErrors(outcome.problems, false) });

      reply.setCookie(SENT_COOKIE, outcome.enquiry.reference, {
        path: '/request-support',
        httpOnly: true,
        sameSite: 'lax',
        signed: true,
        secure: reply.server.secureCookies,
        maxAge: SENT_COOKIE_SECONDS,
      });
      return reply.redirect('/request-support/sent', 303);
    },

    /** An expired form or too many requests: the same form, the same answers, and what to do. */
    async showFormAgain(request: FastifyRequest, reply: FastifyReply, problem: 'csrf' | 'rate-limit') {
      const message =
        problem === 'csrf'
          ? 'This form had expired, so your request was not sent. Check your answers and select ‘Send request’ again'
          : 'Too many requests have come from your network in the last hour, so your request was not sent. Wait a few minutes, then select ‘Send request’ again';
      const errors: FormErrors = { summary: [{ text: message, href: '#send-request' }], fields: {} };
      return renderForm(reply.code(formProblemStatus(problem)), { values: enquiryFormValues(bodyOf(request)), errors });
    },

    async showSent(request: FastifyRequest, reply: FastifyReply) {
      const signed = request.cookies[SENT_COOKIE];
      const unsigned = signed ? request.unsignCookie(signed) : undefined;
      const reference = unsigned?.valid && unsigned.value ? normaliseEnquiryReference(unsigned.value) : undefined;
      const enquiry = reference ? await services.enquiries.findByReference(reference) : undefined;
      if (!enquiry) return reply.redirect('/request-support', 303);
      return reply.render('enquiries/views/sent.njk', { enquiry });
    },

    async submitApi(request: FastifyRequest, reply: FastifyReply) {
      const parsed = parseApiSubmission(request.body);
      if ('problems' in parsed) return reply.code(400).send({ errors: parsed.problems });
      const outcome = await services.enquiries.submit(parsed.submission, 'api');
      if (!outcome.ok) return reply.code(400).send({ errors: outcome.problems satisfies FieldProblem[] });
      return reply.code(201).send({ reference: outcome.enquiry.reference, respondBy: outcome.enquiry.respondBy });
    },
  };
}
