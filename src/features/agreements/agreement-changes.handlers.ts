import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormProblem } from '../../platform/errors.ts';
import { setFlash } from '../../platform/flash.ts';
import { formError, toFormErrors, type FormErrors } from '../../platform/forms.ts';
import { agreementHeading } from './agreement-page.ts';
import { allowsMove } from './agreement-status.ts';
import { agreementReference } from './agreements.labels.ts';
import { agreementIdOf, EXPIRED_FORM, renderRefusal, type AgreementRequest } from './agreements.requests.ts';
import { actorOf, bodyOf, formProblemStatus } from '../../platform/http/requests.ts';
import { notFound } from '../../platform/http/replies.ts';
import { parseReason } from './agreements.schema.ts';
import type { AgreementRouteServices } from './agreements.handlers.ts';

/**
 * Changes to an agreement as a whole, each confirmed with a reason: a variation of a signed agreement
 * (started, or discarded before every party signs it), or the withdrawal of one never signed.
 */
export function agreementChangeHandlers(services: AgreementRouteServices) {
  return {
    async showVary(request: AgreementRequest, reply: FastifyReply) {
      return renderReasonPage(request, reply, 'vary', { reason: '' });
    },

    async submitVary(request: AgreementRequest, reply: FastifyReply) {
      const id = agreementIdOf(request);
      if (id === undefined || !(await services.agreements.find(actorOf(request), id))) return notFound(reply);
      const parsed = parseReason(bodyOf(request), 'Enter why the agreement is being varied');
      if (!parsed.ok)
        return renderReasonPage(
          request,
          reply.code(400),
          'vary',
          { reason: String(bodyOf(request).reason ?? '') },
          toFormErrors(parsed.problems),
        );
      const outcome = await services.agreementEditing.startVariation(actorOf(request), id, parsed.data);
      if (!outcome.ok)
        return 'refused' in outcome
          ? renderRefusal(reply, id, outcome.refused)
          : renderReasonPage(request, reply.code(400), 'vary', { reason: parsed.data }, toFormErrors(outcome.problems));
      setFlash(
        reply,
        `Version ${outcome.value} started, copied from the signed version. Change it, then every party signs it again`,
      );
      return reply.redirect(`/staff/agreements/${id}`, 303);
    },

    async showDiscardVariation(request: AgreementRequest, reply: FastifyReply) {
      return renderDiscardPage(request, reply);
    },

    async submitDiscardVariation(request: AgreementRequest, reply: FastifyReply) {
      const id = agreementIdOf(request);
      if (id === undefined || !(await services.agreements.find(actorOf(request), id))) return notFound(reply);
      const outcome = await services.agreementEditing.discardVariation(actorOf(request), id);
      if (!outcome.ok)
        return renderRefusal(
          reply,
          id,
          'refused' in outcome ? outcome.refused : 'There is no variation being agreed to discard',
        );
      setFlash(reply, `Version ${outcome.value} discarded: the last signed version stays in force`);
      return reply.redirect(`/staff/agreements/${id}`, 303);
    },

    /** An expired form: show the confirmation again, to press once more. */
    async discardAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      return renderDiscardPage(request as AgreementRequest, reply.code(formProblemStatus(problem)), true);
    },

    async showWithdraw(request: AgreementRequest, reply: FastifyReply) {
      return renderReasonPage(request, reply, 'withdraw', { reason: '' });
    },

    async submitWithdraw(request: AgreementRequest, reply: FastifyReply) {
      const id = agreementIdOf(request);
      if (id === undefined || !(await services.agreements.find(actorOf(request), id))) return notFound(reply);
      const parsed = parseReason(bodyOf(request), 'Enter why the agreement is being withdrawn');
      if (!parsed.ok)
        return renderReasonPage(
          request,
          reply.code(400),
          'withdraw',
          { reason: String(bodyOf(request).reason ?? '') },
          toFormErrors(parsed.problems),
        );
      const outcome = await services.agreements.withdraw(actorOf(request), id, parsed.data);
      if (!outcome.ok)
        return renderReasonPage(
          request,
          reply.code(400),
          'withdraw',
          { reason: parsed.data },
          toFormErrors(outcome.problems),
        );
      setFlash(reply, `${agreementReference(id)} withdrawn`);
      return reply.redirect(`/staff/agreements/${id}`, 303);
    },

    async reasonAgain(request: FastifyRequest, reply: FastifyReply, problem: FormProblem) {
      const which = request.url.endsWith('/vary') ? 'vary' : 'withdraw';
      return renderReasonPage(
        request as AgreementRequest,
        reply.code(formProblemStatus(problem)),
        which,
        { reason: String(bodyOf(request).reason ?? '').slice(0, 1000) },
        formError(EXPIRED_FORM, '#reason'),
      );
    },
  };

  async function renderDiscardPage(request: AgreementRequest, reply: FastifyReply, expired = false) {
    const id = agreementIdOf(request);
    const agreement = id === undefined ? undefined : await services.agreements.find(actorOf(request), id);
    if (!agreement) return notFound(reply);
    // An expired form is answered as such (403) even when there is nothing left to discard.
    const discardable = allowsMove(agreement.agreement.status, 'discard-variation');
    if (!discardable && !expired)
      return renderRefusal(reply, agreement.agreement.id, 'There is no variation being agreed to discard');
    if (!discardable)
      return reply.render('agreements/views/refused.njk', {
        agreementId: agreement.agreement.id,
        message: EXPIRED_FORM,
        offerVariation: false,
      });
    const errors = expired ? formError(EXPIRED_FORM, '#discard-variation') : undefined;
    return reply.render('agreements/views/discard-variation.njk', {
      heading: agreementHeading(agreement),
      variation: agreement.version,
      errors,
    });
  }

  async function renderReasonPage(
    request: AgreementRequest,
    reply: FastifyReply,
    which: 'vary' | 'withdraw',
    values: { reason: string },
    errors?: FormErrors,
  ) {
    const id = agreementIdOf(request);
    const agreement = id === undefined ? undefined : await services.agreements.find(actorOf(request), id);
    if (!agreement) return notFound(reply);
    return reply.render(`agreements/views/${which}.njk`, { heading: agreementHeading(agreement), values, errors });
  }
}
