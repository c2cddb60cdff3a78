import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { field, formError, type FormErrors } from '../../platform/forms.ts';
import { actorOf, bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import type { ErasureService } from './erasure.service.ts';
import { parsePersonEmail } from './privacy.schema.ts';
import { SubjectAccessService } from './subject-access.service.ts';

export type PeopleRouteServices = { subjectAccess: SubjectAccessService; erasure: ErasureService };

type EmailQuery = { Querystring: { email?: unknown } };

/** A person's records (subject access) and their erasure on request, found by email address. */
export function peopleHandlers(services: PeopleRouteServices) {
  async function renderConfirm(
    reply: FastifyReply,
    email: string,
    page: { errors?: FormErrors; confirmed?: boolean } = {},
  ) {
    const parsed = parsePersonEmail(email);
    // An expired form keeps its own status (403); a missing or wrong address is the request's fault.
    if (!parsed.ok)
      return reply
        .code(reply.statusCode === 200 ? 400 : reply.statusCode)
        .render('privacy/views/person.njk', { email, errors: formError(parsed.message, '#email') });
    return reply.render('privacy/views/erase.njk', {
      plan: await services.erasure.plan(parsed.email),
      errors: page.errors,
      confirmed: page.confirmed,
    });
  }

  return {
    async show(request: FastifyRequest<EmailQuery>, reply: FastifyReply) {
      const typed = request.query.email;
      if (typed === undefined) return reply.render('privacy/views/person.njk', { email: '' });
      const parsed = parsePersonEmail(typed);
      if (!parsed.ok)
        return reply.code(400).render('privacy/views/person.njk', {
          email: typeof typed === 'string' ? typed : '',
          errors: formError(parsed.message, '#email'),
        });
      const report = await services.subjectAccess.report(parsed.email);
      return reply.render('privacy/views/person.njk', {
        email: parsed.email,
        report,
        sections: SubjectAccessService.sections(report),
        exportHref: `/staff/privacy/people/export.json?email=${encodeURIComponent(parsed.email)}`,
        eraseHref: `/staff/privacy/people/erase?email=${encodeURIComponent(parsed.email)}`,
      });
    },

    async exportJson(request: FastifyRequest<EmailQuery>, reply: FastifyReply) {
      const parsed = parsePersonEmail(request.query.email);
      if (!parsed.ok) return reply.code(400).send({ errors: [{ field: 'email', message: parsed.message }] });
      const report = await services.subjectAccess.report(parsed.email);
      const day = report.generatedAt.slice(0, 10);
      return reply
        .header('content-disposition', `attachment; filename="subject-access-${day}.json"`)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(report, null, 2));
    },

    async confirm(request: FastifyRequest<EmailQuery>, reply: FastifyReply) {
      return renderConfirm(reply, typeof request.query.email === 'string' ? request.query.email : '');
    },

    async erase(request: FastifyRequest, reply: FastifyReply) {
      const body = bodyOf(request);
      const email = field(body, 'email');
      if (field(body, 'confirm') !== 'yes')
        return renderConfirm(reply.code(400), email, {
          errors: formError('Confirm that the person asked to be erased', '#confirm'),
        });
      const parsed = parsePersonEmail(email);
      if (!parsed.ok) return renderConfirm(reply.code(400), email);
      const reference = await services.erasure.erase(actorOf(request), parsed.email);
      if (!reference)
        return renderConfirm(reply.code(400), email, {
          confirmed: true,
          errors: formError('There is nothing to erase for this address, or it is your own account', '#confirm'),
        });
      setFlash(reply, `Erased. The reference for your reply to the person is ${reference}`);
      return reply.redirect('/staff/privacy', 303);
    },

    async eraseAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const body = bodyOf(request);
      return renderConfirm(reply.code(formProblemStatus(problem)), field(body, 'email'), {
        confirmed: field(body, 'confirm') === 'yes',
        errors: formError('This form had expired, so nothing was erased. Check and confirm again', '#confirm'),
      });
    },
  };
}
