import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { notFound } from '../../platform/http/replies.ts';
import { actorOf, bodyOf, formProblemStatus, parseId } from '../../platform/http/requests.ts';
import type { AllianceService } from '../../platform/alliance/alliance.service.ts';
import { REQUEST_NAMES } from './application-stage.ts';
import { isConsent, type ApplicationRequestsService, type LinkOutcome } from './application-requests.service.ts';
import { EXPIRED_FORM, formRefused } from './apply-pages.ts';
import {
  parseConsent,
  parsePerson,
  parseReference,
  personValues,
  text,
  type ConsentValues,
  type PersonValues,
  type ReferenceValues,
} from './apply.schema.ts';
import { TYPE_NAMES } from './designation.model.ts';

export type ApplicationRequestRouteServices = {
  applicationRequests: ApplicationRequestsService;
  alliances: AllianceService;
};

type ByToken = FastifyRequest<{ Params: { token: string } }>;
type ByRequest = FastifyRequest<{ Params: { id: string; requestId: string } }>;
type AnswerValues = ReferenceValues & ConsentValues;

const VIEWS = 'designation/views/application-requests';
const staffPage = (applicationId: number) => `/staff/applications/${applicationId}`;

/** A referee's or consenter's page, reached by the emailed link; and coordinators' resend and change. */
export function applicationRequestHandlers({ applicationRequests, alliances }: ApplicationRequestRouteServices) {
  async function renderLink(reply: FastifyReply, found: LinkOutcome, values?: AnswerValues, errors?: FormErrors) {
    if (!found.ok)
      return reply
        .code(found.reason === 'not-found' ? 404 : 410)
        .render(`${VIEWS}/link-problem.njk`, { reason: found.reason, alliance: await alliances.current() });
    return reply.render(`${VIEWS}/answer.njk`, {
      request: found.request,
      application: found.application,
      typeName: TYPE_NAMES[found.application.designationType],
      criteria: found.criteria,
      consent: isConsent(found.request.kind),
      asked: REQUEST_NAMES[found.request.kind],
      values: values ?? { answerText: '', supports: '', releaseDays: '' },
      errors,
    });
  }

  const answerValues = (request: FastifyRequest): AnswerValues => {
    const body = bodyOf(request);
    return {
      answerText: text(body, 'answerText'),
      supports: text(body, 'supports').slice(0, 10),
      releaseDays: text(body, 'releaseDays').slice(0, 10),
    };
  };

  async function renderChange(
    reply: FastifyReply,
    applicationId: number,
    found: NonNullable<Awaited<ReturnType<ApplicationRequestsService['staffRequest']>>>,
    values: PersonValues,
    errors?: FormErrors,
  ) {
    return reply.render(`${VIEWS}/change.njk`, {
      applicationId,
      request: found.request,
      application: found.application,
      asked: REQUEST_NAMES[found.request.kind],
      consent: isConsent(found.request.kind),
      values,
      errors,
    });
  }

  const ids = (request: ByRequest) => ({
    id: parseId(request.params.id),
    requestId: parseId(request.params.requestId),
  });

  async function loadStaffRequest(request: ByRequest) {
    const { id, requestId } = ids(request);
    if (id === undefined || requestId === undefined) return undefined;
    const found = await applicationRequests.staffRequest(id, requestId);
    return found ? { id, requestId, found } : undefined;
  }

  return {
    async show(request: ByToken, reply: FastifyReply) {
      return renderLink(reply, await applicationRequests.byLink(request.params.token));
    },

    async answer(request: ByToken, reply: FastifyReply) {
      const found = await applicationRequests.byLink(request.params.token);
      if (!found.ok) return renderLink(reply, found);
      const values = answerValues(request);
      const parsed = isConsent(found.request.kind) ? parseConsent(values) : parseReference(values);
      if (!parsed.ok) return renderLink(reply.code(400), found, values, toFormErrors(parsed.problems));
      const answered = await applicationRequests.answerByLink(request.params.token, parsed.value);
      if (!answered.ok) return renderLink(reply, answered);
      return reply.render(`${VIEWS}/answered.njk`, {
        application: answered.application,
        consent: isConsent(found.request.kind),
        alliance: await alliances.current(),
      });
    },

    async answerAgain(request: ByToken, reply: FastifyReply, problem: FormProblem) {
      const found = await applicationRequests.byLink(request.params.token);
      if (!found.ok) return formRefused(reply, problem);
      return renderLink(
        reply.code(formProblemStatus(problem)),
        found,
        answerValues(request),
        formError(EXPIRED_FORM, '#answerText'),
      );
    },

    async resend(request: ByRequest, reply: FastifyReply) {
      const loaded = await loadStaffRequest(request);
      if (!loaded) return notFound(reply);
      const outcome = await applicationRequests.resend(actorOf(request), loaded.id, loaded.requestId);
      setFlash(reply, outcome.ok ? `A new link was sent to ${loaded.found.request.name}` : outcome.message, {
        at: 'requests',
      });
      return reply.redirect(`${staffPage(loaded.id)}#requests`, 303);
    },

    async showChange(request: ByRequest, reply: FastifyReply) {
      const loaded = await loadStaffRequest(request);
      if (!loaded) return notFound(reply);
      const { name, email, jobTitle, organisation } = loaded.found.request;
      return renderChange(reply, loaded.id, loaded.found, { name, email, jobTitle, organisation });
    },

    async change(request: ByRequest, reply: FastifyReply) {
      const loaded = await loadStaffRequest(request);
      if (!loaded) return notFound(reply);
      const values = personValues(bodyOf(request), '');
      const full = !isConsent(loaded.found.request.kind);
      const parsed = parsePerson(values, '', 'the person', full);
      if (!parsed.ok)
        return renderChange(reply.code(400), loaded.id, loaded.found, values, toFormErrors(parsed.problems));
      const person = full
        ? parsed.value
        : { ...parsed.value, jobTitle: loaded.found.request.jobTitle, organisation: loaded.found.request.organisation };
      const outcome = await applicationRequests.change(actorOf(request), loaded.id, loaded.requestId, person);
      if (!outcome.ok)
        return renderChange(reply.code(409), loaded.id, loaded.found, values, formError(outcome.message, '#name'));
      setFlash(reply, `${REQUEST_NAMES[loaded.found.request.kind]}: asked of ${person.name}`, { at: 'requests' });
      return reply.redirect(`${staffPage(loaded.id)}#requests`, 303);
    },

    async changeAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const loaded = await loadStaffRequest(request as ByRequest);
      if (!loaded) return formRefused(reply, problem);
      return renderChange(
        reply.code(formProblemStatus(problem)),
        loaded.id,
        loaded.found,
        personValues(bodyOf(request), ''),
        formError(EXPIRED_FORM, '#name'),
      );
    },
  };
}
